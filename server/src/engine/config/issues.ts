// Recording a configuration's problems in the order they are found. Field errors are rendered as
// apimachinery's util/validation/field prints them (fieldErrors.ts), which is what kube-scheduler's
// ValidateKubeSchedulerConfiguration returns; `key` says whether the field's key or its value is meant.

import { makeIssue, type ApiErrorType, type ApiIssue, type DocPath, type GoValue } from '../fieldErrors';
import type { ConfigContext, ConfigIssue } from './types';

export function report(c: ConfigContext, path: DocPath, message: string, severity: ConfigIssue['severity'] = 'error', key = false): void {
  c.issues.push({ path, key, message, severity });
}

/** A field error as the API prints it; Required, Forbidden and Duplicate point at the key, the others at the value. */
export function fieldError(c: ConfigContext, code: string, type: ApiErrorType, api: DocPath, value: GoValue | undefined, detail = ''): void {
  reportApiIssue(c, makeIssue({ code, type, api, value, detail }), type === 'Required' || type === 'Forbidden' || type === 'Duplicate' ? 'key' : 'value');
}

export function reportApiIssue(c: ConfigContext, i: ApiIssue, at: 'key' | 'value' = 'value'): void {
  report(c, i.path, i.message, 'error', at === 'key');
}

/** Whether an error was recorded since issue number `from`. */
export function hasErrorsSince(c: ConfigContext, from = 0): boolean {
  return c.issues.slice(from).some((x) => x.severity === 'error');
}
