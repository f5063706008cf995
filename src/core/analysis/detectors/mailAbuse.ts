// Mail sent in bulk and refused as spam: a mailbox whose password was guessed or phished is used to
// send thousands of messages through the organisation's own server, until Gmail, Outlook and
// Yahoo refuse it and the server lands on block lists. Read from Postfix's queue-manager and
// delivery lines and Exchange's message tracking (mailOut.ts), per envelope sender.
import { formatTime } from '../../../shared/format';
import { mergeMailRows, type MailRow } from '../mailOut';
import type { Severity } from '../../../shared/model';
import type { DetectorDef, DraftFinding } from '../types';
import { count, formatList, overSpan, qv, scoreOver } from './util';

const pct = (x: number): string => `${Math.round(x * 100)} %`;

/** Who guessed an account's password before it sent: an address with failed logins for it, then a success (bruteForce's rows). */
interface Guessed { ip: string; fails: number; at: number | null }

/** Accounts whose mail login was guessed, by the name the login used (a whole address, or a bare name the sender's part before @ is looked up by). */
function guessedAccounts(rows: DetectContextRows, minFails: number): Map<string, Guessed> {
  const out = new Map<string, Guessed>();
  for (const r of rows) {
    // Postfix before 3.0 does not name the account a failed SASL login tried: failures, then one account's login (not an
    // office's shared address, where many log in), is the guess
    const users = r.guessedOkUsers ?? (r.users === 0 && r.fails >= minFails && r.okUsers !== null && !r.okUsers.includes(',') ? r.okUsers : null);
    if (!users) continue;
    // an SSH or web login guessed elsewhere is another account, even under the same name
    if (r.program !== null && !MAIL_LOGIN.test(r.program)) continue;
    for (const u of users.split(',')) {
      const g = { ip: r.ip, fails: r.fails, at: r.lastOk };
      const k = u.toLowerCase();
      if ((out.get(k)?.fails ?? 0) < g.fails) out.set(k, g);
    }
  }
  return out;
}
type DetectContextRows = readonly { ip: string; fails: number; users: number; lastOk: number | null; okUsers: string | null; guessedOkUsers: string | null; program: string | null }[];
/** programs whose logins are a mailbox's: SMTP AUTH, IMAP/POP, webmail, Exchange */
const MAIL_LOGIN = /postfix|dovecot|exim|sendmail|courier|cyrus|smtp|imap|pop3|sasl|saslauthd|roundcube|owa|exchange|zimbra|mail/i;

function finding(r: MailRow, severity: Severity, title: string, why: string, thresholds: string, setting: string, metric: string, value: number, threshold: number): DraftFinding {
  const tried = r.sent + r.refused + r.failed + r.deferred;
  const known = r.sender !== '(unknown)';
  return {
    detector: 'mailAbuse',
    severity,
    entity: r.sender,
    entityType: 'user',
    title,
    explanation:
      `${known ? `Mail from ${r.sender}` : 'Mail whose sender line was not read'}: ${count(r.messages)} message(s) to ${count(r.recipients)} recipient(s) queued, ${count(tried)} delivery attempt(s) to outside servers ${overSpan(r.first, r.last)} (${count(r.distinctRecipients)} distinct recipients; most to ${formatList(r.domains.map(([d, n]) => `${d} ${count(n)}`), 4)}), at most ${count(r.peakHour)} in one hour${r.peakHourStart !== null ? ` (from ${formatTime(r.peakHourStart)})` : ''}. ` +
      `Accepted ${count(r.sent)}, refused as spam or for volume ${count(r.refused)}${r.refusedBy.length ? ` (by ${formatList(r.refusedBy.map(([h, n]) => `${h} ${count(n)}`), 3)})` : ''}, failed otherwise ${count(r.failed)}, deferred ${count(r.deferred)}. ` +
      (r.refusal ? `One refusal, as the receiving server wrote it: "${r.refusal}". ` : '') +
      why +
      thresholds +
      (known ? `Check ${r.sender}'s logins to the mail server (SASL or webmail) and where they came from, change its password, and ask the block lists to delist the server once the sending has stopped.` : 'The queue manager\'s lines that name each message\'s sender were not in the file read: look for them in the rest of the log.'),
    numbers: { messages: r.messages, recipients: r.recipients, distinctRecipients: r.distinctRecipients, sent: r.sent, refused: r.refused, failed: r.failed, deferred: r.deferred, peakHour: r.peakHour },
    threshold: { metric, value, threshold, setting },
    windowMs: null,
    firstSeen: r.first,
    lastSeen: r.last,
    query: r.exchange ? `user:${qv(r.sender)}` : known ? `"from=<${r.sender}>"` : `program:postfix/smtp "status=bounced"`,
    ...(r.sampleIds.length ? { sampleIds: r.sampleIds } : {}),
    score: scoreOver(r.refused || r.peakHour, threshold),
  };
}

export const mailAbuse: DetectorDef = {
  name: 'mailAbuse',
  title: 'Mail sent in bulk or refused as spam',
  description:
    'Reads what a mail server sent out: Postfix\'s queue manager names each message\'s sender and recipient count and its SMTP client what each receiving server answered, joined by queue id; Exchange\'s message tracking log says the same per row (RECEIVE from a mailbox, SEND, FAIL and DEFER of mail leaving the organisation). Reports a sender whose mail the big providers refused as spam or for its volume or reputation ("likely unsolicited mail", block lists, rate limits), high when it also sent to hundreds of recipients within an hour, a step higher when the account\'s password had been guessed (bruteForce): a mailbox taken over and used to send spam, the usual way a mail server ends up block-listed. Bulk mail that nobody refused (a newsletter) is reported low only when very large.',
  settings: [
    { key: 'recipientsPerHour', default: 300, description: 'deliveries to outside servers from one sender within one clock hour for a bulk send' },
    { key: 'minRefused', default: 20, description: 'deliveries refused as spam, for volume or for reputation, from one sender' },
    { key: 'refusedShare', default: 0.05, description: 'share of the sender\'s deliveries refused that way' },
    { key: 'bulkOnlyFactor', default: 3, description: 'times mailAbuse.recipientsPerHour one sender must reach in an hour, with nothing refused, for a low finding on bulk mail' },
  ],
  needs: ['mail', 'ssh'],
  incremental: false,
  detect(ctx) {
    const perHour = ctx.num('recipientsPerHour');
    const minRefused = ctx.num('minRefused');
    const share = ctx.num('refusedShare');
    const bulkOnly = ctx.num('bulkOnlyFactor') * perHour;
    const out: DraftFinding[] = [];
    const guessed = guessedAccounts(ctx.agg.ssh, ctx.num('bruteForce.guessedUserFailures'));
    for (const r of mergeMailRows(ctx.agg.mail)) {
      // a SASL login names the whole address or only the part before @ (then only within the one domain it serves: not known here)
      const g = guessed.get(r.sender) ?? guessed.get(r.sender.split('@')[0]!);
      const before = g && (g.at === null || r.last === null || g.at <= r.last) ? g : null;
      const story = before ? `Its password had been guessed: ${before.ip} failed to log in ${count(before.fails)} times, then logged in as it${before.at !== null ? ` at ${formatTime(before.at)}` : ''} (bruteForce). ` : '';
      const tried = r.sent + r.refused + r.failed + r.deferred;
      const refusedShare = tried ? r.refused / tried : 0;
      const refused = minRefused > 0 && r.refused >= minRefused && refusedShare >= share;
      const bulk = perHour > 0 && r.peakHour >= perHour;
      const rule = `Thresholds: ${count(minRefused)} refusals and ${pct(share)} of the deliveries (mailAbuse.minRefused, mailAbuse.refusedShare), ${count(perHour)} deliveries in an hour (mailAbuse.recipientsPerHour). `;
      if (refused && bulk)
        out.push(finding(r, before ? 'critical' : 'high', `Spam sent as ${r.sender}${before ? ` after its password was guessed from ${before.ip}` : ''}: ${count(r.distinctRecipients)} recipients, ${count(r.refused)} deliveries refused as spam${r.refusedBy.length ? ` by ${formatList(r.refusedBy.map(([h]) => h), 2)}` : ''}`,
          story +
          `Hundreds of recipients an hour that the receiving servers refuse as spam (${pct(refusedShare)} of the deliveries, from ${formatTime(r.firstRefused)} to ${formatTime(r.lastRefused)}) is a mailbox someone else is using to send spam or phishing, usually after its password was guessed or phished; a newsletter or a mail merge the organisation sent on purpose would not be refused like this. `,
          rule, 'mailAbuse.minRefused', 'deliveries refused as spam or for volume', r.refused, minRefused));
      else if (refused)
        out.push(finding(r, before ? 'high' : 'medium', `Mail from ${r.sender} refused as spam: ${count(r.refused)} deliveries (${pct(refusedShare)})`,
          story +
          `Receiving servers refused ${pct(refusedShare)} of this sender's deliveries as spam or for volume or reputation, though never ${count(perHour)} in one hour: a mailbox sending spam slowly, a form or script on a web server sending through it, or a server already on a block list (then every sender is refused). `,
          rule, 'mailAbuse.minRefused', 'deliveries refused as spam or for volume', r.refused, minRefused));
      else if (bulkOnly > 0 && r.peakHour >= bulkOnly)
        out.push(finding(r, 'low', `Bulk mail from ${r.sender}: ${count(r.peakHour)} deliveries in one hour`,
          `That many recipients in an hour is bulk mail; none of it was refused as spam, which is what a newsletter or a planned announcement looks like. Confirm that it was planned. `,
          `Threshold: ${count(bulkOnly)} deliveries in an hour with fewer than ${count(minRefused)} refused (mailAbuse.bulkOnlyFactor × mailAbuse.recipientsPerHour). `, 'mailAbuse.bulkOnlyFactor', 'deliveries in one hour', r.peakHour, bulkOnly));
    }
    return out;
  },
};
