// Kerberos service-ticket requests (Windows Security event 4769, logged by domain controllers), read
// out of the exports that keep them: EvtxECmd CSV (PayloadData1 "Service: …", PayloadData2
// "TicketEncryptionType: 0x17", and its Payload JSON), Get-WinEvent | Export-Csv and Event Viewer
// CSV (the message text: "Service Name:", "Ticket Encryption Type:"), wevtutil XML and Winlogbeat
// (and 4768 TGT requests given without pre-authentication, PreAuthType 0: AS-REP roasting)
// (EventData by name). The fold keeps, per requesting address, the services it got RC4 tickets for:
// Kerberoasting asks for RC4-encrypted tickets (type 0x17) for many user-account services at once,
// because a ticket encrypted with the service account's password hash can be cracked offline.

/** One 4769 request: the service asked for, the ticket's encryption type, the account asking; asRep: a 4768 TGT given without pre-authentication (the account is `user`). */
export interface TicketRequest { service: string; enc: string; user: string | null; asRep?: boolean }

/** RC4-HMAC (0x17) and its export variant (0x18): the encryption types a Kerberoasting tool asks for. */
export const RC4_TYPES = new Set(['0x17', '0x18']);

const EVENT_4769 = /(?:"(?:EventId|EventID|Id|EventCode|event_id|winlog\.event_id|event\.code)"\s*:\s*"?4769\b)|(?:<EventID>4769<)/;
const SERVICE_RES = [
  /"(?:[\w.]*\.)?ServiceName"\s*:\s*"([^"\\]+)"/, // winxml / Winlogbeat EventData by name
  /ServiceName\\?"\s*,\s*\\?"#text\\?"\s*:\s*\\?"([^"\\]+)/, // EvtxECmd's Payload JSON (escaped inside extra)
  /"PayloadData\d"\s*:\s*"Service: ([^"\\]+)"/, // EvtxECmd's map
  /Service Name:\s*([^\r\n\t\\]+)/, // the message text (Export-Csv, Event Viewer CSV)
];
const EVENT_4768 = /(?:"(?:EventId|EventID|Id|EventCode|event_id|winlog\.event_id|event\.code)"\s*:\s*"?4768\b)|(?:<EventID>4768<)/;
/** PreAuthType 0: the account does not require Kerberos pre-authentication, so anyone may ask for its TGT and crack the reply (AS-REP roasting). */
const PREAUTH_RE = /(?:PreAuthType\\?"[\s\S]{0,30}?"#text\\?"\s*:\s*\\?"|"(?:[\w.]*\.)?PreAuthType"\s*:\s*"?|PreAuthType: |Pre-Authentication Type:\s*)(\d+)/;
const ENC_RE = /Ticket ?Encryption ?Type[\s\S]{0,40}?(0x[0-9A-Fa-f]{1,8})/;
/** A refused request (Status / Failure Code other than 0x0) gave no ticket. */
const STATUS_RE = /(?:"Status\\?"[\s\S]{0,30}?|Status: |Failure Code:\s*)(0x[0-9A-Fa-f]+)/;

/** The ticket request a row records (its `tgs` cell: message, a separator, extra), or null when it is no successful 4769. */
export function ticketRequest(cell: string, user: string | null | undefined): TicketRequest | null {
  if (EVENT_4768.test(cell)) {
    if (PREAUTH_RE.exec(cell)?.[1] !== '0' || !user) return null;
    const st = STATUS_RE.exec(cell)?.[1];
    if (st && Number(st) !== 0) return null;
    return { service: 'krbtgt', enc: ENC_RE.exec(cell)?.[1]?.toLowerCase() ?? 'unknown', user, asRep: true };
  }
  if (!EVENT_4769.test(cell)) return null;
  let service: string | null = null;
  for (const re of SERVICE_RES) {
    const m = re.exec(cell);
    if (m) {
      service = m[1]!.trim();
      break;
    }
  }
  const enc = ENC_RE.exec(cell)?.[1]?.toLowerCase() ?? null;
  if (!service || !enc) return null;
  const st = STATUS_RE.exec(cell)?.[1];
  if (st && Number(st) !== 0) return null;
  return { service, enc, user: user ?? null };
}

/**
 * Whether a `tgs` cell is a TGT issued after pre-authentication (4768, Status 0x0, PreAuthType not 0):
 * the domain controller checked the account's password (or its hash), so for an address that had
 * been failing pre-authentication (4771) this is its guess that worked, a logon as much as a 4624.
 */
export function tgtVerified(cell: string): boolean {
  if (!EVENT_4768.test(cell)) return false;
  const pre = PREAUTH_RE.exec(cell)?.[1];
  const st = STATUS_RE.exec(cell)?.[1];
  return pre !== undefined && pre !== '0' && st !== undefined && Number(st) === 0;
}

/**
 * A service a Kerberoasting tool would target: a user account holding a service principal name.
 * Computer accounts (NAME$) have long random passwords nobody cracks, and krbtgt's tickets are
 * requested by every logon.
 */
export const roastable = (service: string): boolean => !service.endsWith('$') && !/^krbtgt(?:\/|@|$)/i.test(service);

/** Per source: RC4 tickets for roastable services (first time each), the accounts asking, all requests seen; tickets of any type for roastable services (`any`: a tool asking for AES tickets to stay unnoticed); TGTs given without pre-authentication, per account (first time each), and their encryption types. */
export interface TicketAcc { rc4: Map<string, number>; users: Set<string>; requests: number; rc4Requests: number; asRep?: Map<string, number>; asRepEnc?: Set<string>; asRepTimes?: Map<string, number>; asRepRc4?: Set<string>; any?: Map<string, number> }

export const KERBEROS_SERVICES = 5000;

export function addTicket(acc: TicketAcc, t: TicketRequest, ts: number | null): void {
  if (t.asRep) {
    const m = (acc.asRep ??= new Map());
    const u = t.user?.toLowerCase();
    if (u && ts != null && !m.has(u) && m.size < KERBEROS_SERVICES) m.set(u, ts);
    // how often each account's TGT was asked for from here, and whether in RC4: a device's own account is asked for all day
    if (u && m.has(u)) {
      const n = (acc.asRepTimes ??= new Map());
      n.set(u, (n.get(u) ?? 0) + 1);
      if (RC4_TYPES.has(t.enc)) (acc.asRepRc4 ??= new Set()).add(u);
    }
    if ((acc.asRepEnc ??= new Set()).size < 8) acc.asRepEnc.add(t.enc);
    return;
  }
  acc.requests++;
  if (!roastable(t.service)) return;
  const any = (acc.any ??= new Map());
  if (!any.has(t.service) && any.size < KERBEROS_SERVICES && ts != null) any.set(t.service, ts);
  if (!RC4_TYPES.has(t.enc)) return;
  acc.rc4Requests++;
  if (!acc.rc4.has(t.service) && acc.rc4.size < KERBEROS_SERVICES && ts != null) acc.rc4.set(t.service, ts);
  if (t.user && acc.users.size < 20) acc.users.add(t.user);
}

/** Kerberos service-ticket requests of one source address. */
export interface KerberosRow {
  ip: string;
  /** all 4769 requests from it, and those for RC4 tickets to user-account services */
  requests: number;
  rc4Requests: number;
  /** distinct user-account services it got RC4 tickets for, over the log and in the busiest window */
  services: number;
  windowServices: number;
  first: number;
  last: number;
  sample: string[];
  users: string[];
  /** AS-REP roasting: accounts whose TGT it got without pre-authentication, over the log and in the busiest window, and the encryption types */
  asRep?: { accounts: number; windowAccounts: number; first: number; last: number; sample: string[]; enc: string[]; perAccount?: AsRepAccount[] };
  /** user-account services it got tickets of any encryption type for, in the busiest window */
  anyServices?: { windowServices: number; first: number; last: number; sample: string[] };
}

/** One account's TGTs without pre-authentication from one address: how many, when first, whether in RC4. */
export interface AsRepAccount { account: string; times: number; first: number; rc4: boolean }

/** Accounts kept per address for the one-account judgement (a tool asking for hundreds is reported on its count). */
const AS_REP_ACCOUNTS = 50;

/** The busiest window (windowMs) of a map of name → first time: its size, bounds and names. */
function busiest(m: ReadonlyMap<string, number>, windowMs: number): { n: number; first: number; last: number; names: string[] } | null {
  if (m.size === 0) return null;
  const xs = [...m].sort((a, b) => a[1] - b[1]);
  let best = 0;
  let from = 0;
  let bi = 0;
  for (let i = 0; i < xs.length; i++) {
    while (xs[i]![1] - xs[from]![1] > windowMs) from++;
    if (i - from + 1 > best) {
      best = i - from + 1;
      bi = from;
    }
  }
  const win = xs.slice(bi, bi + best);
  return { n: best, first: win[0]![1], last: win[win.length - 1]![1], names: win.map((x) => x[0]) };
}

/** The busiest window (windowMs) of first RC4 tickets per service, and of TGTs without pre-authentication per account. */
export function ticketSpread(ip: string, acc: TicketAcc, windowMs: number): KerberosRow | null {
  const rc4 = busiest(acc.rc4, windowMs);
  const as = acc.asRep ? busiest(acc.asRep, windowMs) : null;
  const any = acc.any ? busiest(acc.any, windowMs) : null;
  if (!rc4 && !as && !any) return null;
  const perAccount = acc.asRep ? [...acc.asRep].slice(0, AS_REP_ACCOUNTS).map(([account, first]) => ({ account, first, times: acc.asRepTimes?.get(account) ?? 1, rc4: acc.asRepRc4?.has(account) ?? false })) : [];
  const asRep = as ? { accounts: acc.asRep!.size, windowAccounts: as.n, first: as.first, last: as.last, sample: as.names.slice(0, 8), enc: [...(acc.asRepEnc ?? [])], perAccount } : undefined;
  return { ip, requests: acc.requests, rc4Requests: acc.rc4Requests, services: acc.rc4.size, windowServices: rc4?.n ?? 0, first: rc4?.first ?? as?.first ?? any!.first, last: rc4?.last ?? as?.last ?? any!.last, sample: rc4?.names.slice(0, 8) ?? [], users: [...acc.users], ...(asRep ? { asRep } : {}), ...(any ? { anyServices: { windowServices: any.n, first: any.first, last: any.last, sample: any.names.slice(0, 8) } } : {}) };
}
