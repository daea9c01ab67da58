// The real-editor suite: packages the .vsix, installs it into a fresh code-server, opens a fresh copy
// of the workspace in headless Chromium (playwright-core) and checks what a user would see.
// Prints "N passed, M failed" and exits non-zero on any failure. Screenshots: test/e2e/artifacts/.
// Usage: node test/e2e/run.mjs [--keep] [--only substring] [--verbose]   (run test/e2e/setup.sh once before)
// --verbose: the time each step of an instrumented scenario took (step()), to find where a slow one waits.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { checkSetup, CHROMIUM, EXTENSION_ID, HERE, installVsix, REPO, RUN, freshWorkspace, startCodeServer, userSettings } from './lib.mjs';

const ARTIFACTS = join(HERE, 'artifacts');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const t0 = Date.now();
const secs = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const verbose = process.argv.includes('--verbose');
/** With --verbose: when each step of a scenario ended, to see where a slow scenario spends its time. */
let stepT = Date.now();
const step = (label) => {
  if (verbose) console.log(`     · ${label} (+${secs(stepT)})`);
  stepT = Date.now();
};

checkSetup();
const dir = join(RUN, 'e2e');
rmSync(dir, { recursive: true, force: true });
rmSync(ARTIFACTS, { recursive: true, force: true });
mkdirSync(ARTIFACTS, { recursive: true });

let t = Date.now();
execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
installVsix(dir, join(REPO, 'kube-spread.vsix'));
userSettings(dir);
const ws = freshWorkspace(dir);
console.log(`setup: vsix packaged and installed, workspace ${ws} (${secs(t)})`);

t = Date.now();
const cs = await startCodeServer(dir, ws);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(cs.folderUrl);
await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 30000 });
console.log(`editor: code-server ${cs.url} and Chromium ready (${secs(t)})`);

// ---------- helpers ----------
const norm = (s) => s.replace(/\u00a0/g, ' ');
async function focusWorkbench(attempt = 1) {
  // Never click tabs or lists (that changes what is open): the active editor's text (moves only the
  // cursor), else an empty spot of the status bar.
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  if (attempt === 1 && (await lines.isVisible().catch(() => false))) await lines.click({ position: { x: 600, y: 2 }, timeout: 2000 }).catch(() => undefined);
  else await page.locator('.monaco-workbench .part.statusbar').click({ position: { x: 700, y: 5 }, timeout: 2000 }).catch(() => undefined);
}
/** Presses a key that opens the quick input, retrying once: a keypress can be lost while focus moves. */
async function quickInput(key) {
  const input = page.locator('.quick-input-widget input');
  for (let i = 0; i < 3; i++) {
    if (i > 0) await focusWorkbench(i);
    await page.keyboard.press(key);
    if (await input.waitFor({ timeout: 3000 }).then(() => true, () => false)) return input;
  }
  throw new Error(`${key} did not open the quick input`);
}
async function openFile(name) {
  const active = page.locator('.editor-group-container.active .tab.active', { hasText: name });
  for (let i = 0; i < 3 && !(await active.isVisible()); i++) {
    const input = await quickInput('Control+P');
    await input.fill(name);
    // Results arrive in two waves (history, then file search): wait for the focused row to settle.
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor({ timeout: 10000 });
    await page.waitForTimeout(250);
    await page.keyboard.press('Enter');
    await active.waitFor({ timeout: 5000 }).catch(() => page.keyboard.press('Escape'));
  }
  await active.waitFor({ timeout: 1000 });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
}
async function runCommand(title) {
  const input = await quickInput('F1');
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}
async function problems() {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await focusWorkbench();
    await page.keyboard.press('Control+Shift+M');
  }
  await panel.waitFor();
  return page.locator('.markers-panel .monaco-list-row');
}
const statusItem = (text) => page.locator('.statusbar-item', { hasText: text });
function extensionLog() {
  const logs = join(dir, 'ud/logs');
  if (!existsSync(logs)) return '';
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.includes(EXTENSION_ID)) out.push(`--- ${p}\n${readFileSync(p, 'utf8').split('\n').slice(-25).join('\n')}`);
    }
  };
  walk(logs);
  return out.join('\n');
}

// ---------- scenarios ----------
// `needs` names what must exist for a scenario to pass, so a failure is easy to attribute.
const scenarios = [
  {
    name: 'status bar shows the embedded sample cluster once a YAML file is open',
    async run() {
      await openFile('web.yaml');
      await statusItem('sample cluster').waitFor({ timeout: 20000 });
    },
  },
  {
    name: 'YAML syntax error appears in the Problems panel and as a squiggle',
    async run() {
      await openFile('broken.yaml');
      const rows = await problems();
      await rows.filter({ hasText: 'kube-spread' }).first().waitFor({ timeout: 15000 });
      const text = norm(await rows.filter({ hasText: 'kube-spread' }).first().innerText());
      if (!/yaml\//.test(text) && !/broken\.yaml/.test(text)) throw new Error(`unexpected row: ${text}`);
      await page.locator('.squiggly-error').first().waitFor({ timeout: 5000 });
    },
  },
  {
    name: 'maxSkew: 0 is reported (api/ finding) in the Problems panel',
    needs: 'analysis module with API validation',
    async run() {
      await openFile('skew-zero.yaml');
      const rows = await problems();
      await rows.filter({ hasText: /maxSkew/i }).first().waitFor({ timeout: 15000 });
    },
  },
  {
    name: 're-diagnoses while typing (no save)',
    async run() {
      await openFile('web.yaml');
      const rows = await problems();
      const line = page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'name: web' }).first();
      await line.click();
      await page.keyboard.press('End');
      await page.keyboard.type(': x', { delay: 30 }); // "name: web: x" is a YAML error; no auto-closed brackets
      const webRow = rows.filter({ hasText: 'web.yaml' });
      await webRow.first().waitFor({ timeout: 10000 });
      // Undo back to the saved text (undo groups vary), then the problem must go away again.
      await line.click();
      for (let i = 0; i < 6 && (await page.locator('.editor-group-container.active .tab.active.dirty').count()); i++) await page.keyboard.press('Control+Z');
      await webRow.first().waitFor({ state: 'detached', timeout: 10000 });
    },
  },
  {
    name: 'hover over a spread constraint shows domains from the fixture',
    needs: 'analysis module (explainDocument)',
    async run() {
      await openFile('web.yaml');
      const line = page.locator('.monaco-editor .view-line', { hasText: 'topologyKey' }).first();
      const hover = page.locator('.monaco-hover', { hasText: 'kube-spread' });
      // A cold server may answer the first hover before its first analysis is ready, and the editor
      // does not ask again until the mouse moves: move away and back until the hover shows (30 s at most).
      let shown = false;
      for (let attempt = 0; attempt < 10 && !shown; attempt++) {
        await page.mouse.move(0, 0);
        await line.locator('span span').first().hover();
        shown = await hover.first().waitFor({ timeout: 3000 }).then(() => true, () => false);
      }
      if (!shown) throw new Error('no kube-spread hover after 10 attempts');
      const text = norm(await hover.first().innerText());
      if (!text.includes('topology.kubernetes.io/zone')) throw new Error(`hover without the topology key: ${text}`);
    },
  },
  {
    name: 'completion offers the fixture\'s topology keys and accepting one writes it',
    needs: 'completion provider',
    async run() {
      await openFile('web.yaml');
      const line = page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'topologyKey:' }).first();
      await line.click();
      await page.keyboard.press('End');
      for (let i = 0; i < 'topology.kubernetes.io/zone'.length + 1; i++) await page.keyboard.press('Backspace');
      await page.keyboard.type(' ', { delay: 30 }); // a trigger character
      const widget = page.locator('.suggest-widget.visible');
      if (!(await widget.waitFor({ timeout: 4000 }).then(() => true, () => false))) await page.keyboard.press('Control+Space');
      await page.keyboard.type('kub', { delay: 60 });
      const row = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'kubernetes.io/hostname' }).first();
      await row.waitFor({ timeout: 10000 });
      // The details pane says what the key means on this fixture.
      const details = page.locator('.suggest-details-container');
      if (!(await details.isVisible())) await page.keyboard.press('Control+Space');
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ARTIFACTS, 'completion-topologyKey.png') });
      await row.click();
      await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'topologyKey: kubernetes.io/hostname' }).first().waitFor({ timeout: 5000 });
      await line.click();
      for (let i = 0; i < 8 && (await page.locator('.editor-group-container.active .tab.active.dirty').count()); i++) await page.keyboard.press('Control+Z');
      await page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached', timeout: 5000 });
      // The code lens follows the edits back to the saved text.
      const lens = page.locator('.editor-group-container.active .codelens-decoration a').first();
      await page.locator('.editor-group-container.active .codelens-decoration a', { hasText: '6 replicas →' }).first().waitFor({ timeout: 10000 })
        .catch(async () => { throw new Error(`code lens after undo: ${norm(await lens.innerText().catch(() => '(none)'))}`); });
    },
  },
  {
    name: 'quick fix adds matchLabelKeys: [pod-template-hash] without touching the rest',
    needs: 'code action provider + lint/matchLabelKeys-pod-template-hash',
    async run() {
      await openFile('web.yaml');
      const before = norm(await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText());
      await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'labelSelector:' }).first().locator('span span', { hasText: 'labelSelector' }).first().click();
      const item = page.locator('.action-widget').getByText('Add matchLabelKeys: [pod-template-hash]').first();
      for (let i = 0; i < 3 && !(await item.isVisible()); i++) {
        await page.keyboard.press('Control+.');
        await item.waitFor({ timeout: 5000 }).catch(() => undefined);
      }
      await item.waitFor({ timeout: 2000 });
      await page.screenshot({ path: join(ARTIFACTS, 'quickfix-matchLabelKeys.png') });
      await page.keyboard.press('Enter'); // the only (preferred) fix is focused
      try {
        await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: '- pod-template-hash' }).first().waitFor({ timeout: 5000 });
        const after = norm(await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText());
        // Only the visible lines are rendered (not necessarily in DOM order): look for the ones around the insertion.
        const around = ['labelSelector:', 'matchLabels:', 'app: web', 'matchLabelKeys:', '- pod-template-hash'];
        if (around.some((t) => !after.includes(t))) throw new Error(`unexpected text after the fix: ${JSON.stringify(after)}`);
        if (!before.includes('whenUnsatisfiable: DoNotSchedule') || !after.includes('whenUnsatisfiable: DoNotSchedule')) throw new Error('the constraint changed');
      } finally {
        await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'labelSelector:' }).first().click();
        for (let i = 0; i < 6 && (await page.locator('.editor-group-container.active .tab.active.dirty').count()); i++) await page.keyboard.press('Control+Z');
        await page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached', timeout: 5000 });
      }
    },
  },
  {
    name: 'Simulate Placement opens a webview with every replica placed',
    needs: 'analysis module (simulateDocument)',
    async run() {
      await openFile('web.yaml');
      await runCommand('Kube Spread: Simulate Placement');
      const frame = page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
      await frame.locator('body .bar').waitFor({ timeout: 15000 });
      const body = frame.locator('body');
      await frame.locator('.summary, .error').first().waitFor({ timeout: 15000 });
      const err = frame.locator('.error');
      if (await err.count()) throw new Error(`webview shows an error: ${await err.innerText()}`);
      const pods = await frame.locator('.domain .pod').count();
      if (pods !== 6) throw new Error(`expected 6 placed replicas, saw ${pods}: ${norm(await body.innerText()).slice(0, 300)}`);
    },
  },
  {
    name: 'code lens shows where replicas land and opens Simulate Placement with existing pods',
    needs: 'code lens provider',
    async run() {
      await openFile('web.yaml');
      await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'kind:' }).first().click().catch(() => undefined);
      await page.keyboard.press('Control+Home'); // the lens is rendered only while its line is in view
      const lens = page.locator('.editor-group-container.active .codelens-decoration a', { hasText: '6 replicas →' }).first();
      await lens.waitFor({ timeout: 15000 });
      const title = norm(await lens.innerText());
      if (!/zone-a 0 · zone-b 3 · zone-c 3/.test(title)) throw new Error(`lens title: ${title}`);
      await page.keyboard.press('Escape');
      await lens.click();
      const frame = page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
      await frame.locator('.summary').first().waitFor({ timeout: 15000 });
      // zone-a already runs 2 app=web pods, which the zone constraint counts.
      const existing = frame.locator('.domain[data-domain="zone-a"] .existing');
      await existing.waitFor({ timeout: 5000 });
      if (!/\+2 existing/.test(await existing.innerText())) throw new Error(`zone-a badge: ${await existing.innerText()}`);
      const hollow = await frame.locator('.domain[data-domain="zone-a"] .existing-pod').count();
      if (hollow !== 2) throw new Error(`expected 2 existing pods drawn in zone-a, saw ${hollow}`);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ARTIFACTS, 'codelens-simulate.png') });
    },
  },
  {
    name: 'Select Cluster Fixture switches the status bar to cluster.yaml · 9 nodes',
    async run() {
      await openFile('web.yaml');
      await runCommand('Kube Spread: Select Cluster Fixture');
      // code-server's simple file dialog: a quick input holding a path.
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      const path = join(ws, 'cluster.yaml');
      await input.fill(path);
      // The dialog filters asynchronously and may still rewrite the input: wait until it holds the
      // path, and confirm again while the dialog stays open (it sometimes swallows the first Enter).
      for (let i = 0; i < 20 && (await input.inputValue()) !== path; i++) await page.waitForTimeout(100);
      const dialog = page.locator('.quick-input-widget');
      for (let attempt = 0; attempt < 3; attempt++) {
        await page.keyboard.press('Enter');
        try {
          await dialog.waitFor({ state: 'hidden', timeout: 2000 });
          break;
        } catch {
          if ((await input.inputValue()) !== path) await input.fill(path);
        }
      }
      await statusItem('cluster.yaml · 9 nodes').waitFor({ timeout: 15000 });
      const settings = JSON.parse(readFileSync(join(ws, '.vscode/settings.json'), 'utf8'));
      if (settings['kubeSpread.fixture'] !== 'cluster.yaml') throw new Error(`workspace setting is ${JSON.stringify(settings)}`);
    },
  },
  {
    name: 'a broken fixture file shows "fixture failed" and the sample comes back on request',
    async run() {
      writeFileSync(join(ws, 'cluster.yaml'), 'kind: List\nitems: [\n');
      await statusItem('fixture failed').waitFor({ timeout: 15000 });
      await runCommand('Kube Spread: Use Embedded Sample Cluster');
      await statusItem('sample cluster').waitFor({ timeout: 15000 });
    },
  },
  {
    name: 'the status bar shows the Kubernetes version next to the fixture (examples/whatif/cluster.yaml selected)',
    needs: 'kubernetes status (features/clusterConfig.ts)',
    async run() {
      await openFile('web-rollout.yaml');
      await statusItem('sample cluster · 1.36').waitFor({ timeout: 15000 });
      // Select the fixture as the Select Cluster Fixture command would (its dialog is covered above): the workspace setting.
      const file = join(ws, '.vscode/settings.json');
      const settings = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
      mkdirSync(join(ws, '.vscode'), { recursive: true });
      writeFileSync(file, JSON.stringify({ ...settings, 'kubeSpread.fixture': 'whatif/cluster.yaml' }, null, 2));
      await statusItem('cluster.yaml · 3 nodes · 1.36').waitFor({ timeout: 15000 });
      const tooltip = await statusItem('cluster.yaml · 3 nodes · 1.36').first().getAttribute('aria-label');
      if (tooltip !== null && !/1\.36/.test(tooltip)) throw new Error(`status item label: ${tooltip}`);
    },
  },
  {
    name: 'Simulate Rolling Update from the palette shows the steps in a webview',
    needs: 'what-if commands and view',
    async run() {
      await openFile('web-rollout.yaml');
      await runCommand('Kube Spread: Simulate Rolling Update');
      // Several webviews may exist (Simulate Placement): take the one whose bar says Rolling update.
      let frame;
      for (let tries = 0; tries < 60 && !frame; tries++) {
        for (const f of page.frames()) {
          if (/Rolling update/.test(await f.locator('body .bar').first().innerText({ timeout: 200 }).catch(() => ''))) {
            frame = f;
            break;
          }
        }
        if (!frame) await page.waitForTimeout(250);
      }
      if (!frame) throw new Error('no What-if webview with "Rolling update"');
      await frame.locator('figure svg, .error').first().waitFor({ timeout: 15000 });
      if (await frame.locator('.error').count()) throw new Error(`webview shows an error: ${await frame.locator('.error').innerText()}`);
      const pictures = await frame.locator('figure svg').count();
      if (pictures !== 2) throw new Error(`expected 2 pictures (as written, and with matchLabelKeys), saw ${pictures}`);
      const text = norm(await frame.locator('details.text pre').innerText());
      // One row per step the text lists: [0] the initial placement, then one per controller sync.
      const steps = new Set(text.match(/\[\d+\] /g) ?? []).size;
      const rows = await frame.locator('figure').first().locator('svg rect.box').count();
      if (steps < 3 || rows !== steps) throw new Error(`expected a row per step (${steps}), saw ${rows}`);
      if (!/\[1\] scale up web-\w+ 0 → 1 \(maxSurge\)/.test(text)) throw new Error(`text summary: ${text.slice(0, 300)}`);
      const outcome = norm(await frame.locator('.outcome').first().innerText());
      if (!/skew 2 on topology\.kubernetes\.io\/zone/.test(outcome)) throw new Error(`outcome: ${outcome}`);
      // The picture's own <style> is admitted by its hash: the bars are drawn in the theme colour, not black.
      const fill = await frame.locator('figure svg rect.new').first().evaluate((e) => e.ownerDocument.defaultView.getComputedStyle(e).fill);
      if (!fill || fill === 'rgb(0, 0, 0)') throw new Error(`bar fill ${fill}: the SVG's style did not apply`);
      // For docs/images: the view without the Problems panel under the editor.
      await page.locator('.part.panel .codicon-panel-close, .part.panel .codicon-close').first().click({ timeout: 2000 }).catch(() => undefined);
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(ARTIFACTS, 'whatif-rollout.png') });
    },
  },
  {
    name: 'Simulate Release: the lens opens every workload in one picture, api Pending and blocked by cache',
    needs: 'release lenses, the simulateRelease command and the Simulate Release view',
    async run() {
      // The example is written for the embedded sample cluster (its general node pool); an earlier
      // scenario selected whatif/cluster.yaml, which has no such pool. Switch back as a user would.
      await openFile('release-cache-api.yaml');
      step('opened');
      if (!(await statusItem('sample cluster').isVisible())) {
        await runCommand('Kube Spread: Use Embedded Sample Cluster');
        await statusItem('sample cluster').waitFor({ timeout: 15000 });
      }
      step('sample cluster in use');
      // Focus the editor by clicking near the start of a line: the middle of a line as wide as the file's
      // longest comment can lie under the scrollbar of this narrow editor group.
      await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'kind:' }).first().click({ position: { x: 10, y: 5 }, timeout: 5000 });
      await page.keyboard.press('Control+Home'); // the lens is rendered only while its line is in view
      const lens = page.locator('.editor-group-container.active .codelens-decoration a', { hasText: 'Simulate release (2 workloads)' }).first();
      await lens.waitFor({ timeout: 20000 });
      // Click only once the lenses show the sample's answer: the fixture switch re-renders them, and a
      // click on a lens being replaced can be lost.
      await page.locator('.editor-group-container.active .codelens-decoration a', { hasText: 'cache: 6/6 placed' }).first().waitFor({ timeout: 20000 });
      await page.waitForTimeout(300);
      step('lenses settled');
      await page.keyboard.press('Escape');
      await lens.click();
      // Several webviews may exist (Simulate Placement, What-if): take the one whose bar says Release.
      let frame;
      for (let tries = 0; tries < 60 && !frame; tries++) {
        for (const f of page.frames()) {
          if (/Release/.test(await f.locator('body .bar').first().innerText({ timeout: 200 }).catch(() => ''))) {
            frame = f;
            break;
          }
        }
        if (!frame) await page.waitForTimeout(250);
      }
      if (!frame) throw new Error('no Simulate Release webview');
      step('webview found');
      await frame.locator('.summary, .error').first().waitFor({ timeout: 20000 });
      step('webview rendered');
      if (await frame.locator('.error').count()) throw new Error(`webview shows an error: ${await frame.locator('.error').innerText()}`);
      const rows = await frame.locator('table.workloads tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-workload'), tr.querySelector('.pending-cell')?.textContent]));
      if (JSON.stringify(rows) !== JSON.stringify([['cache', '0'], ['api', '6']])) throw new Error(`workload rows: ${JSON.stringify(rows)}`);
      const text = norm(await frame.locator('body').innerText());
      if (!/Pending: api blocked by cache \(doc 0\)/.test(text)) throw new Error(`no attribution: ${text.slice(0, 400)}`);
      if (!/Order sensitive/.test(text)) throw new Error('no order-sensitivity warning');
      // The picture: every cache pod drawn in cache's colour, inlined (not refused by the view).
      if ((await frame.locator('.picture svg').count()) !== 1) throw new Error('the release picture is not shown');
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ARTIFACTS, 'simulate-release.png') });
    },
  },
  {
    name: 'Audit Cluster: drifted-cluster.yaml, checkout violated first, the dry run converges, the row opens its manifest',
    needs: 'the audit command (lsp/features/audit.ts) and the Audit Cluster view',
    async run() {
      // checkout's manifest in the workspace (the second document, after a ConfigMap), for the view to link to.
      writeFileSync(join(ws, 'audit-checkout.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: shop}\n---\n'
        + 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: checkout\n  namespace: shop\nspec:\n  replicas: 4\n'
        + '  selector: {matchLabels: {app: checkout}}\n  template:\n    metadata: {labels: {app: checkout}}\n    spec:\n      containers: [{name: app, image: app}]\n');
      const file = join(ws, '.vscode/settings.json');
      const settings = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
      mkdirSync(join(ws, '.vscode'), { recursive: true });
      writeFileSync(file, JSON.stringify({ ...settings, 'kubeSpread.fixture': 'drifted-cluster.yaml' }, null, 2));
      await openFile('web.yaml');
      await statusItem('drifted-cluster.yaml · 6 nodes').waitFor({ timeout: 20000 });
      await runCommand('Kube Spread: Audit Cluster');
      let frame;
      for (let tries = 0; tries < 80 && !frame; tries++) {
        for (const f of page.frames()) {
          if (/Audit/.test(await f.locator('body .bar').first().innerText({ timeout: 200 }).catch(() => ''))) {
            frame = f;
            break;
          }
        }
        if (!frame) await page.waitForTimeout(250);
      }
      if (!frame) throw new Error('no Audit Cluster webview');
      await frame.locator('.summary, .error').first().waitFor({ timeout: 30000 });
      if (await frame.locator('.error').count()) throw new Error(`webview shows an error: ${await frame.locator('.error').innerText()}`);
      const ids = await frame.locator('section.workload').evaluateAll((ss) => ss.map((x) => x.getAttribute('data-workload')));
      if (JSON.stringify(ids) !== JSON.stringify(['shop/Deployment/checkout', 'shop/StatefulSet/search', 'shop/Deployment/reports'])) throw new Error(`workloads: ${JSON.stringify(ids)}`);
      const over = await frame.locator('section.workload').first().locator('.domain.over').evaluateAll((ds) => ds.map((d) => d.getAttribute('data-domain')));
      if (!over.includes('eu-west-1a')) throw new Error(`domains over maxSkew: ${JSON.stringify(over)}`);
      const text = norm(await frame.locator('body').innerText());
      if (!/exits 1 \(failOn DoNotSchedule\)/.test(text)) throw new Error(`no verdict: ${text.slice(0, 400)}`);
      if (!/Converged after 2 rounds/.test(text) || !/→ node-b2/.test(text)) throw new Error(`no dry run: ${text.slice(-600)}`);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ARTIFACTS, 'audit-cluster.png') });
      // The link opens the manifest at its document.
      await frame.locator('section.workload a[data-open="0"]').click();
      await page.locator('.editor-group-container .tab.active', { hasText: 'audit-checkout.yaml' }).first().waitFor({ timeout: 10000 });
    },
  },
  {
    name: 'Show Server Log opens the Kube Spread output channel',
    async run() {
      await runCommand('Kube Spread: Show Server Log');
      await page.locator('.part.panel .monaco-editor .view-lines', { hasText: 'kube-spread server' }).first().waitFor({ timeout: 10000 });
    },
  },
];

let passed = 0;
let failed = 0;
const failures = [];
for (const [i, s] of scenarios.entries()) {
  if (only && !s.name.includes(only)) continue;
  const st = Date.now();
  stepT = st;
  const shot = join(ARTIFACTS, `${String(i + 1).padStart(2, '0')}-${s.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`);
  try {
    await s.run();
    passed++;
    console.log(`ok   ${s.name} (${secs(st)})`);
  } catch (e) {
    failed++;
    const msg = String(e.message ?? e).split('\n')[0];
    failures.push(s);
    console.log(`FAIL ${s.name} (${secs(st)})${s.needs ? ` [needs: ${s.needs}]` : ''}\n     ${msg}`);
    await page.keyboard.press('Escape').catch(() => undefined);
  }
  await page.screenshot({ path: shot }).catch(() => undefined);
}

if (failures.length) console.log(`\nextension logs:\n${extensionLog()}`);
await browser.close();
await cs.stop();
if (!process.argv.includes('--keep')) rmSync(join(dir, 'ws'), { recursive: true, force: true });
console.log(`\ntotal ${secs(t0)}; screenshots in ${ARTIFACTS}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
