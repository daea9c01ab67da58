// What happens when the language server process dies: restart it, and tell the user once, not a
// storm. A crash gets one quiet notice and a restart; further crashes within the window restart
// silently; more than `maxRestarts` within the window stop the server with one error that offers the
// log and a manual restart. No vscode import: unit-testable.

export type CloseDecision =
  | { restart: true; notify?: 'restarted' }
  | { restart: false; notify: 'gave-up' };

export class RestartPolicy {
  private readonly closes: number[] = [];
  private notifiedRestart = false;

  constructor(private readonly maxRestarts = 4, private readonly windowMs = 3 * 60_000) {}

  /** Called each time the connection to the server closes unexpectedly. */
  onClose(now: number = Date.now()): CloseDecision {
    this.closes.push(now);
    while (this.closes.length && now - this.closes[0] > this.windowMs) this.closes.shift();
    if (this.closes.length > this.maxRestarts) return { restart: false, notify: 'gave-up' };
    if (this.notifiedRestart) return { restart: true };
    this.notifiedRestart = true;
    return { restart: true, notify: 'restarted' };
  }

  /** After the user restarts the server by hand: a fresh start. */
  reset(): void {
    this.closes.length = 0;
    this.notifiedRestart = false;
  }
}
