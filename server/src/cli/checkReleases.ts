// Which release each file of `kube-spread check` belongs to (docs/release.md): with --release, every
// input file together; else the project file's `releases` entry naming the file (releaseFilesFor), whose
// other files are read from disk even when they are not among the inputs (they take part in the
// release; their findings are reported only when they are checked themselves); else none (the file's
// own workloads form its release, as in the editor).

import { resolve, relative } from 'node:path';
import { type AnalysisSession, type ParsedFile, type ProjectConfig, type ReleaseFile, releaseFilesFor } from '../analysis';
import { readInput } from './inputs';

export interface CheckInput {
  /** The path as given ('-': standard input). */
  file: string;
  name: string;
  parsed: ParsedFile;
  project: ProjectConfig | undefined;
}

export interface ReleaseOf {
  files: ReleaseFile[];
  self: number;
  /** Formed by --release or the project file (outputs list its workloads), not the file's own. */
  explicit: true;
}

export function releasesOf(session: AnalysisSession, inputs: readonly CheckInput[], together: boolean): (ReleaseOf | undefined)[] {
  if (together) {
    const files = inputs.map((i) => ({ file: i.name, parsed: i.parsed }));
    return inputs.map((_, self) => ({ files, self, explicit: true as const }));
  }
  const byPath = new Map(inputs.filter((i) => i.file !== '-').map((i) => [resolve(i.file), i]));
  const extra = new Map<string, ReleaseFile>();
  const groups = new Map<string, ReleaseFile[]>();
  return inputs.map((input) => {
    if (input.file === '-') return undefined;
    const paths = releaseFilesFor(input.project, input.file);
    if (!paths || paths.length < 2) return undefined;
    const key = paths.join('\u0000');
    let files = groups.get(key);
    if (!files) {
      files = paths.map((p) => {
        const given = byPath.get(p);
        if (given) return { file: given.name, parsed: given.parsed };
        let other = extra.get(p);
        if (!other) {
          const name = relative(process.cwd(), p) || p;
          let text: string;
          try {
            text = readInput(p);
          } catch {
            text = ''; // gone since the folder was listed: it holds no workload
          }
          extra.set(p, (other = { file: name, parsed: session.parseOnce(text, name) }));
        }
        return other;
      });
      groups.set(key, files);
    }
    return { files, self: paths.indexOf(resolve(input.file)), explicit: true as const };
  });
}
