// Floats read the way kubectl reads them. kubectl decodes YAML with go-yaml v2 (YAML 1.1); the yaml
// library's 1.1 schema agrees on almost every plain scalar, but its float patterns make every digit
// optional, so `e5`, `E5`, `.` and `.e5` come out as NaN where go-yaml keeps the text as a string
// (its resolver only tries a number when the scalar starts with a digit, a sign or a dot, and its
// float pattern needs a digit). The library's float tags are kept (their resolve and stringify) with
// go-yaml's rule as their test:
//   - starting with `.`: the text is a Go float as written (`.5`, `.5e3`; no underscores);
//   - starting with a digit or a sign: with every `_` removed, it matches
//     `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (go-yaml's yamlStyleFloat).
// `.inf` and `.nan` are the same in both and stay as they are. Integers come first in the schema, so
// a text both read as an integer (`1_000`) is still one.

import type { ScalarTag, Tags } from 'yaml';

const FLOAT_TAG = 'tag:yaml.org,2002:float';

// The second rule with the underscores still in: `_` may follow any character after the first.
const SIGNED_OR_DIGIT = String.raw`(?:[0-9][0-9_]*(?:\.[0-9_]*)?|[-+]_*(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\._*[0-9][0-9_]*))`;
const SIGNED_OR_DIGIT_EXPONENT = String.raw`[eE]_*(?:[-+]_*)?[0-9][0-9_]*`;
const DOT = String.raw`\.[0-9]+`;
const DOT_EXPONENT = String.raw`[eE][-+]?[0-9]+`;

/** go-yaml's floats without an exponent (`1.5`, `1.`, `.5`, `-.5`). */
export const GO_FLOAT = new RegExp(`^(?:${SIGNED_OR_DIGIT}|${DOT})$`);
/** go-yaml's floats with an exponent (`1e3`, `1.5E-3`, `.5e3`). */
export const GO_FLOAT_EXPONENT = new RegExp(`^(?:${SIGNED_OR_DIGIT}${SIGNED_OR_DIGIT_EXPONENT}|${DOT}${DOT_EXPONENT})$`);

function withGoFloatTest(tag: ScalarTag): ScalarTag {
  if (tag.tag !== FLOAT_TAG || !tag.test) return tag;
  // Told apart by what they accept: the exponent form, the point form, and `.inf`/`.nan` (kept).
  if (tag.test.test('1e5')) return { ...tag, test: GO_FLOAT_EXPONENT };
  if (tag.test.test('1.5')) return { ...tag, test: GO_FLOAT };
  return tag;
}

/** The YAML 1.1 schema's tags with go-yaml's float rule (for `customTags`). */
export function withGoYamlFloats(tags: Tags): Tags {
  return tags.map((t) => (typeof t === 'string' || t.collection ? t : withGoFloatTest(t)));
}
