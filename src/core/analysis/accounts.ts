// Account enumeration: one client asking the site, address after address, whether an account
// exists. Either the addresses are in the URL (a sign-up form's availability check,
// /api/accounts/check?email=…, /users/exists?username=…), or they are in a POSTed body the access log
// does not show and only the requests to a password-reset or account-check endpoint are seen. The
// fold keeps, per source, a few such endpoints with the distinct identities asked about (a person
// typing one address, j, jo, jo.smith@…, is one) and how they were answered; the scanners detector
// reads the busiest one.

/** endpoints followed per source */
const ENDPOINTS = 4;
/** distinct identities kept per endpoint (counting stops growing there) */
const KEEP = 5000;

/** a query parameter naming an account: e-mail, user name, login, phone */
const IDENT_PARAM = /(?:^|[?&;])(?:e-?mail(?:_?address)?|user(?:_?name)?|login|account(?:_?name)?|phone(?:_?number)?|mobile|msisdn|handle)=([^&;#]{1,200})/i;
/** any value that is a whole e-mail address (`%40` is how a form encodes its @) */
const EMAIL_VALUE = /(?:^|[?&;])[\w.[\]-]{1,40}=([\w.+-]{1,64}(?:@|%40)[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+)(?=[&;#]|$)/i;
/**
 * endpoints that answer whether an account exists, whose POSTed identity the log does not show:
 * password reset and recovery, "forgot password", an account or e-mail check
 */
export const ACCOUNT_PATH =
  /(?:forgot|reset|recover|lost)[-_]?(?:your[-_]?)?(?:password|passwd|pass|pwd|pw)\b|password[-_/]?(?:reset|forgot|recover(?:y)?|lost)|\/(?:password|account)\/(?:recovery|reset|forgot)|(?:check|verify|lookup|exists?|available|availability)[-_/]?(?:e-?mail|user(?:name)?|account|login|phone)|(?:e-?mail|user(?:name)?|account|login|phone)s?[-_/](?:check|lookup|exists?|available|availability)\b/i;
const ACCOUNT_GATE = /[?&;]|pass|forgot|recover|check|exist|avail|lookup|verify/i;
/** a path about accounts, where a whole e-mail address in the query is an account asked about */
const ACCOUNT_WORD = /\/(?:api\/)?(?:v\d+\/)?(?:accounts?|users?|members?|customers?|sign[-_]?up|register|registration|auth|identity|login|session)s?(?:[/?._-]|$)/i;
/** a signed link (a newsletter's confirm or unsubscribe link, which a mail gateway's link checker fetches for every recipient) */
const SIGNED = /(?:^|[?&;])(?:token|sig|signature|hash|key|code|t|h|utm_[a-z]+)=/i;

export interface AccountRun {
  /** the endpoint (path without its query) */
  path: string;
  /** distinct identities seen in its URLs (null when none were: only POSTs to it, identities unseen) */
  identities: number;
  /** requests to it (POSTs when the identities are not in the URL) */
  requests: number;
  /** answered 2xx / 3xx (found, or accepted) and 404 / 400 / 410 / 422 (no such account) */
  found: number;
  missing: number;
  /** distinct response sizes (a same-status oracle: the size tells found from unknown) */
  sizes: number;
  first: number | null;
  last: number | null;
}
interface Endpoint extends AccountRun {
  seen: Set<string>;
  /** the value typed last (a person typing one address sends j, jo, joh …: one identity) */
  typing: string | null;
  sizeSet: Set<number>;
}
export interface AccountAcc { endpoints: Endpoint[] }

/** The identity a request's query names, or null. */
function identityOf(query: string): string | null {
  const m = EMAIL_VALUE.exec(query) ?? IDENT_PARAM.exec(query);
  if (!m) return null;
  let v = m[1]!;
  try {
    v = decodeURIComponent(v.replace(/\+/g, ' '));
  } catch {
    /* kept as written */
  }
  v = v.trim().toLowerCase();
  return v.length ? v : null;
}

/** One more request of a source; the accumulator, made on the first request about an account. */
export function accountRequest(acc: AccountAcc | null, path: string, query: string | null, method: string | null, status: number | null, bytes: number, ts: number | null): AccountAcc | null {
  const target = query != null ? `?${query}` : '';
  if (!ACCOUNT_GATE.test(path + target)) return acc;
  const checker = ACCOUNT_PATH.test(path);
  // an account-check endpoint: any identity parameter; elsewhere on an account path, a whole e-mail address in an unsigned URL
  let id = query != null && (checker || ACCOUNT_WORD.test(path)) ? identityOf(`?${query}`) : null;
  if (id !== null && !checker && (!id.includes('@') || SIGNED.test(`?${query}`))) id = null;
  const posted = method != null && method.toUpperCase() === 'POST' && checker;
  if (id === null && !posted) return acc;
  acc ??= { endpoints: [] };
  const key = path.toLowerCase();
  let e = acc.endpoints.find((x) => x.path === key);
  if (!e) {
    e = { path: key, identities: 0, requests: 0, found: 0, missing: 0, sizes: 0, first: ts, last: ts, seen: new Set(), typing: null, sizeSet: new Set() };
    acc.endpoints.push(e);
    // the one with the fewest requests makes room
    if (acc.endpoints.length > ENDPOINTS) acc.endpoints.splice(acc.endpoints.reduce((lo, x, i, a) => (x.requests < a[lo]!.requests ? i : lo), 0), 1);
    if (!acc.endpoints.includes(e)) return acc;
  }
  e.requests++;
  if (status != null && status >= 200 && status < 400) e.found++;
  else if (status === 404 || status === 400 || status === 410 || status === 422) e.missing++;
  if (e.sizeSet.size < 64) e.sizeSet.add(bytes);
  if (ts != null) {
    e.first = e.first == null ? ts : Math.min(e.first, ts);
    e.last = e.last == null ? ts : Math.max(e.last, ts);
  }
  if (id !== null) {
    // still typing (or deleting) the same address: it replaces the last one
    if (e.typing !== null && (id.startsWith(e.typing) || e.typing.startsWith(id))) e.seen.delete(e.typing);
    e.typing = id;
    if (e.seen.size < KEEP) e.seen.add(id);
  }
  return acc;
}

/** The endpoint asked about the most accounts (identities seen, else requests), if it reached `min`. */
export function accountBest(acc: AccountAcc, min: number): AccountRun | null {
  let best: AccountRun | null = null;
  const weight = (r: AccountRun): number => (r.identities > 0 ? r.identities : r.requests);
  for (const e of acc.endpoints) {
    const r: AccountRun = { path: e.path, identities: e.seen.size, requests: e.requests, found: e.found, missing: e.missing, sizes: e.sizeSet.size, first: e.first, last: e.last };
    // identities in the URL are counted as identities; a blind endpoint counts its POSTs
    if (weight(r) >= min && (best === null || weight(r) > weight(best))) best = r;
  }
  return best;
}
