// Canonical form of an item URL, so the same article reached through different links gets one dedup key.
// Rules (docs/transformation.md): http(s) only; scheme and host lower-cased (WHATWG URL does this and
// IDNA-encodes hosts); default ports dropped; fragment dropped; tracking parameters removed; remaining query
// parameters sorted by name (stable for equal names); trailing "?" removed; path kept as is (case matters).

/** Exact parameter names that only track the click, never select content. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gclsrc',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'mkt_tok',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  'hsctatracking',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  'wickedid',
  'rb_clickid',
  's_cid',
  'cmpid',
  'ncid',
  'sr_share',
  'ref_src',
  'ref_url',
  'spm',
  'scid',
  'trk',
  'trkcampaign',
  'ito',
  'ocid',
  'at_medium',
  'at_campaign',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  '_ga',
  '_gl',
  'srsltid',
  'si',
]);
/** Parameter-name prefixes used only by trackers (utm_source, utm_medium, pk_campaign, ...). */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'piwik_', 'hsa_', 'ga_', 'stm_', 'matomo_'];

export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * The canonical URL, or "" when `input` is not an absolute http(s) URL.
 *
 * @example canonicalUrl('HTTPS://Example.COM:443/a?utm_source=x&b=2&a=1#top') // 'https://example.com/a?a=1&b=2'
 */
export function canonicalUrl(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') return '';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return '';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
  if (url.hostname === '') return '';
  url.hash = '';
  url.username = '';
  url.password = '';
  // A trailing dot names the same host ("example.com." = "example.com").
  if (url.hostname.endsWith('.') && url.hostname.length > 1) url.hostname = url.hostname.slice(0, -1);
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name));
  // Stable sort by name keeps the order of repeated names (a=1&a=2 ≠ a=2&a=1 to a server).
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  url.search = kept.length === 0 ? '' : new URLSearchParams(kept).toString();
  return url.href;
}
