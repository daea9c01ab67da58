// What the server needs from the fixture loader (server/src/fixture/index.ts, owned by the fixture
// engineer): load paths or the embedded sample, fail with a one-line message. `fixtureBackend.ts`
// is the only place that picks the implementation.

export interface LoadedFixtureLike {
  /** A path, or "embedded-sample". */
  source: string;
  embedded: boolean;
  /** Every file read (what to watch for changes). */
  files: string[];
  /** The engine's cluster input ({nodes, pods, ...}); opaque here except for the node list. */
  input: unknown;
  problems: unknown[];
  summary: { nodes: number; pods: number };
}

export interface FixturePort {
  readonly name: string;
  loadFixtureFromPaths(paths: string[]): LoadedFixtureLike | Promise<LoadedFixtureLike>;
  loadEmbeddedSample(): LoadedFixtureLike | Promise<LoadedFixtureLike>;
}

/** The node list the simulate picture needs (name and labels), read defensively from `input`. */
export function fixtureNodes(f: LoadedFixtureLike): { name: string; labels: Record<string, string>; unschedulable?: boolean }[] {
  const input = f.input as { nodes?: { metadata?: { name?: string; labels?: Record<string, string> }; spec?: { unschedulable?: boolean } }[] } | undefined;
  return (input?.nodes ?? []).map((n) => ({
    name: n.metadata?.name ?? '',
    labels: n.metadata?.labels ?? {},
    unschedulable: n.spec?.unschedulable || undefined,
  }));
}
