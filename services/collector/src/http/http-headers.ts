// Response headers as undici gives them, and reading one of them.
export type Headers = Record<string, string | string[] | undefined>;

/** The header's (first) value. */
export function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
