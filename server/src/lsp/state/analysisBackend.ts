// Picks the analysis implementation: an adapter over the analysis layer (server/src/analysis/*),
// choosing the workload the same way the CLI does (--document N, else the first Pod or workload).
// When the lead's single-entry server/src/analysis.ts lands, this file is the only one to change.

import { checkText } from '../../analysis/check';
import { makeContext, type AnalysisContext as EngineContext } from '../../analysis/context';
import { explainWorkload } from '../../analysis/explain';
import { workloadSpecOf } from '../../analysis/manifest';
import { simulateWorkload } from '../../analysis/simulate';
import type { SchedulerEnv } from '../../engine';
import type { SchedulerSetup } from '../../engine';
import { defaultEnv, NEWEST_MINOR, OLDEST_MINOR } from '../../engine';
import type { LoadedFixture } from '../../fixture';
import { parseManifestText } from '../../k8s/manifest';
import type { AnalysisContext, AnalysisPort, AnalysisResult } from './analysisPort';
import type { ExplainResult, SimulateResult } from '../../protocol';

// Building the engine's context snapshots the whole cluster: do it once per fixture and version,
// not on every keystroke.
let cached: { fixture: unknown; minor: number; cluster: unknown; ctx: EngineContext } | undefined;

function engineContext(c: AnalysisContext): EngineContext {
  if (c.cluster) {
    // Resolved like the CLI's --k8s-version/--feature-gates/--scheduler-config (lsp/state/clusterConfig.ts).
    if (cached?.fixture !== c.fixture || cached.cluster !== c.cluster) {
      const s = c.cluster as { env: SchedulerEnv; setup: SchedulerSetup };
      cached = { fixture: c.fixture, minor: s.env.minor, cluster: c.cluster, ctx: makeContext(c.fixture as LoadedFixture, s.env, undefined, s.setup) };
    }
    return cached.ctx;
  }
  const minor = Math.min(NEWEST_MINOR, Math.max(OLDEST_MINOR, c.minor));
  if (cached?.fixture !== c.fixture || cached.minor !== minor || cached.cluster !== undefined) {
    // The fixture port is backed by server/src/fixture, so this is that loader's LoadedFixture.
    cached = { fixture: c.fixture, minor, cluster: undefined, ctx: makeContext(c.fixture as LoadedFixture, defaultEnv(minor)) };
  }
  return cached.ctx;
}

// The last text parsed for pick() and the last explains on it: repeated hovers on an unchanged
// document (and a simulate after a hover) reuse them instead of re-parsing and re-explaining.
let lastParse: { text: string; fileName: string; docs: ReturnType<typeof parseManifestText>['documents'] } | undefined;
let lastExplains: { text: string; fileName: string; ctx: EngineContext; byDocument: Map<number | undefined, ExplainResult> } | undefined;

function parsedDocuments(text: string, fileName: string) {
  if (lastParse?.text !== text || lastParse.fileName !== fileName) lastParse = { text, fileName, docs: parseManifestText(text, { fileName }).documents };
  return lastParse.docs;
}

/** The schedulable object: document N, or the first Pod/workload. Errors are one line, for the UI. */
function pick(text: string, fileName: string, document: number | undefined, podReplicas = 1) {
  const docs = parsedDocuments(text, fileName);
  if (document !== undefined) {
    const doc = docs[document];
    const ws = doc && workloadSpecOf(doc, podReplicas);
    if (!ws) throw new Error(`document ${document} is ${doc?.kind ? `a ${doc.kind}` : 'not a Kubernetes object'}, not a Pod or workload`);
    return ws;
  }
  for (const doc of docs) {
    const ws = workloadSpecOf(doc, podReplicas);
    if (ws) return ws;
  }
  throw new Error('no Pod or workload (Deployment, StatefulSet, ReplicaSet, ReplicationController, Job, CronJob, DaemonSet) in this file');
}

export const analysis: AnalysisPort = {
  name: 'server/src/analysis (check, simulate, explain)',
  analyzeText(text, fileName, ctx) {
    const r = checkText(text, engineContext(ctx), { fileName, groups: ctx.groups, limits: ctx.limits });
    return { findings: r.findings, parsed: r.parsed, documents: r.documents as AnalysisResult['documents'] };
  },
  simulateDocument(text, fileName, ctx, opts) {
    const ws = pick(text, fileName, opts.document, opts.podReplicas);
    return simulateWorkload(engineContext(ctx), ws.spec, opts.replicas) as unknown as SimulateResult;
  },
  explainDocument(text, fileName, ctx, opts) {
    const engine = engineContext(ctx);
    if (lastExplains?.text !== text || lastExplains.fileName !== fileName || lastExplains.ctx !== engine) {
      lastExplains = { text, fileName, ctx: engine, byDocument: new Map() };
    }
    const hit = lastExplains.byDocument.get(opts.document);
    if (hit) return hit;
    const ws = pick(text, fileName, opts.document);
    const r = explainWorkload(engine, ws.spec) as unknown as ExplainResult;
    lastExplains.byDocument.set(opts.document, r);
    return r;
  },
};
