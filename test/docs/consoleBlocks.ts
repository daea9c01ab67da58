// Finds the console examples of a Markdown file: fenced blocks whose info string is `console`.
// Inside one, a line starting with `$ ` is a command (a line ending in ` \` continues it on the
// next line, as in a shell), and the lines after it, up to the next command or the closing fence,
// are what the command prints. `console no-run REASON` marks a block that cannot be run (the
// reason is required and shows in the test report). Any other fence is left alone, but a fence
// that is not `console` and still holds `$ kube-spread` lines is reported, so no example can
// escape the tests by being fenced as plain text.

/** One `$ ` line (with its continuation lines) and the output the document shows for it. */
export interface ConsoleCommand {
  /** The command as a shell sees it: continuation lines joined with their `\` + newline kept. */
  command: string;
  /** 1-based line of the `$ ` line in the file. */
  line: number;
  /** The lines shown after the command (without the fence's indentation). */
  expected: string[];
}

export interface ConsoleBlock {
  /** 1-based line of the opening fence. */
  line: number;
  commands: ConsoleCommand[];
  /** Set for `console no-run REASON`. */
  noRun?: string;
}

export interface ParsedDoc {
  blocks: ConsoleBlock[];
  /** Problems that make the document's examples untestable, each `line N: ...`. */
  problems: string[];
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})[ \t]*([^`]*)$/;
const PROMPT = '$ ';

/** Splits a Markdown text into its console blocks, reporting malformed ones. */
export function parseConsoleBlocks(markdown: string): ParsedDoc {
  const lines = markdown.split('\n');
  const blocks: ConsoleBlock[] = [];
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const close = closingLine(lines, i + 1, fence);
    const body = lines.slice(i + 1, close).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
    const words = info.trim().split(/\s+/).filter(Boolean);
    if (words[0] === 'console') {
      const block = parseBlock(body, i + 1, words.slice(1), problems);
      if (block) blocks.push(block);
    } else if (body.some((l) => l.startsWith(`${PROMPT}kube-spread`))) {
      problems.push(`line ${i + 1}: a \`${fence}${info.trim()}\` block shows \`$ kube-spread\` commands: fence it as \`console\` so it is tested`);
    }
    i = close;
  }
  return { blocks, problems };
}

/** Index of the fence's closing line (or the end of the text: CommonMark closes it there). */
function closingLine(lines: string[], from: number, fence: string): number {
  for (let j = from; j < lines.length; j++) {
    const t = lines[j].trim();
    if (t.length >= fence.length && t[0] === fence[0] && /^(`+|~+)$/.test(t)) return j;
  }
  return lines.length;
}

function parseBlock(body: string[], fenceLine: number, attributes: string[], problems: string[]): ConsoleBlock | undefined {
  let noRun: string | undefined;
  if (attributes.length > 0) {
    if (attributes[0] !== 'no-run') {
      problems.push(`line ${fenceLine}: unknown console attribute "${attributes[0]}" (only \`console no-run REASON\`)`);
      return undefined;
    }
    noRun = attributes.slice(1).join(' ');
    if (!noRun) {
      problems.push(`line ${fenceLine}: \`console no-run\` needs a reason`);
      return undefined;
    }
  }
  const commands: ConsoleCommand[] = [];
  for (let k = 0; k < body.length; k++) {
    const text = body[k];
    const line = fenceLine + 1 + k;
    if (text.startsWith(PROMPT)) {
      let command = text.slice(PROMPT.length);
      while (command.endsWith('\\') && k + 1 < body.length) command += `\n${body[++k]}`;
      commands.push({ command, line, expected: [] });
    } else if (commands.length > 0) {
      commands[commands.length - 1].expected.push(text);
    } else if (text.trim() !== '') {
      problems.push(`line ${line}: output before the first \`$ \` command`);
      return undefined;
    }
  }
  if (commands.length === 0) {
    problems.push(`line ${fenceLine}: a console block without a \`$ \` command`);
    return undefined;
  }
  return { line: fenceLine, commands, ...(noRun !== undefined ? { noRun } : {}) };
}
