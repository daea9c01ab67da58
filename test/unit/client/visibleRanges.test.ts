// The client's report of what the editors show (client/src/visibleRanges.ts), with a stand-in for
// vscode.window: shown editors are reported at once, scrolling at most every THROTTLE_MS with the last
// position, other languages never, and a document no editor shows any more once with no lines.

import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { THROTTLE_MS, VisibleRangesReporter, type EditorWindow } from '../../../client/src/visibleRanges';
import type { VisibleRangesParams } from '../../../server/src/protocol';

type Listener<T> = (e: T) => void;

class FakeWindow implements EditorWindow {
  visibleTextEditors: vscode.TextEditor[] = [];
  private readonly shown: Listener<readonly vscode.TextEditor[]>[] = [];
  private readonly scrolled: Listener<vscode.TextEditorVisibleRangesChangeEvent>[] = [];
  onDidChangeVisibleTextEditors = ((l: Listener<readonly vscode.TextEditor[]>) => {
    this.shown.push(l);
    return { dispose: () => this.shown.splice(this.shown.indexOf(l), 1) };
  }) as unknown as vscode.Event<readonly vscode.TextEditor[]>;
  onDidChangeTextEditorVisibleRanges = ((l: Listener<vscode.TextEditorVisibleRangesChangeEvent>) => {
    this.scrolled.push(l);
    return { dispose: () => this.scrolled.splice(this.scrolled.indexOf(l), 1) };
  }) as unknown as vscode.Event<vscode.TextEditorVisibleRangesChangeEvent>;

  show(editors: vscode.TextEditor[]): void {
    this.visibleTextEditors = editors;
    for (const l of [...this.shown]) l(editors);
  }

  scroll(editor: vscode.TextEditor, start: number, end: number): void {
    (editor as { visibleRanges: unknown }).visibleRanges = [{ start: { line: start }, end: { line: end } }];
    for (const l of [...this.scrolled]) l({ textEditor: editor, visibleRanges: editor.visibleRanges });
  }

  listeners(): number {
    return this.shown.length + this.scrolled.length;
  }
}

function editor(uri: string, languageId: string, start: number, end: number): vscode.TextEditor {
  return {
    document: { uri: { toString: () => uri }, languageId },
    visibleRanges: [{ start: { line: start }, end: { line: end } }],
  } as unknown as vscode.TextEditor;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('client: visible ranges reporter', () => {
  it('reports the YAML editors shown at start and when shown, not other languages', () => {
    const w = new FakeWindow();
    const a = editor('file:///a.yaml', 'yaml', 0, 40);
    w.visibleTextEditors = [a, editor('file:///x.json', 'json', 0, 10)];
    const sent: VisibleRangesParams[] = [];
    const r = new VisibleRangesReporter(w, (p) => sent.push(p));
    assert.deepEqual(sent, [{ uri: 'file:///a.yaml', ranges: [{ start: 0, end: 40 }] }]);
    w.show([a, editor('file:///b.yaml', 'yaml', 100, 150)]);
    assert.deepEqual(sent.slice(1), [
      { uri: 'file:///a.yaml', ranges: [{ start: 0, end: 40 }] },
      { uri: 'file:///b.yaml', ranges: [{ start: 100, end: 150 }] },
    ]);
    // b no longer shown: told once with no lines; then nothing more of it.
    w.show([a]);
    assert.deepEqual(sent.slice(3), [{ uri: 'file:///a.yaml', ranges: [{ start: 0, end: 40 }] }, { uri: 'file:///b.yaml', ranges: [] }]);
    w.show([a]);
    assert.ok(!sent.slice(5).some((p) => p.uri === 'file:///b.yaml'));
    r.dispose();
    assert.equal(w.listeners(), 0);
  });

  it('scrolling: the last position once per THROTTLE_MS', async () => {
    const w = new FakeWindow();
    const a = editor('file:///a.yaml', 'yaml', 0, 40);
    w.visibleTextEditors = [a];
    const sent: VisibleRangesParams[] = [];
    const r = new VisibleRangesReporter(w, (p) => sent.push(p));
    sent.length = 0;
    for (let i = 1; i <= 5; i++) w.scroll(a, 10 * i, 10 * i + 40);
    assert.equal(sent.length, 0, 'nothing before the throttle ends');
    await sleep(THROTTLE_MS + 50);
    assert.deepEqual(sent, [{ uri: 'file:///a.yaml', ranges: [{ start: 50, end: 90 }] }]);
    w.scroll(a, 300, 340);
    r.dispose(); // a pending report is dropped with the reporter
    await sleep(THROTTLE_MS + 50);
    assert.equal(sent.length, 1);
  });
});
