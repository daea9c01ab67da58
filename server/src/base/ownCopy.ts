// A string that holds only its own characters. V8 represents `text.slice(a, b)` (13 characters or
// more) as a view into `text` and `a + b` as a pair of references, so a short string kept in a
// long-lived cache can keep a whole earlier version of a file alive: the document cache and the
// memos of check kept every edited version of a 2,000-line file this way (bench
// lsp/rss/soak-10000-edits). Concatenating and slicing again makes V8 write the characters into a
// new string first; nothing about the string's value changes (unlike a Buffer round trip, which
// would replace lone surrogates).

export function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
