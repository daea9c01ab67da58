// matchLabelKeys (spread-semantics.md §1.4, §2.1 step 2, §7.2; §8 L13, L14, L16): keys the pods do
// not carry, keys unique to each pod, and Deployments that count old revisions during rollouts.

import type { Finding } from '../../base/finding';
import { apiReported, effectiveSelector, finding, keysOf, matches, singleReplica, type LintConstraint, type LintInput } from './input';

/** Labels whose value differs for every pod of a workload. */
const PER_POD: Record<string, string> = {
  'statefulset.kubernetes.io/pod-name': 'the StatefulSet pod name',
  'apps.kubernetes.io/pod-index': 'the StatefulSet pod index',
  'batch.kubernetes.io/job-completion-index': 'the Indexed Job completion index',
};

const REVISION_LABEL: Record<string, string> = {
  Deployment: 'pod-template-hash',
  StatefulSet: 'controller-revision-hash',
  DaemonSet: 'controller-revision-hash',
};

export function matchLabelKeysRules(input: LintInput, lc: LintConstraint): Finding[] {
  const { c, path } = lc;
  const out: Finding[] = [];
  const mlkPath = [...path, 'matchLabelKeys'];
  if (!input.mlkGate || c.selector === undefined || c.selector === null) return out; // dropped, or V9 (api/)
  const list = c.matchLabelKeys ?? [];
  list.forEach((k, j) => {
    if (typeof k !== 'string' || apiReported(input, [...mlkPath, j])) return;
    const at = [...mlkPath, j];
    const carried = Object.prototype.hasOwnProperty.call(input.podLabels, k);
    if (!carried) {
      const revision = REVISION_LABEL[input.w.kind];
      const wrongRevision = k === 'pod-template-hash' || k === 'controller-revision-hash' ? revision && revision !== k : false;
      const who = input.w.kind === 'Pod' ? 'this Pod does not have it' : `neither the template nor the ${input.w.kind} controller sets it`;
      const hint = wrongRevision ? `; ${input.w.kind} pods carry "${revision}" instead` : '';
      out.push(finding(input, 'lint/matchLabelKeys-absent', 'warning',
        `matchLabelKeys "${k}" is ignored: ${who}${hint}, so the selector is not narrowed`,
        at, 'value', wrongRevision ? { fix: 'set-value', value: revision } : { fix: 'remove-field' }));
      return;
    }
    if (PER_POD[k]) {
      out.push(finding(input, 'lint/matchLabelKeys-per-pod', 'error',
        `matchLabelKeys "${k}" is ${PER_POD[k]}, different for every pod: each pod's selector then matches only itself, so this constraint does not spread anything`,
        at, 'value', { fix: 'remove-field' }));
    }
  });

  // L16: a Deployment should count only its current revision (moot with a single replica: it cannot skew).
  if (input.w.kind === 'Deployment' && !singleReplica(input) && !keysOf(c).includes('pod-template-hash') && !apiReported(input, mlkPath)) {
    const sel = c.selector;
    const mentions = Object.prototype.hasOwnProperty.call(sel.matchLabels ?? {}, 'pod-template-hash') || (sel.expressions ?? []).some((e) => e?.key === 'pod-template-hash');
    const eff = effectiveSelector(input, c);
    const counted = !sel.partial && eff !== undefined && eff !== null && (eff.matchLabels && Object.keys(eff.matchLabels).length || (eff.expressions ?? []).length);
    if (!mentions && counted && matches(eff ?? null, input.podLabels) === true) {
      const anchor = input.doc.has(mlkPath) ? mlkPath : [...path, 'labelSelector'];
      out.push(finding(input, 'lint/matchLabelKeys-pod-template-hash', 'hint',
        'Add matchLabelKeys: [pod-template-hash]. Without it, during a rolling update the old ReplicaSet\'s pods (still running) are counted together with the new ones, ' +
        'so new pods are placed to balance the old+new total and the new revision ends up skewed once the old pods are gone',
        anchor, 'key', { fix: 'add-matchLabelKeys', key: 'pod-template-hash' }));
    }
  }
  return out;
}
