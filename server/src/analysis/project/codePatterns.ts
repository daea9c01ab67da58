// The code patterns a suppression or a project file names: an exact finding code (`lint/selector-missing`)
// or a whole group (`lint/*`). Nothing broader: a bare `*` would hide every error of a file, so it is
// not accepted. The same matching serves inline comments, the annotation and the project file, which
// is what makes "ignored here" mean the same thing in the CLI and in the editor.

import type { Severity } from '../../base/finding';
import { didYouMean } from '../../validation/schema/messages';
import { knownCodes } from '../render/codes';

/** The finding groups, the first segment of every code. */
export const CODE_GROUPS = ['yaml', 'schema', 'api', 'lint', 'spread'] as const;

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** The shape of a pattern (the project file's JSON Schema repeats it). */
const PATTERN_SHAPE = /^[a-z]+\/(\*|[A-Za-z0-9][A-Za-z0-9-]*)$/;

export function isGroupPattern(pattern: string): boolean {
  return pattern.endsWith('/*');
}

/** Whether `pattern` covers `code`: the same code, or its group's wildcard. */
export function matchesCode(pattern: string, code: string): boolean {
  return isGroupPattern(pattern) ? code.startsWith(pattern.slice(0, -1)) : pattern === code;
}

/**
 * Why a pattern can never match anything, in words (with the nearest known code when one is close);
 * undefined for a documented code or a known group's wildcard.
 */
export function unknownPatternProblem(pattern: string): string | undefined {
  if (!PATTERN_SHAPE.test(pattern)) {
    if (pattern === '*') return '"*" is not accepted: name codes, or a whole group as lint/* (groups: yaml, schema, api, lint, spread)';
    return `"${pattern}" is not a finding code (codes look like lint/selector-missing, groups like lint/*)`;
  }
  const group = pattern.slice(0, pattern.indexOf('/'));
  if (!(CODE_GROUPS as readonly string[]).includes(group)) {
    return `"${pattern}": unknown group "${group}" (groups: ${CODE_GROUPS.join(', ')})`;
  }
  if (isGroupPattern(pattern) || knownCodes().includes(pattern)) return undefined;
  const near = didYouMean(pattern, knownCodes());
  return `"${pattern}" is not a kube-spread finding code${near ? ` (did you mean ${near}?)` : ''}`;
}

/** The first-listed rule for a code, an exact code winning over its group's wildcard. */
export function lookupByCode<T>(rules: ReadonlyMap<string, T>, code: string): T | undefined {
  const slash = code.indexOf('/');
  return rules.get(code) ?? (slash < 0 ? undefined : rules.get(`${code.slice(0, slash)}/*`));
}
