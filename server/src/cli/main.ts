// The kube-spread CLI (contract: ../shared/docs/cli.md). Commands: check, explain, simulate, fixture.
// Exit codes: 0 ok, 1 findings / pending replicas / pod fits nowhere, 2 usage or unreadable input.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { type AnalysisContext, clusterInfo, kubernetesInfo, makeContext } from '../analysis/context';
import { nearestMinor } from '../validation/schema/select';
import { checkParsed } from '../analysis/check';
import { explainWorkload } from '../analysis/explain';
import { workloadSpecOf } from '../analysis/manifest';
import { toSarif } from '../analysis/render/sarif';
import { simulateWorkload } from '../analysis/simulate';
import { WhatIfError } from '../analysis/whatif/simulations';
import { runWhatIfs, targetOf, wantsWhatIf, type WhatIfRequest } from '../analysis/whatif/run';
import { captureMain } from '../fixture/capture';
import { renderSimulationSvg } from '../analysis/render/svg';
import { renderExplain, renderSimulate, clusterLine } from '../analysis/render/text';
import { checkGateOverrides, NEWEST_MINOR, NEWEST_RELEASE_MINOR, OLDEST_MINOR, defaultEnv, parseVersion, versionProblem } from '../engine';
import { formatConfigProblem, resolveClusterSettings, SchedulerConfigError } from '../engine';
import { FixtureError, type LoadedFixture, loadEmbeddedSample, loadFixtureFromPaths, loadFixtureFromText } from '../fixture';
import { parseManifestText } from '../k8s/manifest';
import { validateWorkloadApi } from '../validation/api';
import type { Finding } from '../base/finding';

const VERSION = '0.1.0';

class UsageError extends Error {}

const HELP = `kube-spread ${VERSION}: Kubernetes topologySpreadConstraints, checked and simulated as kube-scheduler decides

Usage:
  kube-spread check    [FILES or DIRS...] [--cluster FIXTURE] [--format text|json|sarif] [--k8s-version X.Y]
  kube-spread explain  FILE [--document N] [--cluster FIXTURE] [--format text|json]
  kube-spread simulate FILE [--document N] [--cluster FIXTURE] [--replicas N] [--format text|json|svg]
                       [--rollout] [--scale-to M] [--without-domain KEY=VALUE [--domain-loss remove|drain|outage]]
  kube-spread fixture  [--cluster FIXTURE] [--format text|json]
  kube-spread fixture capture [--context NAME] [--namespace NS] [--anonymize] [-o FILE]

Options:
  --cluster FIXTURE     cluster fixture: kubectl get nodes,pods -A -o yaml output, a directory of such
                        files, or a kind: ClusterFixture file (repeatable). Default: the embedded sample.
  --document N          0-based YAML document to use (default: the first Pod or workload)
  --replicas N          override the workload's replica count
  --rollout             step through a rolling update of the Deployment (also compared with/without
                        matchLabelKeys: [pod-template-hash]; --no-compare skips that)
  --scale-to M          scale the workload to M replicas: which pods its controller deletes, the skew left
  --without-domain K=V  lose every node labelled K=V (--domain-loss: remove, drain or outage) and re-place
  --k8s-version X.Y     Kubernetes version to model (1.${OLDEST_MINOR}..1.${NEWEST_MINOR}; default 1.${defaultEnv().minor})
  --feature-gates A=true,B=false   override feature gates (defaults follow the version; see docs/versions.md)
  --scheduler-config FILE   a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1): profiles, plugins,
                        weights, PodTopologySpread default constraints. Default: one in the fixture, else kube-scheduler's defaults
  --format FMT          output format
  -h, --help            this help;  --version  print the version

FILE may be - for standard input. Exit codes: 0 ok, 1 errors found / replicas pending, 2 usage or input error.
`;

interface Common {
  ctx: AnalysisContext;
  format: string;
}

function out(s: string): void {
  process.stdout.write(s);
}

function readInput(file: string): string {
  if (file === '-') return readFileSync(0, 'utf8');
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  if (statSync(file).isDirectory()) throw new UsageError(`${file}: is a directory (explain and simulate take one file)`);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function loadCluster(paths: string[]): LoadedFixture {
  if (paths.length === 0) return loadEmbeddedSample();
  if (paths.length === 1 && paths[0] === '-') return loadFixtureFromText(readFileSync(0, 'utf8'), '<stdin>');
  return loadFixtureFromPaths(paths);
}

function parseGates(spec: string | undefined): Record<string, boolean> {
  const gates: Record<string, boolean> = {};
  if (!spec) return gates;
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9]+)=(true|false)$/i.exec(part);
    if (!m) throw new UsageError(`--feature-gates: "${part}" is not NAME=true|false`);
    gates[m[1]] = m[2].toLowerCase() === 'true';
  }
  return gates;
}

function common(values: Record<string, unknown>, formats: string[]): Common {
  const format = (values.format as string | undefined) ?? 'text';
  if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  // The cluster's version, gates and scheduler configuration: flags win over the fixture (engine/schedulerConfig.ts).
  const version = values['k8s-version'] === undefined ? undefined : String(values['k8s-version']);
  const badVersion = version === undefined ? undefined : versionProblem(version);
  if (badVersion) throw new UsageError(`--k8s-version: ${badVersion}`);
  const gates = parseGates(values['feature-gates'] as string | undefined);
  const fixture = loadCluster((values.cluster as string[] | undefined) ?? []);
  for (const p of fixture.problems) process.stderr.write(`kube-spread: warning: ${p.file}:${p.line + 1}:${p.character + 1}: ${p.message}\n`);
  const configFile = values['scheduler-config'] as string | undefined;
  let settings;
  try {
    settings = resolveClusterSettings({
      fixture: fixture.schedulerConfig || fixture.kubernetes ? { kubernetes: fixture.kubernetes, schedulerConfig: fixture.schedulerConfig } : undefined,
      version, featureGates: Object.keys(gates).length ? gates : undefined,
      schedulerConfig: configFile === undefined ? undefined : { file: configFile, text: readInput(configFile) },
    }, NEWEST_RELEASE_MINOR, { versionProblem, parseVersion, checkGateOverrides, defaultEnv });
  } catch (e) {
    if (!(e instanceof SchedulerConfigError)) throw e;
    // kube-scheduler would refuse to start: every problem on its own line, the last one as the error.
    const lines = e.problems.map((p) => (p.file === '<command line>' ? p.message : formatConfigProblem(p)));
    for (const l of lines.slice(0, -1)) process.stderr.write(`kube-spread: ${l}\n`);
    throw new UsageError(lines[lines.length - 1]);
  }
  for (const w of settings.warnings) process.stderr.write(`kube-spread: warning: ${w.file === '<command line>' ? w.message : formatConfigProblem(w)}\n`);
  return { ctx: makeContext(fixture, settings.env, undefined, settings.setup), format };
}

/** "Kubernetes 1.31 (schemas of 1.35, the nearest bundled) · scheduler config FILE": what the check ran against. */
function kubernetesLine(ctx: AnalysisContext): string {
  const schema = nearestMinor(ctx.env.minor);
  const cfg = ctx.scheduler && ctx.scheduler.source !== 'default' ? ` · scheduler config ${ctx.scheduler.source} (profiles: ${ctx.scheduler.profiles.map((p) => p.schedulerName).join(', ')})` : '';
  return `Kubernetes 1.${ctx.env.minor}${schema === ctx.env.minor ? '' : ` (schemas of 1.${schema}, the nearest bundled)`}${cfg}`;
}

function intOption(values: Record<string, unknown>, name: string, min: number): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(String(v)) || Number(v) < min) throw new UsageError(`--${name} must be an integer >= ${min}`);
  return Number(v);
}

/** The schedulable object to explain/simulate: --document N, or the first one. */
function pickWorkload(file: string, text: string, docIndex: number | undefined) {
  const parsed = parseManifestText(text, { fileName: file });
  const docs = parsed.documents;
  if (docIndex !== undefined) {
    const doc = docs[docIndex];
    if (!doc) throw new UsageError(`${file}: has ${docs.length} document(s); --document ${docIndex} does not exist`);
    const ws = workloadSpecOf(doc);
    if (!ws) throw new UsageError(`${file}: document ${docIndex} is ${doc.kind ? `a ${doc.kind}` : 'not a Kubernetes object'}, not a Pod or workload`);
    return { parsed, doc, ws };
  }
  for (const doc of docs) {
    const ws = workloadSpecOf(doc);
    if (ws) return { parsed, doc, ws };
  }
  const syntax = parsed.findings.find((f) => f.severity === 'error');
  if (syntax) throw new UsageError(`${file}:${syntax.range.start.line + 1}:${syntax.range.start.character + 1}: ${syntax.message}`);
  throw new UsageError(`${file}: no Pod or workload (Deployment, StatefulSet, ReplicaSet, ReplicationController, Job, CronJob, DaemonSet) found`);
}

function apiWarnings(value: unknown, c: Common): string[] {
  return validateWorkloadApi(value, { minor: c.ctx.env.minor, gates: c.ctx.env.gates })
    .filter((i) => i.severity === 'error')
    .map((i) => i.message);
}

function cmdExplain(args: string[]): number {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { cluster: { type: 'string', multiple: true }, format: { type: 'string' }, document: { type: 'string' }, 'k8s-version': { type: 'string' }, 'feature-gates': { type: 'string' }, 'scheduler-config': { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('explain takes exactly one FILE (or - for standard input)');
  const c = common(values, ['text', 'json']);
  const { doc, ws } = pickWorkload(positionals[0], readInput(positionals[0]), intOption(values, 'document', 0));
  const e = explainWorkload(c.ctx, ws.spec, apiWarnings(doc.value, c));
  out(c.format === 'json' ? `${JSON.stringify(e, null, 2)}\n` : renderExplain(e));
  return e.selected.length === 0 ? 1 : 0;
}

function cmdSimulate(args: string[]): number {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      cluster: { type: 'string', multiple: true }, format: { type: 'string' }, document: { type: 'string' }, replicas: { type: 'string' },
      'k8s-version': { type: 'string' }, 'feature-gates': { type: 'string' }, 'scheduler-config': { type: 'string' },
      rollout: { type: 'boolean' }, 'no-compare': { type: 'boolean' }, 'scale-to': { type: 'string' }, 'without-domain': { type: 'string' }, 'domain-loss': { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('simulate takes exactly one FILE (or - for standard input)');
  const c = common(values, ['text', 'json', 'svg']);
  const { doc, ws } = pickWorkload(positionals[0], readInput(positionals[0]), intOption(values, 'document', 0));
  const s = simulateWorkload(c.ctx, ws.spec, intOption(values, 'replicas', 0), apiWarnings(doc.value, c));
  const req: WhatIfRequest = { replicas: intOption(values, 'replicas', 0), rollout: values.rollout, compare: !values['no-compare'], scaleTo: intOption(values, 'scale-to', 0), withoutDomain: values['without-domain'], domainLoss: values['domain-loss'] };
  if (wantsWhatIf(req)) {
    let w;
    try {
      w = runWhatIfs(c.ctx, targetOf(doc), req);
    } catch (e) {
      if (e instanceof WhatIfError) throw new UsageError(e.message);
      throw e;
    }
    if (c.format === 'json') out(`${JSON.stringify({ ...s, ...w.json }, null, 2)}\n`);
    else if (c.format === 'svg') out(w.svg.map((x) => x.svg).join(''));
    else out(renderSimulate(s) + w.text);
    return s.pending.length > 0 || w.pending ? 1 : 0;
  }
  if (c.format === 'json') out(`${JSON.stringify(s, null, 2)}\n`);
  else if (c.format === 'svg') out(renderSimulationSvg(s, { nodeDomains: nodeDomains(c.ctx, Object.keys(s.distribution)[0]) }));
  else out(renderSimulate(s));
  return s.pending.length > 0 ? 1 : 0;
}

function nodeDomains(ctx: AnalysisContext, key: string | undefined): Record<string, string | undefined> {
  const m: Record<string, string | undefined> = {};
  for (const n of ctx.cluster.nodes) m[n.name] = key ? n.labels[key] : undefined;
  return m;
}

function collectFiles(inputs: string[]): string[] {
  const files: string[] = [];
  const walk = (p: string) => {
    if (!existsSync(p)) throw new UsageError(`${p}: no such file or directory`);
    if (statSync(p).isDirectory()) {
      for (const e of readdirSync(p).sort()) {
        if (e === 'node_modules' || e.startsWith('.')) continue;
        const child = join(p, e);
        if (statSync(child).isDirectory()) walk(child);
        else if (/\.ya?ml$/i.test(e)) files.push(child);
      }
    } else files.push(p);
  };
  for (const i of inputs) {
    if (i === '-') files.push('-');
    else walk(i);
  }
  return files;
}

function cmdCheck(args: string[]): number {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { cluster: { type: 'string', multiple: true }, format: { type: 'string' }, 'k8s-version': { type: 'string' }, 'feature-gates': { type: 'string' }, 'scheduler-config': { type: 'string' } },
  });
  const c = common(values, ['text', 'json', 'sarif']);
  const files = collectFiles(positionals.length ? positionals : ['.']);
  const results: { file: string; findings: Finding[]; documents: number }[] = [];
  for (const file of files) {
    const text = readInput(file);
    const name = file === '-' ? '<stdin>' : relative(process.cwd(), file) || file;
    const r = checkParsed(parseManifestText(text, { fileName: name }), c.ctx, { fileName: name });
    results.push({ file: name, findings: r.findings, documents: r.parsed.documents.length });
  }
  const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  if (c.format === 'json') {
    const diagnostics = results.flatMap((r) => r.findings.map((f) => ({
      file: r.file, document: f.document, range: f.range, severity: f.severity, code: f.code, source: 'kube-spread',
      ...(f.path ? { path: f.path } : {}), message: f.message,
      ...(f.related?.length ? { related: f.related.map((x) => ({ message: x.message, range: x.range, ...(x.file ? { file: x.file } : {}) })) } : {}),
    })));
    out(`${JSON.stringify({
      files: results.length,
      documents: results.reduce((n, r) => n + r.documents, 0),
      cluster: clusterInfo(c.ctx),
      kubernetes: { ...kubernetesInfo(c.ctx), schema: `1.${nearestMinor(c.ctx.env.minor)}` },
      diagnostics,
    }, null, 2)}\n`);
  } else if (c.format === 'sarif') {
    out(`${JSON.stringify(toSarif(results, VERSION), null, 2)}\n`);
  } else {
    out(`${clusterLine(clusterInfo(c.ctx))}\n`);
    out(`${kubernetesLine(c.ctx)}\n`);
    let count = 0;
    for (const r of results) {
      for (const f of r.findings) {
        count++;
        out(`${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code}: ${f.message}\n`);
      }
    }
    const warnings = count - errors;
    out(`${results.length} file(s), ${results.reduce((n, r) => n + r.documents, 0)} document(s): ${errors} error(s), ${warnings} other finding(s)\n`);
  }
  return errors > 0 ? 1 : 0;
}

function cmdFixture(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { cluster: { type: 'string', multiple: true }, format: { type: 'string' } } });
  if (positionals.length) throw new UsageError('fixture takes no FILE; use --cluster FIXTURE');
  const c = common(values, ['text', 'json']);
  const f = c.ctx.fixture;
  if (c.format === 'json') {
    out(`${JSON.stringify({ source: f.source, embedded: f.embedded, files: f.files, summary: f.summary, nodes: nodeRows(c.ctx), problems: f.problems }, null, 2)}\n`);
    return 0;
  }
  out(`${clusterLine(clusterInfo(c.ctx))}\n\n`);
  const rows = nodeRows(c.ctx);
  const w = Math.max(4, ...rows.map((r) => r.name.length));
  out(`${'NODE'.padEnd(w)}  ${'ZONE'.padEnd(10)}  PODS  TAINTS / NOTES\n`);
  for (const r of rows) {
    const notes = [...r.taints, ...(r.unschedulable ? ['cordoned (spec.unschedulable)'] : [])].join(', ');
    out(`${r.name.padEnd(w)}  ${(r.zone ?? '(no zone label)').padEnd(10)}  ${String(r.pods).padStart(4)}  ${notes}\n`);
  }
  out('\nTopology keys:\n');
  for (const [k, vals] of Object.entries(f.summary.topologyKeys)) out(`  ${k}: ${vals.length} value(s)${vals.length <= 12 ? `: ${vals.join(', ')}` : ''}\n`);
  for (const p of f.problems) out(`warning: ${p.file}:${p.line + 1}:${p.character + 1}: ${p.message}\n`);
  return 0;
}

function nodeRows(ctx: AnalysisContext) {
  return ctx.cluster.nodes.map((n) => ({
    name: n.name,
    zone: n.labels['topology.kubernetes.io/zone'],
    labels: n.labels,
    taints: n.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
    unschedulable: n.unschedulable,
    pods: n.pods.length,
  }));
}

export function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'check': return cmdCheck(rest);
      case 'explain': return cmdExplain(rest);
      case 'simulate': return cmdSimulate(rest);
      case 'fixture':
        // capture is asynchronous (API calls): it sets the exit code itself when it ends.
        if (rest[0] === 'capture') {
          void captureMain(rest.slice(1)).then((code) => { process.exitCode = code; });
          return 0;
        }
        return cmdFixture(rest);
      case '--version': case 'version': out(`${VERSION}\n`); return 0;
      case undefined: case '-h': case '--help': case 'help': out(HELP); return cmd === undefined ? 2 : 0;
      default: throw new UsageError(`unknown command "${cmd}" (expected check, explain, simulate or fixture; see --help)`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof FixtureError) {
      process.stderr.write(`kube-spread: ${e.message.split('\n')[0]}\n`);
      return 2;
    }
    if (e instanceof TypeError && (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`kube-spread: ${e.message.split('\n')[0]}\n`);
      return 2;
    }
    process.stderr.write(`kube-spread: internal error: ${(e as Error).message.split('\n')[0]} (please report it)\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
