// kubeSpread.kubernetesVersion / featureGates / schedulerConfig over real stdio: resolved as the
// CLI resolves --k8s-version / --feature-gates / --scheduler-config (settings win over the fixture),
// a verdict that changes with the version, scheduler-config problems as diagnostics on that file at
// the scheduler's line, the last good configuration kept, and the version in the status.

import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { buildServer, LspClient } from './client';

const CONFIGS = resolve(__dirname, '../fixtures/scheduler-configs');
const emptySelector = readFileSync(join(CONFIGS, 'empty-selector.yaml'), 'utf8');

interface Status {
  source: string;
  kubernetes?: { version: string; versionSource: string; profiles: string[]; featureGates: Record<string, boolean>; schedulerConfig?: string; error?: string };
}

describe('LSP cluster settings: version, gates, scheduler config (stdio)', function () {
  this.timeout(30000);
  let dir: string;
  let n = 0;
  before(() => {
    buildServer();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ks-settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The next diagnostics for `uri` published after `from` (an index into c.diagnostics) that satisfy pred. */
  async function nextDiagnostics(c: LspClient, uri: string, from: number, pred: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 8000): Promise<PublishDiagnosticsParams> {
    const find = () => c.diagnostics.slice(from).find((d) => d.uri === uri && pred(d));
    await c.waitFor(`diagnostics for ${uri}`, () => !!find(), timeoutMs);
    return find()!;
  }
  const status = (c: LspClient, pred: (s: Status) => boolean) => c.notification<Status>('kubeSpread/fixtureStatus', pred, 8000);
  const selectorEmpty = (p: PublishDiagnosticsParams) => p.diagnostics.find((d) => d.code === 'lint/selector-empty');

  it('kubernetesVersion "" is the newest release; "1.37" changes the labelSelector: {} verdict and the status', async () => {
    const c = await LspClient.start({ root: dir, settings: {} });
    try {
      await status(c, (s) => s.kubernetes?.version === '1.36' && s.kubernetes.versionSource === 'default');
      const uri = `untitled:empty-selector-${++n}.yaml`;
      await c.open(uri, emptySelector, 1);
      const before = selectorEmpty(await c.diagnosticsFor(uri, 1));
      assert.equal(before?.severity, DiagnosticSeverity.Error);
      assert.match(String(before!.message), /counts no pods in Kubernetes 1\.36/);

      const from = c.diagnostics.length;
      await c.setSettings({ kubernetesVersion: '1.37' });
      const after = selectorEmpty(await nextDiagnostics(c, uri, from, (p) => selectorEmpty(p)?.severity === DiagnosticSeverity.Warning));
      assert.match(String(after!.message), /counts every pod in namespace default \(from Kubernetes 1\.37\)/);
      await status(c, (s) => s.kubernetes?.version === '1.37' && s.kubernetes.versionSource === 'setting');
    } finally {
      await c.stop();
    }
  });

  it('the fixture\'s kubernetesVersion is used unless the setting overrides it', async () => {
    writeFileSync(join(dir, 'cluster.yaml'), `${readFileSync(join(CONFIGS, 'cluster-3zones.yaml'), 'utf8')}\nkubernetesVersion: "1.37"\n`);
    const c = await LspClient.start({ root: dir, settings: { fixture: 'cluster.yaml' } });
    try {
      await status(c, (s) => s.source === 'cluster.yaml' && s.kubernetes?.version === '1.37' && s.kubernetes.versionSource === 'fixture');
      await c.setSettings({ fixture: 'cluster.yaml', kubernetesVersion: '1.33' });
      await status(c, (s) => s.kubernetes?.version === '1.33' && s.kubernetes.versionSource === 'setting');
    } finally {
      await c.stop();
    }
  });

  it('an invalid scheduler config gives diagnostics on that file at the scheduler\'s lines; the last good one stays; fixing it clears them', async () => {
    const file = join(dir, 'scheduler.yaml');
    const uri = pathToFileURL(file).href;
    copyFileSync(join(CONFIGS, 'list-defaults.yaml'), file);
    const c = await LspClient.start({ root: dir, settings: { schedulerConfig: 'scheduler.yaml' } });
    try {
      await status(c, (s) => s.kubernetes?.schedulerConfig === 'scheduler.yaml' && !s.kubernetes.error);
      let from = c.diagnostics.length;
      copyFileSync(join(CONFIGS, 'invalid.yaml'), file);
      const bad = await nextDiagnostics(c, uri, from, (p) => p.diagnostics.length > 0);
      const pct = bad.diagnostics.find((d) => String(d.message).startsWith('percentageOfNodesToScore'));
      assert.ok(pct, JSON.stringify(bad.diagnostics));
      // invalid.yaml line 3 "percentageOfNodesToScore: 120": the value, 0-based line 2, character 26.
      assert.deepEqual(pct.range, { start: { line: 2, character: 26 }, end: { line: 2, character: 29 } });
      assert.equal(pct.severity, DiagnosticSeverity.Error);
      assert.equal(pct.source, 'kube-spread');
      const dup = bad.diagnostics.find((d) => /Duplicate value/.test(String(d.message)));
      assert.equal(dup?.range.start.line, 15);
      // kube-scheduler would not start with it: the last good configuration (list-defaults) stays in use.
      const st = await status(c, (s) => !!s.kubernetes?.error);
      assert.equal(st.kubernetes?.schedulerConfig, 'scheduler.yaml');
      assert.match(st.kubernetes!.error!, /error\(s\) in the scheduler configuration/);

      // Open in the editor: the file's diagnostics are published with its (empty) findings.
      await c.open(uri, readFileSync(file, 'utf8'), 1);
      const opened = await c.diagnosticsFor(uri, 1);
      assert.ok(opened.diagnostics.some((d) => String(d.message).startsWith('percentageOfNodesToScore')));

      from = c.diagnostics.length;
      copyFileSync(join(CONFIGS, 'list-defaults.yaml'), file);
      await nextDiagnostics(c, uri, from, (p) => p.diagnostics.length === 0);
      await status(c, (s) => s.kubernetes?.schedulerConfig === 'scheduler.yaml' && !s.kubernetes.error);
    } finally {
      await c.stop();
    }
  });

  it('an unknown gate is reported with the setting\'s name, not a CLI flag', async () => {
    const c = await LspClient.start({ root: dir, settings: {} });
    try {
      await status(c, (s) => !!s.kubernetes);
      await c.setSettings({ featureGates: { NoSuchGate: true, StorageCapacityScoring: true } });
      const st = await status(c, (s) => !!s.kubernetes?.error);
      assert.match(st.kubernetes!.error!, /^kubeSpread\.featureGates: unrecognized feature gate: NoSuchGate/);
      assert.doesNotMatch(st.kubernetes!.error!, /--feature-gates/);
      await c.notification<{ message: string }>('window/showMessage', (m) => /kubeSpread\.featureGates/.test(m.message));
      await c.setSettings({ featureGates: { StorageCapacityScoring: true } });
      await status(c, (s) => !s.kubernetes?.error && s.kubernetes?.featureGates.StorageCapacityScoring === true);
    } finally {
      await c.stop();
    }
  });

  it('Restricted Mode: a scheduler config outside the workspace is refused', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'ks-outside-'));
    copyFileSync(join(CONFIGS, 'list-defaults.yaml'), join(outside, 'scheduler.yaml'));
    const c = await LspClient.start({ root: dir, trusted: false, settings: { schedulerConfig: join(outside, 'scheduler.yaml') } });
    try {
      const st = await status(c, (s) => !!s.kubernetes?.error);
      assert.match(st.kubernetes!.error!, /restricted mode: the scheduler configuration must be inside the workspace/);
      assert.equal(st.kubernetes?.schedulerConfig, undefined);
    } finally {
      await c.stop();
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
