// The command line of one subcommand, read against its declared flags (specs.ts). Node's parseArgs
// is not used: its messages are written for developers ("To specify a positional argument starting
// with a '-', place it at the end…"), it cannot take `--replicas -1` as a value to reject in words,
// and it keeps the last of two conflicting values silently. Here every problem is one sentence.

import { suggestFlag } from './suggest';
import { UsageError } from './usage';

export interface FlagSpec {
  /** Without the leading `--`. */
  name: string;
  /** A one-letter alias (`-n`). */
  short?: string;
  /** Takes a value (`--format json`); without it the flag is a switch (`--rollout`). */
  value?: string;
  /** May be given several times, each adding a value (`--cluster a --cluster b`). */
  repeatable?: boolean;
  /** The only values accepted, listed in the help and in the error. */
  choices?: readonly string[];
  /** Another flag without which this one does nothing. */
  requires?: string;
  help: string;
}

export interface CommandSpec {
  /** `check`, `fixture capture`. */
  name: string;
  /** What follows the command name in the usage line. */
  usage: string;
  summary: string;
  flags: FlagSpec[];
  /** Paragraphs after the flags: inputs, exit codes. */
  notes?: string[];
}

export class ParsedArgs {
  constructor(
    readonly positionals: string[],
    private readonly values: Map<string, string[]>,
    private readonly switches: Set<string>,
  ) {}

  has(name: string): boolean {
    return this.switches.has(name) || this.values.has(name);
  }

  /** Every value of a repeatable flag, in order. */
  all(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  /** The value of a single-value flag (given twice only with the same value). */
  one(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }
}

/** `-h`/`--help` among the options (before `--`): help wins over every other problem on the line. */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '-h' || a === '--help') return true;
  }
  return false;
}

export function parseCommandLine(spec: CommandSpec, args: readonly string[], otherCommands: readonly CommandSpec[] = []): ParsedArgs {
  const flags = new Map(spec.flags.map((f) => [f.name, f]));
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const long = arg.startsWith('--');
    const flag = long ? flags.get(arg.slice(2, eq < 0 ? undefined : eq)) : spec.flags.find((f) => f.short !== undefined && arg === `-${f.short}`);
    if (!flag) throw new UsageError(unknownFlag(spec, long && eq >= 0 ? arg.slice(0, eq) : arg, otherCommands));
    const name = flag.name;
    if (flag.value === undefined) {
      if (long && eq >= 0) throw new UsageError(`--${name} takes no value`);
      switches.add(name);
      continue;
    }
    let value: string;
    if (long && eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = args[i + 1];
      // A value may start with one dash (`--replicas -1` is then refused as a number, `--cluster -` is stdin).
      if (next === undefined || (next.startsWith('--') && next !== '--')) throw new UsageError(`--${name} needs a value (${flag.value})`);
      value = next;
      i++;
    }
    if (flag.choices && !flag.choices.includes(value)) throw new UsageError(`--${name} must be one of ${flag.choices.join(', ')}`);
    const seen = values.get(name);
    if (!seen) values.set(name, [value]);
    else if (flag.repeatable) seen.push(value);
    else if (seen[0] !== value) throw new UsageError(`--${name} is given twice with different values (${seen[0]}, ${value}); give it once`);
  }
  for (const f of spec.flags) {
    const present = switches.has(f.name) || values.has(f.name);
    if (present && f.requires && !switches.has(f.requires) && !values.has(f.requires)) {
      throw new UsageError(`--${f.name} does nothing without --${f.requires}`);
    }
  }
  return new ParsedArgs(positionals, values, switches);
}

function unknownFlag(spec: CommandSpec, given: string, otherCommands: readonly CommandSpec[]): string {
  const head = `Unknown option '${given}' for ${spec.name}`;
  const name = given.replace(/^-+/, '');
  const near = suggestFlag(name, spec.flags.map((f) => f.name));
  if (near) return `${head} (did you mean --${near}?)`;
  const elsewhere = otherCommands.filter((c) => c !== spec && c.flags.some((f) => f.name === name)).map((c) => c.name);
  if (given.startsWith('--') && elsewhere.length) return `${head}: --${name} belongs to ${elsewhere.join(', ')} (see kube-spread ${spec.name} --help)`;
  return `${head} (see kube-spread ${spec.name} --help)`;
}
