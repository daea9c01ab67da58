// The project file (.kube-spread.yaml) as the CLI finds it: `--config FILE` for everything, else for
// each input the nearest one walking up from its folder (standard input: from the working directory),
// exactly as the editor finds one for a document (analysis/project/projectFile.ts). A project file
// with an error stops the run (exit 2) with every problem at its line and column; warnings (unknown
// codes) are printed once per file.

import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatProjectProblem, type LoadedProject, type ProjectConfig, ProjectFiles, readProjectFile } from '../analysis';
import { UsageError } from './usage';

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export class CliProjects {
  private readonly files = new ProjectFiles();
  private readonly reported = new Set<string>();
  private explicitLoaded: LoadedProject | undefined;
  /** The project file of each folder, found once per run (a check of 500 files in one folder walked up 500 times). */
  private readonly byFolder = new Map<string, LoadedProject | undefined>();

  /** `explicit`: the --config FILE, which then applies to every input. */
  constructor(private readonly explicit: string | undefined, private readonly warn: (message: string) => void) {}

  /** The project file that applies to an input path (a file, a directory, or - for standard input); undefined: none. */
  forInput(input: string): ProjectConfig | undefined {
    return this.forFolder(input === '-' ? process.cwd() : isDirectory(input) ? input : dirname(input));
  }

  /** The project file that applies to a file known to be a file (as collectFiles lists them): no stat of it. */
  forFile(file: string): ProjectConfig | undefined {
    return file === '-' ? this.forInput(file) : this.forFolder(dirname(file));
  }

  private forFolder(folder: string): ProjectConfig | undefined {
    if (this.explicit !== undefined) return this.accept((this.explicitLoaded ??= readProjectFile(this.explicit)));
    if (!this.byFolder.has(folder)) this.byFolder.set(folder, this.files.forFolder(folder));
    const loaded = this.byFolder.get(folder);
    return loaded && this.accept(loaded);
  }

  private accept(loaded: LoadedProject): ProjectConfig {
    if (!this.reported.has(loaded.file)) {
      this.reported.add(loaded.file);
      for (const p of loaded.problems.filter((x) => x.severity === 'warning')) this.warn(formatProjectProblem(p));
      const errors = loaded.problems.filter((x) => x.severity === 'error');
      if (errors.length > 0) {
        // Every error on its own line, the last one as the run's error (main.ts prints it and exits 2).
        for (const p of errors.slice(0, -1)) process.stderr.write(`kube-spread: ${formatProjectProblem(p)}\n`);
        throw new UsageError(formatProjectProblem(errors[errors.length - 1]));
      }
    }
    return loaded.config!;
  }
}
