// The kube-spread CLI (contract: docs/cli.md): dispatch to one file per command, the help of each,
// and the exit codes: 0 ok, 1 findings / pending replicas / pod fits no node, 2 usage or unreadable input.

import { FixtureError } from '../analysis';
import { type CommandSpec, type ParsedArgs, parseCommandLine, wantsHelp } from './args';
import { cmdAudit } from './audit';
import { captureMain } from './capture';
import { checkWorker, cmdCheck } from './check';
import { checkWorkerInput } from './checkThreads';
import { cmdExplain } from './explain';
import { cmdFixture } from './fixture';
import { commandHelp, findCommand, topHelp } from './help';
import { out } from './options';
import { cmdSimulate } from './simulate';
import { AUDIT, CHECK, COMMANDS, EXPLAIN, FIXTURE, SIMULATE } from './specs';
import { suggestFlag } from './suggest';
import { UsageError } from './usage';
import { VERSION } from './version';

let stdoutGuarded = false;

/**
 * `kube-spread simulate … | head` closes the pipe early: that is the reader's choice, not a failure,
 * so the run ends quietly with the exit code it already has instead of an EPIPE stack trace.
 */
function quietOnClosedStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit();
    process.stderr.write(`kube-spread: cannot write the output: ${e.message.split('\n')[0]}\n`);
    process.exit(2);
  });
}

/** A command's exit code, or its promise when it ends later (check on several threads). */
type ExitCode = number | Promise<number>;

function run(spec: CommandSpec, args: string[], command: (parsed: ParsedArgs, argv: readonly string[]) => ExitCode): ExitCode {
  if (wantsHelp(args)) {
    out(commandHelp(spec));
    return 0;
  }
  return command(parseCommandLine(spec, args, COMMANDS), args);
}

function help(words: string[]): number {
  if (words.length === 0) {
    out(topHelp());
    return 0;
  }
  const spec = findCommand(words);
  if (!spec) throw new UsageError(`no help for "${words.join(' ')}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
  out(commandHelp(spec));
  return 0;
}

function unknownCommand(cmd: string): UsageError {
  const near = suggestFlag(cmd, ['check', 'explain', 'simulate', 'fixture', 'audit', 'help', 'version']);
  return new UsageError(`unknown command "${cmd}" (${near ? `did you mean ${near}? ` : ''}expected check, explain, simulate, fixture or audit; see --help)`);
}

/** The exit code of `kube-spread ARGV...`, or its promise when the command ends later (check on several threads, capture). */
export function main(argv: string[]): ExitCode {
  quietOnClosedStdout();
  const [cmd, ...rest] = argv;
  try {
    const code = dispatch(cmd, rest);
    return typeof code === 'number' ? code : code.catch(failure);
  } catch (e) {
    return failure(e);
  }
}

function dispatch(cmd: string | undefined, rest: string[]): ExitCode {
  {
    switch (cmd) {
      case 'check': return run(CHECK, rest, cmdCheck);
      case 'explain': return run(EXPLAIN, rest, cmdExplain);
      case 'simulate': return run(SIMULATE, rest, cmdSimulate);
      case 'audit': return run(AUDIT, rest, cmdAudit);
      case 'fixture':
        if (rest[0] === 'capture') {
          if (wantsHelp(rest.slice(1))) return help(['fixture', 'capture']);
          return captureMain(rest.slice(1)); // asynchronous: API calls
        }
        return run(FIXTURE, rest, cmdFixture);
      case '--version': case 'version': out(`${VERSION}\n`); return 0;
      case 'help': return help(rest);
      case '-h': case '--help': return help([]);
      case undefined: out(topHelp()); return 2;
      default: throw unknownCommand(cmd);
    }
  }
}

/** Exit code 2 for whatever stopped the command, with its first line on stderr. */
function failure(e: unknown): number {
  if (e instanceof UsageError || e instanceof FixtureError) {
    process.stderr.write(`kube-spread: ${e.message.split('\n')[0]}\n`);
    return 2;
  }
  process.stderr.write(`kube-spread: internal error: ${(e as Error).message.split('\n')[0]} (please report it)\n`);
  return 2;
}

/** Sets the process's exit code from main's answer, now or when it ends. */
export function exitWith(code: ExitCode): void {
  if (typeof code === 'number') process.exitCode = code;
  else void code.then((c) => { process.exitCode = c; });
}

// dist/cli.js is also a check worker's script (checkThreads.ts): then it checks files, not a command line.
const workerInput = checkWorkerInput();
if (workerInput) checkWorker(workerInput);
else if (require.main === module) exitWith(main(process.argv.slice(2)));
