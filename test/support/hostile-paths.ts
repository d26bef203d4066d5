// Paths an API client may send to read files it should not: every path-taking field is tested with all of them.

/** Never accepted from an API client, whatever the import folders hold. */
export const HOSTILE_PATHS = [
  '/etc/passwd',
  '../outside.jsonl',
  'inside/../../outside.jsonl',
  'a/../../../etc/passwd',
  '..',
  '..\\outside.jsonl',
  'sub\\..\\..\\outside.jsonl',
  'C:\\Windows\\win.ini',
  'C:outside.jsonl',
  '\\\\server\\share\\file.jsonl',
  '//server/share/file.jsonl',
  'file\u0000.jsonl',
  'line\nbreak.jsonl',
] as const;
