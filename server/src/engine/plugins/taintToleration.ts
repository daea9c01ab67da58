// TaintToleration (pkg/scheduler/framework/plugins/tainttoleration).
// Filter: the first NoSchedule/NoExecute taint the pod does not tolerate rejects the node.
// Score: the number of PreferNoSchedule taints not tolerated by the pod's tolerations whose effect
// is empty or PreferNoSchedule, normalized reversed (fewer untolerated taints = higher score).

import type { Taint, Toleration } from '../api';
import { SUCCESS, unresolvable, type CycleState, type PluginFactory, type Status } from '../framework';
import { isDoNotScheduleTaint, toleratesTaint, type TolerationOptions } from '../tolerations';
import { defaultNormalizeScore } from './defaultNormalizeScore';

/** Reason since kubernetes#134740 (v1.35, cherry-picked to 1.34 patch releases). */
export const ERR_REASON_UNTOLERATED = 'node(s) had untolerated taint(s)';

/** Older releases name the first untolerated taint (from #109119, v1.25, to v1.33). */
export function legacyUntoleratedReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

/** The release lines whose newest patch uses the generic message (see ERR_REASON_UNTOLERATED). */
const GENERIC_REASON_SINCE_MINOR = 34;

const PRE_SCORE_KEY = 'PreScoreTaintToleration';

const DECIMAL_INTEGER_ERR = 'must be a valid decimal integer in canonical form';
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Why an Lt/Gt value cannot be compared, in the words of k8s.io/api ToleratesTaint, or undefined.
 * Upstream accepts only canonical decimals (no sign '+', no leading zeros) that fit int64.
 */
function int64ParseError(what: 'toleration' | 'taint', value: string): string | undefined {
  if (value === '') return `failed to parse ${what} value "" as int64: must be non-empty`;
  if (!/^(0|-?[1-9][0-9]*)$/.test(value)) return `failed to parse ${what} value "${value}" as int64: ${DECIMAL_INTEGER_ERR}`;
  const n = BigInt(value);
  if (n < INT64_MIN || n > INT64_MAX) {
    return `failed to parse ${what} value "${value}" as int64: strconv.ParseInt: parsing "${value}": value out of range`;
  }
  return undefined;
}

/**
 * The error upstream's ToleratesTaint returns for this pair when the comparison-operator gate is
 * on: an Lt/Gt toleration that applies to the taint but has an unparsable value on either side.
 */
function comparisonError(t: Toleration, taint: Taint, opts: TolerationOptions): string | undefined {
  if (!opts.comparisonOperators) return undefined;
  if (t.operator !== 'Lt' && t.operator !== 'Gt') return undefined;
  if (t.effect && t.effect !== taint.effect) return undefined;
  if (t.key && t.key !== taint.key) return undefined;
  return int64ParseError('toleration', t.value ?? '') ?? int64ParseError('taint', taint.value ?? '');
}

type Verdict = { tolerated: true } | { tolerated: false; error?: string };

/** TolerationsTolerateTaint with its error: any match wins; else the first comparison error, if any. */
function judge(tolerations: readonly Toleration[], taint: Taint, opts: TolerationOptions): Verdict {
  let error: string | undefined;
  for (const t of tolerations) {
    if (!t) continue;
    const err = comparisonError(t, taint, opts);
    if (err === undefined && toleratesTaint(t, taint, opts)) return { tolerated: true };
    error ??= err;
  }
  return { tolerated: false, error };
}

export const TaintToleration: PluginFactory = (handle) => {
  const opts: TolerationOptions = { comparisonOperators: !!handle.env.gates.TaintTolerationComparisonOperators };
  const minor = handle.env.minor;

  return {
    name: 'TaintToleration',

    filter(_state, pod, node): Status {
      const tolerations = pod.pod.spec?.tolerations ?? [];
      // FindMatchingUntoleratedTaint: a cleanly untolerated taint is reported in preference to a
      // comparison parse failure, so the verdict does not depend on the order of the taints.
      let firstError: string | undefined;
      for (const taint of node.taints) {
        if (!isDoNotScheduleTaint(taint)) continue;
        const v = judge(tolerations, taint, opts);
        if (v.tolerated) continue;
        if (v.error !== undefined) {
          firstError ??= v.error;
          continue;
        }
        return unresolvable(minor >= GENERIC_REASON_SINCE_MINOR ? ERR_REASON_UNTOLERATED : legacyUntoleratedReason(taint));
      }
      // The status then carries only the error text (fwk Status.WithError), as upstream's table expects.
      return firstError === undefined ? SUCCESS : unresolvable(firstError);
    },

    preScore(state: CycleState, pod) {
      // Only tolerations that can match a PreferNoSchedule taint matter (an empty effect matches all).
      const relevant = (pod.pod.spec?.tolerations ?? []).filter((t) => !!t && (!t.effect || t.effect === 'PreferNoSchedule'));
      state.write(PRE_SCORE_KEY, relevant);
      return SUCCESS;
    },

    score(state, pod, node) {
      const tolerations =
        state.read<Toleration[]>(PRE_SCORE_KEY) ??
        (pod.pod.spec?.tolerations ?? []).filter((t) => !!t && (!t.effect || t.effect === 'PreferNoSchedule'));
      let count = 0;
      for (const taint of node.taints) {
        // A comparison error means "not tolerated" here: Score ignores parse errors.
        if (taint.effect === 'PreferNoSchedule' && !judge(tolerations, taint, opts).tolerated) count++;
      }
      return count;
    },

    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(scores, true);
    },

    // DefaultNormalizeScore reads only the scores (their maximum).
    normalizesUniformly: true,
  };
};
