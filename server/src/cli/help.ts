// The help texts, written from the command specs (specs.ts): `kube-spread --help` lists the
// commands, `kube-spread COMMAND --help` (or `kube-spread help COMMAND`) every flag of one.

import type { CommandSpec, FlagSpec } from './args';
import { COMMANDS } from './specs';
import { VERSION } from './version';

const FLAG_COLUMN = 30;
const WIDTH = 100;

/** Words wrapped to `width`, continuation lines indented by `indent`. */
function wrap(text: string, indent: number, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function flagLabel(f: FlagSpec): string {
  const long = `--${f.name}${f.value === undefined ? '' : ` ${f.value}`}`;
  return f.short ? `-${f.short}, ${long}` : long;
}

function flagLines(label: string, help: string): string[] {
  const text = wrap(help, FLAG_COLUMN);
  const head = `  ${label}`;
  const out = head.length < FLAG_COLUMN ? [`${head.padEnd(FLAG_COLUMN)}${text[0]}`] : [head, `${' '.repeat(FLAG_COLUMN)}${text[0]}`];
  return [...out, ...text.slice(1).map((l) => `${' '.repeat(FLAG_COLUMN)}${l}`)];
}

export function commandHelp(spec: CommandSpec): string {
  const out = [`kube-spread ${spec.name}: ${spec.summary}`, '', 'Usage:', `  kube-spread ${spec.name}${spec.usage ? ` ${spec.usage}` : ''} [options]`, '', 'Options:'];
  for (const f of spec.flags) out.push(...flagLines(flagLabel(f), f.help));
  out.push(...flagLines('-h, --help', 'this help'));
  for (const n of spec.notes ?? []) out.push('', ...wrap(n, 0));
  return `${out.join('\n')}\n`;
}

/** The command a help request names: `check`, `fixture capture`. */
export function findCommand(words: readonly string[]): CommandSpec | undefined {
  const name = words.filter((w) => !w.startsWith('-')).slice(0, 2).join(' ');
  return COMMANDS.find((c) => c.name === name) ?? COMMANDS.find((c) => c.name === words[0]);
}

export function topHelp(): string {
  const out = [`kube-spread ${VERSION}: Kubernetes topologySpreadConstraints, checked and simulated as kube-scheduler decides`, '', 'Usage:'];
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  for (const c of COMMANDS) out.push(`  kube-spread ${c.name.padEnd(width)}  ${c.usage ? `${c.usage} ` : ''}[options]`);
  out.push('', 'Commands:');
  for (const c of COMMANDS) out.push(...flagLines(c.name, c.summary));
  out.push('', 'Options of every command: kube-spread COMMAND --help (or kube-spread help COMMAND).');
  out.push(...flagLines('-h, --help', 'this help'), ...flagLines('--version', 'print the version'));
  out.push('', 'FILE may be - for standard input. Exit codes: 0 ok, 1 errors found / replicas pending, 2 usage or input error.');
  return `${out.join('\n')}\n`;
}
