// Typed reads of a decoded policy value with problems addressed by field path (policy.ts).
// Wrong types are problems (Go's JSON decoding fails on them); unknown fields are warnings (the
// descheduler's decoder is not strict and ignores them, so a typo silently does nothing).

import type { LabelSelector } from '../api';
import { labelSelectorAsSelector, SelectorError } from '../selectors';
import type { PolicyProblem } from './types';

export class Reader {
  readonly problems: PolicyProblem[] = [];
  readonly warnings: PolicyProblem[] = [];

  problem(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  object(v: unknown, path: string): Record<string, unknown> | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.problem(path, `must be a mapping, not ${describe(v)}`);
      return undefined;
    }
    return v as Record<string, unknown>;
  }

  known(o: Record<string, unknown>, path: string, fields: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (!fields.includes(k)) this.warnings.push({ path: join(path, k), message: `unknown field "${k}": the descheduler ignores it` });
    }
  }

  string(v: unknown, path: string): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      this.problem(path, `must be a string, not ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  bool(v: unknown, path: string): boolean | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.problem(path, `must be a boolean, not ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  /** A Go uint / int32: a whole number in range. */
  integer(v: unknown, path: string, min: number, max: number): number | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.problem(path, `must be an integer, not ${describe(v)}`);
      return undefined;
    }
    if (v < min || v > max) {
      this.problem(path, `must be between ${min} and ${max}`);
      return undefined;
    }
    return v;
  }

  strings(v: unknown, path: string): string[] | undefined {
    const list = this.list(v, path);
    if (!list) return undefined;
    const out: string[] = [];
    list.forEach((x, i) => {
      const s = this.string(x, `${path}[${i}]`);
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  list(v: unknown, path: string): unknown[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.problem(path, `must be a list, not ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  /** A metav1.LabelSelector, checked as LabelSelectorAsSelector checks it. */
  labelSelector(v: unknown, path: string): LabelSelector | undefined {
    const o = this.object(v, path);
    if (!o) return undefined;
    this.known(o, path, ['matchLabels', 'matchExpressions']);
    try {
      labelSelectorAsSelector(o as LabelSelector);
    } catch (e) {
      this.problem(path, e instanceof SelectorError ? e.message : 'invalid label selector');
      return undefined;
    }
    return o as LabelSelector;
  }
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}
