// The "at HPA max" code lens: on a workload a HorizontalPodAutoscaler of its release scales, what its
// replicas get at the HPA's maxReplicas, next to the rest of the release (`at HPA max (10): 2 of 10
// Pending`). The check computed the workload at the count the HPA leaves; this reads the same check
// at max (CheckResult.atMax, analysis/check.ts), computed once per document version on first use.

import type { CodeLens } from 'vscode-languageserver/node';
import type { AtMaxResult, CheckResult, SimulateJson } from '../../analysis';
import { SIMULATE_CLIENT_COMMAND } from '../../protocol';

/** "10 placed → zone-a 4 · zone-b 3 · zone-c 3" or "2 of 10 Pending": the simulation at max, short. */
function atMaxText(sim: SimulateJson): string {
  const key = Object.keys(sim.distribution ?? {}).find((k) => k !== 'kubernetes.io/hostname') ?? Object.keys(sim.distribution ?? {})[0];
  const split = key ? Object.entries(sim.distribution[key]).map(([d, n]) => `${d || '""'} ${n}`).slice(0, 6).join(' · ') : '';
  const total = sim.workload.replicas;
  if (sim.pending.length > 0) return `${sim.pending.length} of ${total} Pending`;
  return `all ${total} placed${split ? ` → ${split}` : ''}`;
}

function lens(uri: string, result: CheckResult, r: AtMaxResult): CodeLens | undefined {
  const doc = result.parsed.documents[r.document];
  // On `replicas:` when the manifest has it, else on `kind:`.
  const range = doc?.has(['spec', 'replicas']) ? doc.rangeOf(['spec', 'replicas'], 'key') : doc?.rangeOf(['kind'], 'key');
  if (!range || !r.simulation) return undefined;
  const on = r.simulation.cluster.source === 'embedded-sample' ? 'the embedded sample cluster' : r.simulation.cluster.source;
  return {
    range,
    command: {
      title: `at HPA max (${r.maxReplicas}): ${atMaxText(r.simulation)}`,
      command: SIMULATE_CLIENT_COMMAND,
      arguments: [{ uri, document: r.document, position: range.start }],
      tooltip: `HorizontalPodAutoscaler ${r.autoscaler} at its maxReplicas ${r.maxReplicas}, with the rest of the release placed as well (kube-spread simulate --at-max). Computed on ${on}.`,
    } as CodeLens['command'],
  };
}

/** One "at HPA max" lens per workload of the file that an HPA of its release scales. */
export function hpaLenses(uri: string, result: CheckResult): CodeLens[] {
  return (result.atMax?.() ?? []).flatMap((r) => lens(uri, result, r) ?? []);
}
