// The CLI and the editor report the same findings for the same file and settings: both go through
// analysis/session.ts, and this test holds them to it. Every example and rule manifest is opened in
// the real language server and checked with the built CLI; codes, severities, messages and ranges
// must be identical (the diagnostics' order is the editor's business, so both sides are sorted).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './client';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const FILES = [
  ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml') && f !== 'sample-cluster.yaml').map((f) => join(ROOT, 'examples', f)),
  join(ROOT, 'examples/whatif/web-rollout.yaml'),
  ...readdirSync(join(ROOT, 'test/fixtures/manifests')).filter((f) => f.endsWith('.yaml')).map((f) => join(ROOT, 'test/fixtures/manifests', f)),
];

interface Seen { code: string; severity: string; message: string; range: string }

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
const key = (s: Seen) => `${s.range} ${s.code} ${s.severity} ${s.message}`;
const rangeText = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

function cliFindings(file: string, extra: string[] = []): Seen[] {
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, [CLI, 'check', file, '--format', 'json', ...extra], { cwd: ROOT, encoding: 'utf8' });
  } catch (e) {
    stdout = (e as { stdout: string }).stdout; // exit 1: error findings
  }
  const out = JSON.parse(stdout) as { diagnostics: { code: string; severity: string; message: string; range: Parameters<typeof rangeText>[0] }[] };
  return out.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: rangeText(d.range) })).sort((a, b) => key(a).localeCompare(key(b)));
}

describe('CLI and editor parity (one analysis session for both)', function () {
  this.timeout(120000);
  let client: LspClient;

  before(async () => {
    // The CLI and the server from the same sources.
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
    client = await LspClient.start({ root: ROOT });
  });
  after(async () => {
    if (client) await client.stop();
  });

  for (const file of FILES) {
    it(`same findings: ${file.slice(ROOT.length + 1)}`, async () => {
      const uri = pathToFileURL(file).href;
      await client.open(uri, readFileSync(file, 'utf8'), 1);
      const published = await client.diagnosticsFor(uri, 1, 30000);
      await client.close(uri);
      const editor = published.diagnostics
        .map((d) => ({ code: String(d.code), severity: SEVERITY[d.severity ?? 1], message: typeof d.message === 'string' ? d.message : d.message.value, range: rangeText(d.range) }))
        .sort((a, b) => key(a).localeCompare(key(b)));
      const cli = cliFindings(file);
      assert.ok(cli.length > 0 || editor.length === 0, 'nothing to compare');
      assert.deepEqual(editor.map(key), cli.map(key));
    });
  }

  it('same findings with a Kubernetes version chosen in settings and on the command line', async () => {
    await client.setSettings({ kubernetesVersion: '1.31' });
    const file = join(ROOT, 'test/fixtures/manifests/matchLabelKeys-pod-template-hash.yaml');
    const uri = pathToFileURL(file).href;
    await client.open(uri, readFileSync(file, 'utf8'), 7);
    const published = await client.diagnosticsFor(uri, 7, 30000);
    await client.close(uri);
    const editor = published.diagnostics.map((d) => ({ code: String(d.code), severity: SEVERITY[d.severity ?? 1], message: typeof d.message === 'string' ? d.message : d.message.value, range: rangeText(d.range) }));
    const cli = cliFindings(file, ['--k8s-version', '1.31']);
    assert.deepEqual(editor.map(key).sort(), cli.map(key).sort());
    await client.setSettings({});
  });
});
