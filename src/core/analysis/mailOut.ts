// Mail a server sent out, per sender, from Postfix's own log: the queue manager's line names a
// message's sender and recipient count (`4F2A…: from=<bob@example.com>, size=2345, nrcpt=50`), the
// SMTP client's lines say what each receiving server answered (`4F2A…: to=<x@gmail.com>,
// relay=gmail-smtp-in…, status=bounced (… 550-5.7.1 … likely unsolicited mail)`). The two are
// joined by queue id, in file order, so the mailAbuse detector can tell a mailbox taken over and
// used to send spam (thousands of recipients, refused as spam by the big providers) from a
// newsletter. These lines have no client address: one worker reads them all (scan.ts, part 0).
import { maxTs, minTs } from './foldState';

/**
 * `program \n message` of a Postfix queue-manager or delivery line, or `exchange \n event-id \n source \n
 * connector \n recipient count \n sender \n recipient status \n recipients` of an Exchange message-tracking row
 * leaving the organisation (directionality Originating) (MAIL_COLUMN).
 */
export const MAIL_COLUMN =
  "CASE WHEN src_ip IS NULL AND program GLOB 'postfix*' AND (instr(message, ': from=<') > 0 OR instr(message, ': to=<') > 0) THEN program || char(10) || substr(message, 1, 700) " +
  "WHEN instr(extra, '\"event-id\":\"') > 0 AND instr(extra, '\"directionality\":\"Originating\"') > 0 THEN 'exchange' || char(10) || COALESCE(extra ->> '$.\"event-id\"', '') || char(10) || COALESCE(extra ->> '$.source', '') || char(10) || " +
  "COALESCE(extra ->> '$.\"connector-id\"', '') || char(10) || COALESCE(extra ->> '$.\"recipient-count\"', '') || char(10) || COALESCE(user, '') || char(10) || replace(substr(COALESCE(extra ->> '$.\"recipient-status\"', ''), 1, 400), char(10), ' ') || char(10) || substr(COALESCE(extra ->> '$.\"recipient-address\"', ''), 1, 4000) END AS mail";

const QMGR = /^([0-9A-Za-z]{5,24}): from=<([^>\s]{0,320})>, size=(\d{1,12}), nrcpt=(\d{1,7})/;
const DELIVERY = /^([0-9A-Za-z]{5,24}): to=<([^>\s]{0,320})>,(?: orig_to=<[^>]{0,320}>,)? relay=([^,\s]{1,300}),.*?\bstatus=(sent|bounced|deferred|expired|undeliverable)\b(?: \((.{0,500}))?/;
/**
 * What a receiving server says when it refuses mail as spam or for the sender's volume or
 * reputation (Gmail's "likely unsolicited mail", Yahoo's "TSS04 … unexpected volume or user
 * complaints", Outlook's "S3150 … block list", Spamhaus/DNSBL listings, rate limits).
 */
const SPAM_REFUSAL = /unsolicited|\bspam|\bjunk\b|block ?list|blocklist|black ?list|blacklist|blocked using|listed (?:at|in|on|by)|spamhaus|spamcop|barracuda|\bdnsbl\b|\brbl\b|reputation|complaints|unexpected volume|rate[- ]?limit|too many (?:messages|recipients|mails)|sending limit|daily (?:sending )?limit|quota exceeded for sending|\bTSS0\d|\bS3150\b|\b5\.7\.1\b.*(?:policy|poor|suspicious)|5\.7\.(?:26|350|511|708)|4\.7\.(?:0|28|500|650)\b/i;
/** inbound delivery agents: the mail stays on this server */
const LOCAL_AGENT = /\/(?:local|virtual|lmtp|pipe|discard|error|retry)$/;
const LOCAL_RELAY = /^(?:local|virtual|dovecot|lmtp|none|private\/|127\.0\.0\.1|\[127\.0\.0\.1\]|localhost)/i;

/** queue ids remembered at most (a message's lines are close together; a retry hours later reads "unknown sender") */
const QUEUE_KEEP = 200_000;
/** senders followed at most */
const SENDERS = 20_000;
/** recipients counted distinct per sender at most (a lower bound past it) */
const RCPT_KEEP = 50_000;
const SAMPLE = 10;
const HOUR = 3_600_000;

/** What a sender's mail came to, kept while folding and reported as is. */
interface MailCounts {
  messages: number;
  /** recipients the queue manager counted (nrcpt) */
  recipients: number;
  /** outbound delivery lines: accepted, refused as spam or for volume, failed otherwise, deferred */
  sent: number;
  refused: number;
  failed: number;
  deferred: number;
}

interface SenderAcc extends MailCounts {
  rcpts: Set<number>;
  refusedRcpts: Set<number>;
  domains: Map<string, number>;
  refusedBy: Map<string, number>;
  perHour: Map<number, number>;
  first: number | null;
  last: number | null;
  firstRefused: number | null;
  lastRefused: number | null;
  refusal: string | null;
  samples: number[];
  exchange: boolean;
}

export interface MailRow extends MailCounts {
  /** envelope sender (`(unknown)` when the queue manager's line was not read) */
  sender: string;
  /** distinct outside recipients tried, and refused as spam */
  distinctRecipients: number;
  refusedRecipients: number;
  /** most deliveries tried within one clock hour, and when that hour began (from `hours`) */
  peakHour: number;
  peakHourStart: number | null;
  /** deliveries per clock hour: [hour start, deliveries] */
  hours: [number, number][];
  /** recipient domains, busiest first: [domain, deliveries] */
  domains: [string, number][];
  /** who refused the mail as spam, busiest first: [relay host, refusals] */
  refusedBy: [string, number][];
  /** one refusal's text, as the receiving server wrote it */
  refusal: string | null;
  first: number | null;
  last: number | null;
  firstRefused: number | null;
  lastRefused: number | null;
  sampleIds: number[];
  /** read from Exchange message tracking (the sender is each row's user), not Postfix */
  exchange: boolean;
}

function seen(a: SenderAcc, ts: number | null): void {
  a.first = minTs(a.first, ts);
  a.last = maxTs(a.last, ts);
}

const top = (m: Map<string, number>, n: number): [string, number][] => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
/** A 30-bit FNV-1a hash of a recipient, for counting distinct ones without keeping the strings. */
function rcptKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 2) & 0x3fffffff;
}
const hostOf = (relay: string): string => relay.replace(/\[[^\]]*\](?::\d+)?$/, '').toLowerCase() || relay;

export class MailOut {
  private readonly queue = new Map<string, string>();
  private readonly senders = new Map<string, SenderAcc>();

  private acc(sender: string): SenderAcc | null {
    let a = this.senders.get(sender);
    if (!a) {
      if (this.senders.size >= SENDERS) return null;
      a = { messages: 0, recipients: 0, sent: 0, refused: 0, failed: 0, deferred: 0, rcpts: new Set(), refusedRcpts: new Set(), domains: new Map(), refusedBy: new Map(), perHour: new Map(), first: null, last: null, firstRefused: null, lastRefused: null, refusal: null, samples: [], exchange: false };
      this.senders.set(sender, a);
    }
    return a;
  }

  /** Folds one MAIL_COLUMN cell. */
  add(id: number, cell: string, ts: number | null): void {
    if (cell.startsWith('exchange\n')) this.exchange(id, cell.split('\n'), ts);
    else this.postfix(id, cell, ts);
  }

  private queued(a: SenderAcc, recipients: number, ts: number | null): void {
    a.messages++;
    a.recipients += recipients;
    seen(a, ts);
  }

  /** One delivery to one outside recipient: accepted, refused as spam (with who refused and why), deferred or failed. */
  private delivery(a: SenderAcc, id: number, rcpt: string, status: 'sent' | 'deferred' | 'failed', why: string, relay: string, ts: number | null): void {
    const r = rcpt.toLowerCase();
    const at = r.lastIndexOf('@');
    const domain = at >= 0 ? r.slice(at + 1) : r;
    const key = rcptKey(r);
    if (a.rcpts.size < RCPT_KEEP) a.rcpts.add(key);
    a.domains.set(domain, (a.domains.get(domain) ?? 0) + 1);
    if (ts !== null) {
      const h = Math.floor(ts / HOUR) * HOUR;
      a.perHour.set(h, (a.perHour.get(h) ?? 0) + 1);
    }
    seen(a, ts);
    if (status === 'sent') a.sent++;
    else if (SPAM_REFUSAL.test(why)) {
      a.refused++;
      if (a.refusedRcpts.size < RCPT_KEEP) a.refusedRcpts.add(key);
      const by = relay ? hostOf(relay) : domain;
      a.refusedBy.set(by, (a.refusedBy.get(by) ?? 0) + 1);
      a.refusal ??= why.replace(/\)\s*$/, '').slice(0, 300);
      a.firstRefused = minTs(a.firstRefused, ts);
      a.lastRefused = maxTs(a.lastRefused, ts);
      if (a.samples.length < SAMPLE) a.samples.push(id);
    } else if (status === 'deferred') a.deferred++;
    else a.failed++;
  }

  private postfix(id: number, cell: string, ts: number | null): void {
    const nl = cell.indexOf('\n');
    const program = cell.slice(0, nl);
    const msg = cell.slice(nl + 1);
    let m = QMGR.exec(msg);
    if (m) {
      const sender = m[2]!.toLowerCase() || '<>';
      if (this.queue.size >= QUEUE_KEEP) this.queue.delete(this.queue.keys().next().value!);
      // a deferred message is announced again at each retry: its recipients count once
      const known = this.queue.get(m[1]!) === sender;
      this.queue.set(m[1]!, sender);
      const a = known ? null : this.acc(sender);
      if (a) this.queued(a, Number(m[4]), ts);
      return;
    }
    if (LOCAL_AGENT.test(program) || !(m = DELIVERY.exec(msg)) || LOCAL_RELAY.test(m[3]!)) return;
    const a = this.acc(this.queue.get(m[1]!) ?? '(unknown)');
    if (!a) return;
    const st = m[4]!;
    this.delivery(a, id, m[2]!, st === 'sent' ? 'sent' : st === 'deferred' ? 'deferred' : 'failed', m[5] ?? '', m[3]!, ts);
  }

  /**
   * Exchange message tracking, mail leaving the organisation: a message submitted from a mailbox
   * (RECEIVE from STOREDRIVER, or by authenticated SMTP on a Client connector) is queued; SEND over
   * SMTP delivered its recipients; FAIL and DEFER name one recipient and the answer.
   */
  private exchange(id: number, f: string[], ts: number | null): void {
    const [, event = '', source = '', connector = '', count = '', sender = '', status = '', recipients = ''] = f;
    const a = this.acc(sender.toLowerCase() || '(unknown)');
    if (!a) return;
    a.exchange = true;
    const list = recipients.split(';').filter((r) => r.includes('@'));
    if (event === 'RECEIVE') {
      if (source === 'STOREDRIVER' || (source === 'SMTP' && /client/i.test(connector))) this.queued(a, Number(count) || list.length, ts);
    } else if (event === 'SEND' && source === 'SMTP') for (const r of list) this.delivery(a, id, r, 'sent', '', '', ts);
    else if (event === 'FAIL' || event === 'DEFER') for (const r of list) this.delivery(a, id, r, event === 'DEFER' ? 'deferred' : 'failed', status, '', ts);
  }

  /** One row per sender that sent mail out. */
  rows(): MailRow[] {
    const out: MailRow[] = [];
    for (const [sender, a] of this.senders) {
      if (a.sent + a.refused + a.failed + a.deferred + a.messages === 0) continue;
      const hours = [...a.perHour];
      out.push({
        sender, messages: a.messages, recipients: a.recipients, sent: a.sent, refused: a.refused, failed: a.failed, deferred: a.deferred,
        distinctRecipients: a.rcpts.size, refusedRecipients: a.refusedRcpts.size, ...peak(hours), hours,
        domains: top(a.domains, 5), refusedBy: top(a.refusedBy, 5), refusal: a.refusal,
        first: a.first, last: a.last, firstRefused: a.firstRefused, lastRefused: a.lastRefused, sampleIds: a.samples, exchange: a.exchange,
      });
    }
    return out;
  }
}

function peak(hours: readonly [number, number][]): { peakHour: number; peakHourStart: number | null } {
  let peakHour = 0;
  let peakHourStart: number | null = null;
  for (const [h, n] of hours) if (n > peakHour || (n === peakHour && h < (peakHourStart ?? Infinity))) [peakHour, peakHourStart] = [n, h];
  return { peakHour, peakHourStart };
}

const addCounts = (into: Map<string, number>, xs: readonly [string, number][]): void => {
  for (const [k, n] of xs) into.set(k, (into.get(k) ?? 0) + n);
};

/**
 * One row per sender from the workers' rows. Exchange's tracking rows carry the client's or
 * server's address, so one sender's rows may be folded by several workers; distinct recipients add
 * up (each worker counted its own), domains and refusing hosts as far as each worker's top five go.
 */
export function mergeMailRows(rows: readonly MailRow[]): MailRow[] {
  const by = new Map<string, { row: MailRow; hours: Map<number, number>; domains: Map<string, number>; refusedBy: Map<string, number> }>();
  for (const r of rows) {
    const m = by.get(r.sender);
    if (!m) {
      by.set(r.sender, { row: { ...r, sampleIds: [...r.sampleIds] }, hours: new Map(r.hours), domains: new Map(r.domains), refusedBy: new Map(r.refusedBy) });
      continue;
    }
    const t = m.row;
    for (const k of ['messages', 'recipients', 'sent', 'refused', 'failed', 'deferred', 'distinctRecipients', 'refusedRecipients'] as const) t[k] += r[k];
    for (const [h, n] of r.hours) m.hours.set(h, (m.hours.get(h) ?? 0) + n);
    addCounts(m.domains, r.domains);
    addCounts(m.refusedBy, r.refusedBy);
    t.refusal ??= r.refusal;
    t.exchange ||= r.exchange;
    [t.first, t.last, t.firstRefused, t.lastRefused] = [minTs(t.first, r.first), maxTs(t.last, r.last), minTs(t.firstRefused, r.firstRefused), maxTs(t.lastRefused, r.lastRefused)];
    t.sampleIds = [...t.sampleIds, ...r.sampleIds].sort((x, y) => x - y).slice(0, SAMPLE);
  }
  return [...by.values()].map(({ row, hours, domains, refusedBy }) => {
    const h = [...hours].sort((x, y) => x[0] - y[0]);
    return { ...row, hours: h, ...peak(h), domains: top(domains, 5), refusedBy: top(refusedBy, 5) };
  });
}
