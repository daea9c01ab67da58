// Runs the what-ifs a caller asked for (CLI flags, LSP command arguments) on one workload and
// gathers the JSON objects, the text and the SVG pictures. Shared by the CLI and the language server
// (through analysis/session.ts).

import type { ManifestDocument } from '../k8s/manifest';
import type { AnalysisContext } from './context';
import { workloadSpecOf } from './manifest';
import { renderDomainLoss, renderRollout, renderScale, renderStepsSvg } from './render/whatif';
import { parseDomain, simulateDomainLoss } from './whatif/domainLoss';
import { simulateRollout } from './whatif/rollingUpdate';
import { simulateScale } from './whatif/scale';
import { anyPending } from './whatif/steps';
import { type DomainLossJson, type DomainLossMode, type RolloutJson, type ScaleJson, type WhatIfTarget, WhatIfError } from './whatif/types';

export interface WhatIfRequest {
  /** Overrides the workload's replica count (simulate --replicas). */
  replicas?: number;
  rollout?: boolean;
  /** Also run the rollout with matchLabelKeys: [pod-template-hash] toggled (default true). */
  compare?: boolean;
  scaleTo?: number;
  /** KEY=VALUE */
  withoutDomain?: string;
  domainLoss?: string;
}

/** The top-level objects added to `simulate --format json` (cli.md fields stay as they are). */
export interface WhatIfJson {
  rollout?: RolloutJson;
  scale?: ScaleJson;
  domainLoss?: DomainLossJson;
}

export interface WhatIfOutput {
  json: WhatIfJson;
  text: string;
  /** One picture per what-if (and one for the rollout comparison). */
  svg: { title: string; svg: string }[];
  /** Some pod stays Pending in some step (exit code 1). */
  pending: boolean;
}

export const DOMAIN_LOSS_MODES: readonly DomainLossMode[] = ['remove', 'drain', 'outage'];

export function wantsWhatIf(r: WhatIfRequest): boolean {
  return !!r.rollout || r.scaleTo !== undefined || r.withoutDomain !== undefined;
}

export function targetOf(doc: ManifestDocument): WhatIfTarget {
  const ws = workloadSpecOf(doc);
  if (!ws) throw new WhatIfError('not a Pod or workload');
  return { workload: ws.workload, spec: ws.spec, raw: doc.value };
}

export function runWhatIfs(ctx: AnalysisContext, given: WhatIfTarget, r: WhatIfRequest): WhatIfOutput {
  const target = r.replicas === undefined ? given : { ...given, spec: { ...given.spec, replicas: r.replicas } };
  const out: WhatIfOutput = { json: {}, text: '', svg: [], pending: false };
  const name = `${target.workload.kind} ${target.workload.namespace}/${target.workload.name}`;
  if (r.rollout) {
    const ro = simulateRollout(ctx, target, { compare: r.compare });
    out.json.rollout = ro;
    out.text += renderRollout(ro);
    out.svg.push({ title: `Rolling update of ${name} (as written)`, svg: renderStepsSvg(ro.steps, { title: `Rolling update of ${name}`, subtitle: ro.message }) });
    if (ro.comparison) {
      const label = ro.comparison.matchLabelKeys === 'with' ? 'with' : 'without';
      out.svg.push({ title: `Rolling update ${label} matchLabelKeys: [pod-template-hash]`, svg: renderStepsSvg(ro.comparison.steps, { title: `Rolling update of ${name}, ${label} matchLabelKeys: [pod-template-hash]`, subtitle: ro.comparison.message }) });
    }
    out.pending ||= anyPending(ro.steps);
  }
  if (r.scaleTo !== undefined) {
    const sc = simulateScale(ctx, target, r.scaleTo);
    out.json.scale = sc;
    out.text += renderScale(sc);
    out.svg.push({ title: `Scale ${name} to ${r.scaleTo}`, svg: renderStepsSvg(sc.steps, { title: `Scale ${name} ${sc.from} → ${sc.to}`, subtitle: sc.message }) });
    out.pending ||= anyPending(sc.steps);
  }
  if (r.withoutDomain !== undefined) {
    const mode = (r.domainLoss ?? 'remove') as DomainLossMode;
    if (!DOMAIN_LOSS_MODES.includes(mode)) throw new WhatIfError(`--domain-loss must be one of ${DOMAIN_LOSS_MODES.join(', ')}`);
    const dl = simulateDomainLoss(ctx, target, parseDomain(r.withoutDomain), mode);
    out.json.domainLoss = dl;
    out.text += renderDomainLoss(dl);
    out.svg.push({ title: `${name} without ${r.withoutDomain}`, svg: renderStepsSvg(dl.steps, { title: `${name} without ${r.withoutDomain} (${mode})`, subtitle: dl.message }) });
    out.pending ||= anyPending(dl.steps);
  }
  return out;
}
