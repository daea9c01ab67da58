// The CLI's one error for a bad command line or unreadable input: main.ts prints its message as
// one line on stderr and exits 2.

export class UsageError extends Error {}
