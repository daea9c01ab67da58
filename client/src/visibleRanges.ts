// Tells the server which lines the editors show of each YAML document (kubeSpread/visibleRanges): a big
// file's first analysis on a big cluster computes the spread findings of the workloads on screen first.
// An editor shown or hidden is reported at once; scrolling, at most every THROTTLE_MS (the server only
// needs the last position). A document no editor shows any more is reported with no lines.

import type * as vscode from 'vscode';
import type { VisibleRangesParams } from '../../server/src/protocol';

export const THROTTLE_MS = 100;

/** The part of vscode.window this needs (a stand-in in the unit tests). */
export interface EditorWindow {
  readonly visibleTextEditors: readonly vscode.TextEditor[];
  onDidChangeVisibleTextEditors: vscode.Event<readonly vscode.TextEditor[]>;
  onDidChangeTextEditorVisibleRanges: vscode.Event<vscode.TextEditorVisibleRangesChangeEvent>;
}

export class VisibleRangesReporter implements vscode.Disposable {
  /** Documents reported with some lines: told when no editor shows them any more. */
  private readonly reported = new Set<string>();
  private readonly due = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly window: EditorWindow, private readonly send: (p: VisibleRangesParams) => void) {
    this.listeners = [
      window.onDidChangeVisibleTextEditors(() => this.flush([...this.reported, ...this.shownUris()])),
      window.onDidChangeTextEditorVisibleRanges((e) => {
        if (e.textEditor.document.languageId === 'yaml') this.later(e.textEditor.document.uri.toString());
      }),
    ];
    this.flush(this.shownUris());
  }

  private shownUris(): string[] {
    return this.window.visibleTextEditors.filter((e) => e.document.languageId === 'yaml').map((e) => e.document.uri.toString());
  }

  private later(uri: string): void {
    this.due.add(uri);
    this.timer ??= setTimeout(() => this.flush([]), THROTTLE_MS);
  }

  /** Sends the lines every editor shows of these documents (and of those waiting for the throttle). */
  private flush(uris: readonly string[]): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const wanted = new Set([...uris, ...this.due]);
    this.due.clear();
    for (const uri of wanted) {
      const ranges = this.window.visibleTextEditors
        .filter((e) => e.document.uri.toString() === uri)
        .flatMap((e) => e.visibleRanges.map((r) => ({ start: r.start.line, end: r.end.line })));
      if (!ranges.length && !this.reported.has(uri)) continue;
      if (ranges.length) this.reported.add(uri);
      else this.reported.delete(uri);
      this.send({ uri, ranges });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const l of this.listeners) l.dispose();
  }
}
