// A file of several workloads is a release (docs/release.md), over real stdio: each workload's code
// lens says what it gets next to the others (examples/release-cache-api.yaml: `cache` takes the six
// general nodes, every `api` replica is Pending, blocked by cache), the hover names the blocker, the
// first workload offers `Simulate release (N workloads)` to a client that implements the view, and
// the server's simulateRelease command answers with every workload and one picture.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest, type CodeLens } from 'vscode-languageserver/node';
import { Commands, SIMULATE_RELEASE_CLIENT_COMMAND, type SimulateReleaseResult } from '../../server/src/protocol';
import { buildServer, LspClient } from './client';

const example = readFileSync(resolve(__dirname, '../../examples/release-cache-api.yaml'), 'utf8');
const lines = example.split('\n');
/** The 0-based line of the n-th (0-based) line matching `re`. */
const lineOf = (re: RegExp, n = 0) => lines.map((l, i) => (re.test(l) ? i : -1)).filter((i) => i >= 0)[n];

describe('LSP release lenses, hovers and Simulate Release (stdio)', function () {
  this.timeout(30000);
  let c: LspClient;
  let n = 0;
  before(async () => {
    buildServer();
    c = await LspClient.start({ initializationOptions: { clientCommands: ['kubeSpread.simulate', SIMULATE_RELEASE_CLIENT_COMMAND] } });
  });
  after(async () => {
    await c?.stop();
  });

  async function open(text: string): Promise<string> {
    const uri = `untitled:release-${++n}.yaml`;
    await c.open(uri, text, 1);
    await c.diagnosticsFor(uri, 1, 15000);
    return uri;
  }
  const lensesOf = async (uri: string) => (await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];

  it('the api lens says 0/6 placed (blocked by cache); the cache lens where its six replicas landed', async () => {
    const uri = await open(example);
    const ls = await lensesOf(uri);
    const titles = ls.map((l) => l.command?.title);
    const api = ls.find((l) => l.command?.title?.startsWith('api:'));
    assert.equal(api?.command?.title, 'api: 0/6 placed (blocked by cache)', JSON.stringify(titles));
    // Over api's topologySpreadConstraints, opening the release view on api.
    assert.equal(api?.range.start.line, lineOf(/topologySpreadConstraints:/, 1));
    assert.equal(api?.command?.command, SIMULATE_RELEASE_CLIENT_COMMAND);
    assert.equal((api?.command?.arguments?.[0] as { document: number }).document, 1);
    const cache = ls.find((l) => l.command?.title?.startsWith('cache:'));
    assert.match(String(cache?.command?.title), /^cache: 6\/6 placed → zone-a 2 · zone-b 2 · zone-c 2$/);
    // The release is a race: created the other way round, api gets the nodes and cache waits.
    assert.match(String(api?.command?.tooltip), /Order sensitive: created in reverse document order: 0 Pending instead of 6/);
    await c.close(uri);
  });

  it('offers Simulate release (2 workloads) on the first workload, and only there', async () => {
    const uri = await open(example);
    const ls = (await lensesOf(uri)).filter((l) => l.command?.title?.startsWith('Simulate release'));
    assert.equal(ls.length, 1);
    assert.equal(ls[0].command?.title, 'Simulate release (2 workloads)');
    assert.equal(ls[0].command?.command, SIMULATE_RELEASE_CLIENT_COMMAND);
    assert.equal(ls[0].range.start.line, lineOf(/^kind:/, 0));
    await c.close(uri);
  });

  it('follows the edits: with one cache replica api places its six', async () => {
    const uri = await open(example);
    await c.change(uri, 2, example.replace('replicas: 6', 'replicas: 1'));
    await c.diagnosticsFor(uri, 2, 15000);
    const api = (await lensesOf(uri)).find((l) => l.command?.title?.startsWith('api:'));
    assert.match(String(api?.command?.title), /^api: 6\/6 placed → zone-a \d · zone-b \d · zone-c \d/);
    await c.close(uri);
  });

  it('the hover on api (kind, name, anti-affinity, constraint) names cache as the blocker', async () => {
    const uri = await open(example);
    for (const [line, what] of [[lineOf(/^kind:/, 1), 'kind'], [lineOf(/name: api$/), 'name'], [lineOf(/podAntiAffinity:/), 'podAntiAffinity']] as const) {
      const character = lines[line].indexOf(what) + 1;
      const h = await c.hover(uri, line, character);
      const md = (h?.contents as { value: string } | undefined)?.value ?? '';
      assert.match(md, /\*\*Release\*\* · `api` is placed together with `cache` \(this file\), created in document order/, `${what}: ${md}`);
      assert.match(md, /0\/6 placed · \*\*6 Pending\*\*/);
      assert.match(md, /Blocked by Deployment `cache` \(document 0\): it takes 6 node\(s\) `api` could use otherwise \(.*anti-affinity/);
    }
    // On the constraint, after what the scheduler sees for it.
    const tsc = lineOf(/- maxSkew: 1/, 1);
    const h = await c.hover(uri, tsc, lines[tsc].indexOf('maxSkew') + 1);
    const md = (h?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(md, /maxSkew/);
    assert.match(md, /Blocked by Deployment `cache`/);
    // cache is not blocked: its hover says where it stands, and names no blocker.
    const cacheHover = await c.hover(uri, lineOf(/^kind:/, 0), 1);
    const cacheMd = (cacheHover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(cacheMd, /`cache` is placed together with `api`/);
    assert.doesNotMatch(cacheMd, /Blocked by/);
    await c.close(uri);
  });

  it('simulateRelease answers every workload, their colours and one picture', async () => {
    const uri = await open(example);
    const r = await c.executeCommand<SimulateReleaseResult>(Commands.simulateRelease, { uri });
    assert.deepEqual(r.release.workloads.map((w) => [w.name, w.placed, w.pending]), [['cache', 6, 0], ['api', 0, 6]]);
    assert.deepEqual(r.release.workloads[1].blockedBy?.map((b) => b.name), ['cache']);
    assert.equal(r.orderText, 'document order');
    assert.equal(r.release.orderSensitive, true);
    assert.equal(r.colors.length, 2);
    assert.notEqual(r.colors[0], r.colors[1]);
    assert.match(r.svg, /^<svg /);
    assert.match(r.svg, /api: 6 of 6 Pending, blocked by Deployment cache \(doc 0\)/);
    await c.close(uri);
  });

  it('a file of one workload keeps today\'s lens and offers no release', async () => {
    const single = example.split('\n---\n')[1];
    const uri = await open(single);
    const ls = await lensesOf(uri);
    assert.deepEqual(ls.map((l) => l.command?.title), ['6 replicas → zone-a 2 · zone-b 2 · zone-c 2']);
    await c.close(uri);
  });
});

// The project file makes a folder one release (docs/release.md): the editor uses the same groups as the
// CLI's check, reading the other files of the group from disk or from their open documents, and a change
// to one of them (saved on disk, or edited in the editor) re-runs the others.
describe('LSP releases of the project file (a folder released together)', function () {
  this.timeout(30000);
  let c: LspClient;
  let root: string;
  const shop = resolve(__dirname, '../../examples/release-shop');
  const cacheText = readFileSync(join(shop, '10-cache.yaml'), 'utf8');
  const apiText = readFileSync(join(shop, '20-api.yaml'), 'utf8');
  let cachePath: string;
  let apiUri: string;
  const published = (uri: string) => c.diagnostics.filter((d) => d.uri === uri);
  const blocked = (uri: string) => published(uri).at(-1)?.diagnostics.filter((d) => d.code === 'spread/blocked-by-release') ?? [];
  /** Waits for one more publish of `uri` than `before`. */
  const nextPublish = (uri: string, before: number) => c.waitFor(`publish #${before + 1} of ${uri}`, () => published(uri).length > before, 15000);

  before(async () => {
    buildServer();
    root = mkdtempSync(join(tmpdir(), 'kube-spread-release-'));
    const dir = join(root, 'deploy', 'shop');
    mkdirSync(dir, { recursive: true });
    cachePath = join(dir, '10-cache.yaml');
    writeFileSync(cachePath, cacheText);
    writeFileSync(join(dir, '20-api.yaml'), apiText);
    writeFileSync(join(root, '.kube-spread.yaml'), 'releases:\n  - deploy/shop\n');
    apiUri = pathToFileURL(join(dir, '20-api.yaml')).href;
    c = await LspClient.start({ root });
  });
  after(async () => {
    await c?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('api, opened alone, is blocked by cache from the other file of its folder, with a related location there', async () => {
    await c.open(apiUri, apiText, 1);
    const d = await c.diagnosticsFor(apiUri, 1, 15000);
    const b = d.diagnostics.filter((x) => x.code === 'spread/blocked-by-release');
    assert.equal(b.length, 1, JSON.stringify(d.diagnostics.map((x) => x.code)));
    assert.match(String(b[0].message), /2 of 2 replicas stay Pending .*Deployment cache \(.*10-cache\.yaml, document 0\)/);
    // First the blocking workload in the other file, then api's own constraint with the scheduler's message.
    assert.deepEqual(b[0].relatedInformation?.map((r) => r.location.uri), [pathToFileURL(cachePath).href, apiUri]);
    assert.match(String(b[0].relatedInformation?.[1].message), /nodes are available/);
    // The lens says so too.
    const lenses = (await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri: apiUri } })) as CodeLens[];
    assert.ok(lenses.some((l) => l.command?.title === 'api: 0/2 placed (blocked by cache)'), JSON.stringify(lenses.map((l) => l.command?.title)));
  });

  it('cache saved with one replica on disk: api is analysed again and fits', async () => {
    const before = published(apiUri).length;
    writeFileSync(cachePath, cacheText.replace('replicas: 6', 'replicas: 1'));
    await nextPublish(apiUri, before);
    await c.waitFor('api no longer blocked', () => blocked(apiUri).length === 0, 15000);
    writeFileSync(cachePath, cacheText);
    await c.waitFor('api blocked again', () => blocked(apiUri).length === 1, 15000);
  });

  it('cache edited in the editor (unsaved): api follows the open text, and the disk again once it is closed', async () => {
    const cacheUri = pathToFileURL(cachePath).href;
    await c.open(cacheUri, cacheText, 1);
    await c.diagnosticsFor(cacheUri, 1, 15000);
    await c.waitFor('api blocked', () => blocked(apiUri).length === 1, 15000);
    await c.change(cacheUri, 2, cacheText.replace('replicas: 6', 'replicas: 1'));
    await c.waitFor('api no longer blocked after the unsaved edit', () => blocked(apiUri).length === 0, 15000);
    await c.close(cacheUri);
    await c.waitFor('api blocked again (disk text)', () => blocked(apiUri).length === 1, 15000);
  });
});
