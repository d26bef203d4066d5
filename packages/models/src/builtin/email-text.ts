// Turns a raw email of the SpamAssassin corpus into the kind of text Sluice classifies: the subject and
// the readable body. Headers (routing, mailer, dates) would teach the model features that feed items
// never have, so they are dropped; HTML tags, quoted-printable soft breaks and base64 blocks too.
export function emailText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = split >= 0 ? raw.slice(0, split) : '';
  let body = split >= 0 ? raw.slice(split) : raw;
  const subject = /^Subject:(.*)$/im.exec(headers)?.[1]?.trim() ?? '';
  body = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .split(/\r?\n/)
    .filter((line) => !/^[A-Za-z0-9+/=]{60,}$/.test(line.trim()) && !/^(content-|--)/i.test(line.trim()))
    .join('\n');
  return `${subject}\n${body}`.replace(/\s+/g, ' ').trim();
}
