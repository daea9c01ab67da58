// The small part of the shell a documentation command may use. The command is run by `sh -c`
// exactly as written (so `$?` after a pipe means what it means in the reader's shell), which is
// only safe because everything outside this subset is refused before anything runs:
//
//   kube-spread ARGS... [2>&1] [| head|tail|grep|wc ARGS...]... [; echo "exit $?"]
//
// ARGS are plain or quoted words without expansions (`$`, backquotes, `~`), so nothing but
// kube-spread and the four read-only filters can run, and nothing is written anywhere: no `>`
// redirections, no `&&`, `||`, `&`, subshells or comments.

/** Programs allowed after a `|`: they only read their input. */
const FILTERS = new Set(['head', 'tail', 'grep', 'wc']);
/** The one allowed use of `$`: printing the exit status at the end. */
const EXIT_ECHO = '"exit $?"';
export const SUBSET = 'kube-spread ARGS [2>&1] [| head|tail|grep|wc ARGS]... [; echo "exit $?"]';

/** Command substitution, subshells, escapes: refused wherever they are (unquoted). */
const UNSAFE_ANYWHERE = '`()\\';
/** A comment, the home directory, a brace group: refused where a word starts. */
const UNSAFE_AT_WORD_START = '#~{';

type Token = { kind: 'word'; raw: string } | { kind: 'op'; op: '|' | ';' | '2>&1' };

export interface CheckedCommand {
  /** The command ends with `; echo "exit $?"`: its exit status is part of the shown output. */
  showsExitStatus: boolean;
}

/** Checks a documentation command against the subset; throws an Error saying what is not allowed. */
export function checkCommand(command: string): CheckedCommand {
  const tokens = tokenize(command);
  const semicolons = tokens.flatMap((t, i) => (t.kind === 'op' && t.op === ';' ? [i] : []));
  if (semicolons.length > 1) refuse('more than one `;`');
  let showsExitStatus = false;
  let pipeline = tokens;
  if (semicolons.length === 1) {
    const tail = tokens.slice(semicolons[0] + 1);
    if (tail.length !== 2 || !isWord(tail[0], 'echo') || !isWord(tail[1], EXIT_ECHO)) refuse('after `;` only `echo "exit $?"`');
    showsExitStatus = true;
    pipeline = tokens.slice(0, semicolons[0]);
  }
  for (const t of tokens) if (t.kind === 'word' && t.raw.includes('$') && t.raw !== EXIT_ECHO) refuse(`\`$\` in ${t.raw}`);
  const stages = splitPipes(pipeline);
  stages.forEach((stage, i) => checkStage(stage, i));
  return { showsExitStatus };
}

function checkStage(stage: Token[], index: number): void {
  const [first] = stage;
  if (!first || first.kind !== 'word') refuse('an empty command');
  if (index === 0) {
    if (first.raw !== 'kube-spread') refuse(`a command that is not kube-spread (${first.raw})`);
    stage.slice(1).forEach((t, i) => {
      if (t.kind === 'op' && i !== stage.length - 2) refuse('`2>&1` anywhere but at the end of the kube-spread command');
    });
    return;
  }
  if (!FILTERS.has(first.raw)) refuse(`\`| ${first.raw}\` (filters: ${[...FILTERS].join(', ')})`);
  if (stage.some((t) => t.kind === 'op')) refuse('a redirection in a filter');
}

function splitPipes(tokens: Token[]): Token[][] {
  const stages: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'op' && t.op === '|') stages.push([]);
    else stages[stages.length - 1].push(t);
  }
  return stages;
}

const isWord = (t: Token, raw: string): boolean => t.kind === 'word' && t.raw === raw;

function refuse(what: string): never {
  throw new Error(`not in the shell subset of documentation commands: ${what}. Supported: ${SUBSET}`);
}

/** Words keep their raw text (quotes included); quoting only matters for where a word ends. */
function tokenize(command: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  const flush = (): void => {
    if (word) tokens.push({ kind: 'word', raw: word });
    word = '';
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === '\\' && command[i + 1] === '\n') {
      flush();
      i++;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      flush();
    } else if (c === "'" || c === '"') {
      const end = command.indexOf(c, i + 1);
      if (end < 0) refuse('an unterminated quote');
      const quoted = command.slice(i, end + 1);
      if (c === '"' && /[`\\]/.test(quoted)) refuse('a backquote or backslash inside double quotes');
      word += quoted;
      i = end;
    } else if (c === '|' || c === ';') {
      if (command[i + 1] === c) refuse(`\`${c}${c}\``);
      flush();
      tokens.push({ kind: 'op', op: c });
    } else if (c === '>' || c === '<' || c === '&') {
      if (word === '2' && command.startsWith('>&1', i)) {
        word = '';
        tokens.push({ kind: 'op', op: '2>&1' });
        i += 2;
      } else {
        refuse(`\`${c}\` (only \`2>&1\`)`);
      }
    } else if (UNSAFE_ANYWHERE.includes(c) || (word === '' && UNSAFE_AT_WORD_START.includes(c))) {
      refuse(`\`${c}\``);
    } else {
      word += c;
    }
  }
  flush();
  return tokens;
}
