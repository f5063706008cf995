// Mail a server sent out, per sender, from Postfix's own log: the queue manager's line names a
// message's sender and recipient count (`4F2A…: from=<bob@example.com>, size=2345, nrcpt=50`), the
// SMTP client's lines say what each receiving server answered (`4F2A…: to=<x@gmail.com>,
// relay=gmail-smtp-in…, status=bounced (… 550-5.7.1 … likely unsolicited mail)`). The two are
// joined by queue id, in file order, so the mailAbuse detector can tell a mailbox taken over and
// used to send spam (thousands of recipients, refused as spam by the big providers) from a
// newsletter. These lines have no client address: one worker reads them all (scan.ts, part 0).

/** `program \n message` of a Postfix queue-manager or delivery line (MAIL_COLUMN). */
export const MAIL_COLUMN =
  "CASE WHEN src_ip IS NULL AND program GLOB 'postfix*' AND (instr(message, ': from=<') > 0 OR instr(message, ': to=<') > 0) THEN program || char(10) || substr(message, 1, 700) END AS mail";

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

interface SenderAcc {
  messages: number;
  recipients: number;
  bytes: number;
  sent: number;
  refused: number;
  failed: number;
  deferred: number;
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
}

export interface MailRow {
  /** envelope sender (`(unknown)` when the queue manager's line was not read) */
  sender: string;
  messages: number;
  /** recipients the queue manager counted (nrcpt) */
  recipients: number;
  /** outbound delivery lines: accepted, refused as spam or for volume, failed otherwise, deferred */
  sent: number;
  refused: number;
  failed: number;
  deferred: number;
  /** distinct outside recipients tried, and refused as spam */
  distinctRecipients: number;
  refusedRecipients: number;
  /** most deliveries tried within one clock hour, and when that hour began */
  peakHour: number;
  peakHourStart: number | null;
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
      a = { messages: 0, recipients: 0, bytes: 0, sent: 0, refused: 0, failed: 0, deferred: 0, rcpts: new Set(), refusedRcpts: new Set(), domains: new Map(), refusedBy: new Map(), perHour: new Map(), first: null, last: null, firstRefused: null, lastRefused: null, refusal: null, samples: [] };
      this.senders.set(sender, a);
    }
    return a;
  }

  /** Folds one MAIL_COLUMN cell. */
  add(id: number, cell: string, ts: number | null): void {
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
      if (!a) return;
      a.messages++;
      a.recipients += Number(m[4]);
      a.bytes += Number(m[3]);
      if (ts !== null) {
        a.first = a.first === null ? ts : Math.min(a.first, ts);
        a.last = a.last === null ? ts : Math.max(a.last, ts);
      }
      return;
    }
    if (LOCAL_AGENT.test(program) || !(m = DELIVERY.exec(msg)) || LOCAL_RELAY.test(m[3]!)) return;
    const a = this.acc(this.queue.get(m[1]!) ?? '(unknown)');
    if (!a) return;
    const rcpt = m[2]!.toLowerCase();
    const at = rcpt.lastIndexOf('@');
    const domain = at >= 0 ? rcpt.slice(at + 1) : rcpt;
    const key = rcptKey(rcpt);
    if (a.rcpts.size < RCPT_KEEP) a.rcpts.add(key);
    a.domains.set(domain, (a.domains.get(domain) ?? 0) + 1);
    if (ts !== null) {
      const h = Math.floor(ts / HOUR) * HOUR;
      a.perHour.set(h, (a.perHour.get(h) ?? 0) + 1);
      a.first = a.first === null ? ts : Math.min(a.first, ts);
      a.last = a.last === null ? ts : Math.max(a.last, ts);
    }
    const status = m[4]!;
    const why = m[5] ?? '';
    if (status === 'sent') a.sent++;
    else if (SPAM_REFUSAL.test(why)) {
      a.refused++;
      if (a.refusedRcpts.size < RCPT_KEEP) a.refusedRcpts.add(key);
      const by = hostOf(m[3]!);
      a.refusedBy.set(by, (a.refusedBy.get(by) ?? 0) + 1);
      a.refusal ??= why.replace(/\)\s*$/, '').slice(0, 300);
      if (ts !== null) {
        a.firstRefused = a.firstRefused === null ? ts : Math.min(a.firstRefused, ts);
        a.lastRefused = a.lastRefused === null ? ts : Math.max(a.lastRefused, ts);
      }
      if (a.samples.length < SAMPLE) a.samples.push(id);
    } else if (status === 'deferred') a.deferred++;
    else a.failed++;
  }

  /** One row per sender that sent mail out. */
  rows(): MailRow[] {
    const out: MailRow[] = [];
    for (const [sender, a] of this.senders) {
      if (a.sent + a.refused + a.failed + a.deferred === 0) continue;
      let peakHour = 0;
      let peakHourStart: number | null = null;
      for (const [h, n] of a.perHour) if (n > peakHour || (n === peakHour && h < (peakHourStart ?? Infinity))) [peakHour, peakHourStart] = [n, h];
      out.push({
        sender, messages: a.messages, recipients: a.recipients, sent: a.sent, refused: a.refused, failed: a.failed, deferred: a.deferred,
        distinctRecipients: a.rcpts.size, refusedRecipients: a.refusedRcpts.size, peakHour, peakHourStart,
        domains: top(a.domains, 5), refusedBy: top(a.refusedBy, 5), refusal: a.refusal,
        first: a.first, last: a.last, firstRefused: a.firstRefused, lastRefused: a.lastRefused, sampleIds: a.samples,
      });
    }
    return out;
  }
}
