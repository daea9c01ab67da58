// Where a cursor is in a multi-document YAML file: which document, and which field path. Used to
// pick the workload under the cursor (simulate/explain) and to decide what a hover is about.

import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { DEFAULT_LIMITS, findExcessiveNesting } from '../analysis';

export interface YamlPosition {
  document: number;
  /** Keys and indexes from the document root, e.g. ['spec','template','spec','topologySpreadConstraints',0,'maxSkew']. */
  path: (string | number)[];
}

/**
 * The last text parsed and its documents (undefined: refused by the guards). Hovers, completions and
 * lenses ask about one text many times: re-parsing a 2,000-line file cost ~30 ms per hover. The
 * documents are only read here, never changed.
 */
const parseAll = (text: string) => parseAllDocuments(text, { uniqueKeys: false });
let last: { text: string; docs: ReturnType<typeof parseAll> | undefined } | undefined;

function documentsOf(text: string): ReturnType<typeof parseAll> | undefined {
  if (last?.text === text) return last.docs;
  // The analysis's guards (a hover on a 20 MB or 10,000-level file must not parse what the analysis
  // refuses), and no uniqueKeys: the library's check is quadratic in a mapping's size.
  const refused = text.length > DEFAULT_LIMITS.maxTextLength || findExcessiveNesting(text, DEFAULT_LIMITS.maxDepth) >= 0;
  last = { text, docs: refused ? undefined : parseAll(text) };
  return last.docs;
}

export function yamlPositionAt(text: string, offset: number): YamlPosition | undefined {
  const docs = documentsOf(text);
  if (!docs) return undefined;
  let document = -1;
  docs.forEach((d, i) => {
    if (d.range[0] <= offset) document = i;
  });
  if (document < 0) return docs.length ? { document: 0, path: [] } : undefined;
  const path: (string | number)[] = [];
  descend(text, docs[document].contents as Node | null, offset, path);
  return { document, path };
}

/**
 * Whether the cursor is on the node. A node's range ends at range[2], after its trailing comment
 * and, for a value that ends its line, after the line break (block collections end there too); a
 * cursor at that end is on the node only when the end is not the start of the next line: `zone‸`
 * (end of the last line) and `{c: d‸}` are on the value, the first column of the line below is not.
 */
function within(text: string, n: Node | null | undefined, offset: number): boolean {
  if (!n?.range || offset < n.range[0]) return false;
  const end = n.range[2];
  return offset < end || (offset === end && text[end - 1] !== '\n');
}

function descend(text: string, node: Node | null, offset: number, path: (string | number)[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      const keyHit = within(text, key, offset);
      if (keyHit || within(text, value, offset)) {
        path.push(isScalar(key) ? String(key.value) : '?');
        if (!keyHit) descend(text, value, offset, path);
        return;
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      if (within(text, item as Node, offset)) {
        path.push(i);
        descend(text, item as Node, offset, path);
      }
    });
  }
}
