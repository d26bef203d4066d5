// Finds shell syntax that does not work the same in bash, cmd, PowerShell 7 and Windows PowerShell 5.1, for
// commands a user types (README) and package.json scripts (pnpm runs them with sh on POSIX and cmd on Windows,
// or with a configured script-shell such as PowerShell). Pure: a command line in, problems out.

export interface ShellProblem {
  /** What was found, e.g. "&&". */
  token: string;
  /** Which shells reject or misread it. */
  why: string;
}

interface Rule {
  pattern: RegExp;
  token: string;
  why: string;
}

/** Text between double quotes is one argument everywhere; these rules look at the rest. */
function outsideDoubleQuotes(command: string): string {
  return command.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

const RULES: readonly Rule[] = [
  {
    pattern: /&&/,
    token: '&&',
    why: 'Windows PowerShell 5.1 rejects it ("The token \'&&\' is not a valid statement separator")',
  },
  { pattern: /\|\|/, token: '||', why: 'Windows PowerShell 5.1 rejects it' },
  {
    pattern: /(?:^|[^&])&(?!&)/,
    token: '&',
    why: 'bash runs the left side in the background, cmd runs both, PowerShell reads a call operator or rejects it',
  },
  { pattern: /;/, token: ';', why: 'cmd does not separate commands with ;' },
  {
    pattern: /(?:^|\s)[A-Za-z_][A-Za-z0-9_]*=\S*\s+\S/,
    token: 'VAR=value command',
    why: 'only POSIX shells set a variable for one command this way',
  },
  {
    pattern: /\$\(|`/,
    token: 'command substitution',
    why: 'cmd does not substitute; PowerShell reads ` as its escape character',
  },
  {
    pattern: /\$\{?[A-Za-z_]/,
    token: '$VAR',
    why: 'cmd expands %VAR%, PowerShell $env:VAR; $VAR is a PowerShell variable',
  },
  { pattern: /%[A-Za-z_][A-Za-z0-9_]*%/, token: '%VAR%', why: 'only cmd expands it' },
  { pattern: /'/, token: "'single quotes'", why: 'cmd passes single quotes through as part of the argument' },
  { pattern: /\\$/, token: 'trailing \\', why: 'line continuation in POSIX shells only (PowerShell uses `, cmd ^)' },
  {
    pattern: /[<>|]/,
    token: 'redirection or pipe',
    why: 'quoting and encodings of pipes and redirections differ between the shells',
  },
  { pattern: /(?:^|\s)~(?:[/\\]|\s|$)/, token: '~', why: 'cmd does not expand ~' },
  { pattern: /[*?]/, token: 'glob', why: 'cmd and PowerShell pass * and ? to the program unexpanded' },
  { pattern: /(?:^|\s)--(?:\s|$)/, token: '--', why: "Windows PowerShell's npx.ps1 and npm.ps1 swallow a bare --" },
  {
    pattern: /^\s*(?:rm|cp|mv|mkdir|cat|export|sleep|sh|bash|env|chmod|ln|touch|which|grep)\s/,
    token: 'POSIX-only command',
    why: 'not a command in cmd (PowerShell only has aliases with other options)',
  },
  { pattern: /^\s*\.\//, token: './program', why: 'cmd does not run ./program' },
];

/** Every portability problem of one command line (an empty list: it runs the same in all four shells). */
export function shellProblems(command: string): ShellProblem[] {
  const bare = outsideDoubleQuotes(command);
  return RULES.filter((rule) => rule.pattern.test(bare)).map(({ token, why }) => ({ token, why }));
}
