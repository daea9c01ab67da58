// Picks the fixture loader. TEMPORARY: server/src/fixture/index.ts has not landed yet, so this stub
// understands only plain Node/Pod documents (and `kind: List`), with an empty embedded sample.
// When the real loader lands, re-export it here; nothing else in the server changes.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { FixturePort, LoadedFixtureLike } from './fixturePort';

interface Obj { kind?: string; items?: Obj[]; spec?: { nodeName?: string } }

function filesUnder(p: string): string[] {
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ya?ml|json)$/.test(f)).sort().map((f) => join(p, f));
}

export const fixtures: FixturePort = {
  name: 'stub (Node/Pod lists only)',
  loadEmbeddedSample: (): LoadedFixtureLike => ({
    source: 'embedded-sample', embedded: true, files: [], input: { nodes: [], pods: [] }, problems: [],
    summary: { nodes: 0, pods: 0 },
  }),
  loadFixtureFromPaths(paths) {
    const nodes: Obj[] = [];
    const pods: Obj[] = [];
    const files: string[] = [];
    for (const p of paths) {
      let list: string[];
      try {
        list = filesUnder(p);
      } catch {
        throw new Error(`cannot read ${p}`);
      }
      for (const f of list) {
        files.push(f);
        for (const doc of parseAllDocuments(readFileSync(f, 'utf8'))) {
          if (doc.errors.length) throw new Error(`${f}: ${doc.errors[0].message.split('\n')[0]}`);
          const o = doc.toJS() as Obj | null;
          for (const x of o?.kind === 'List' ? (o.items ?? []) : o ? [o] : []) {
            if (x.kind === 'Node') nodes.push(x);
            else if (x.kind === 'Pod') pods.push(x);
          }
        }
      }
    }
    if (nodes.length === 0) throw new Error('no Node objects in the fixture');
    return {
      source: paths.join(','), embedded: false, files, input: { nodes, pods }, problems: [],
      summary: { nodes: nodes.length, pods: pods.filter((p) => p.spec?.nodeName).length },
    };
  },
};
