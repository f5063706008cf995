// A mail server's Postfix log after a mailbox was taken over: the account sends spam through the
// organisation's own server until Gmail, Yahoo and Outlook refuse it. Beside it, an ordinary day
// (a few recipients per message, an unknown address bounced now and then), a planned newsletter, a
// large announcement nobody refused, a user with a handful of refusals, and a message deferred and
// retried (announced twice by the queue manager).
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, listFindings, logFiles } from './plantedKit';
import { MailOut, mergeMailRows } from '../../../src/core/analysis/mailOut';

afterAll(cleanupPlanted);

const GMAIL = 'gmail-smtp-in.l.google.com[142.250.27.26]:25';
const YAHOO = 'mta7.am0.yahoodns.net[67.195.204.72]:25';
const PARTNER = 'mx.partner.example.org[192.0.2.25]:25';
const SPAM_GMAIL = `bounced (host ${GMAIL.slice(0, -3)} said: 550-5.7.1 [198.51.100.10] Our system has detected that this message is likely unsolicited mail. (in reply to end of DATA command))`;
const SPAM_YAHOO = `deferred (host ${YAHOO.slice(0, -3)} said: 421 4.7.0 [TSS04] Messages from 198.51.100.10 temporarily deferred due to unexpected volume or user complaints (in reply to MAIL FROM command))`;
const UNKNOWN_USER = `bounced (host ${PARTNER.slice(0, -3)} said: 550 5.1.1 <nobody@partner.example.org>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))`;
const SENT = 'sent (250 2.0.0 OK  1700000000 x1si123 - gsmtp)';

function postfixLog(): string[] {
  const lines: { ts: number; text: string }[] = [];
  const t0 = Date.UTC(2026, 10, 20);
  let seq = 0;
  const stamp = (ms: number): string => {
    const d = new Date(ms);
    return `Nov ${d.getUTCDate()} ${d.toISOString().slice(11, 19)}`;
  };
  const log = (ms: number, prog: string, msg: string): void => {
    lines.push({ ts: ms, text: `${stamp(ms)} mail postfix/${prog}[${2000 + (seq % 900)}]: ${msg}` });
  };
  /** one message: submission, queue manager, one delivery line per recipient (status chosen per recipient) */
  const send = (ms: number, user: string, rcpts: number, status: (k: number) => [string, string], announce = 1): void => {
    const q = `4F2A${(0x1000000 + ++seq * 7919).toString(16).toUpperCase()}`;
    log(ms, 'submission/smtpd', `${q}: client=unknown[203.0.113.${seq % 250}]:51000, sasl_method=PLAIN, sasl_username=${user}`);
    for (let a = 0; a < announce; a++) log(ms + 1000 + a * 600_000, 'qmgr', `${q}: from=<${user}>, size=${4000 + (seq % 5000)}, nrcpt=${rcpts} (queue active)`);
    for (let k = 0; k < rcpts; k++) {
      const [relay, st] = status(k);
      const domain = relay.startsWith('gmail') ? 'gmail.com' : relay.startsWith('mta7') ? 'yahoo.com' : 'partner.example.org';
      log(ms + 2000 + k * 50, 'smtp', `${q}: to=<r${seq}x${k}@${domain}>, relay=${relay}, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=${st}`);
    }
    log(ms + 3000 + rcpts * 50, 'qmgr', `${q}: removed`);
  };
  // an ordinary day: 12 people, a few recipients each, an unknown address bounced now and then
  for (let u = 0; u < 12; u++) for (let k = 0; k < 15; k++) send(t0 + (8 + ((u * 7 + k * 13) % 10)) * 3_600_000 + u * 60_000 + k * 1000, `user${u}@example.com`, 1 + ((u + k) % 3), (i) => (i === 2 && k % 5 === 0 ? [PARTNER, UNKNOWN_USER] : [PARTNER, SENT]));
  // inbound mail is delivered locally: never counted as sent out
  for (let k = 0; k < 50; k++) {
    const q = `5B1C${(0x100000 + k).toString(16).toUpperCase()}`;
    log(t0 + 9 * 3_600_000 + k * 60_000, 'qmgr', `${q}: from=<someone@partner.example.org>, size=9000, nrcpt=1 (queue active)`);
    log(t0 + 9 * 3_600_000 + k * 60_000 + 500, 'local', `${q}: to=<user${k % 12}@example.com>, relay=local, delay=0.1, status=sent (delivered to mailbox)`);
  }
  // a planned newsletter: 400 recipients, a few unknown addresses, nothing refused
  send(t0 + 10 * 3_600_000, 'heidi@example.com', 400, (i) => (i % 90 === 0 ? [PARTNER, UNKNOWN_USER] : [PARTNER, SENT]));
  // a large announcement, still nobody refusing it: bulk, told low
  send(t0 + 11 * 3_600_000, 'news@example.com', 1000, (i) => [i % 2 ? GMAIL : PARTNER, SENT]);
  // a user with a handful of refusals (a forwarded chain letter): under the threshold
  for (let k = 0; k < 5; k++) send(t0 + 14 * 3_600_000 + k * 600_000, 'carol@example.com', 2, (i) => (i === 0 ? [GMAIL, SPAM_GMAIL] : [PARTNER, SENT]));
  // a message deferred and retried: the queue manager announces it again, its recipients count once
  send(t0 + 15 * 3_600_000, 'dave@example.com', 3, () => [PARTNER, SENT], 2);
  // a script on the web server sending slowly through one account all day, a fifth of its messages refused
  for (let k = 0; k < 100; k++) send(t0 + k * 800_000, 'eve@example.com', 2, (i) => (k % 5 === 0 ? [GMAIL, SPAM_GMAIL] : i ? [YAHOO, SENT] : [PARTNER, SENT]));
  // the password guessed first: Postfix 2 does not name the account a failed SASL login tried
  for (let k = 0; k < 60; k++) log(t0 + 2 * 3_600_000 + k * 30_000, 'smtpd', 'warning: unknown[45.155.205.233]: SASL LOGIN authentication failed: UGFzc3dvcmQ6');
  log(t0 + 2 * 3_600_000 + 1_900_000, 'submission/smtpd', '4F2AFFFFF1: client=unknown[45.155.205.233]:40000, sasl_method=LOGIN, sasl_username=bob@example.com');
  // the taken-over mailbox: 60 messages of 40 recipients within an hour, Gmail and Yahoo refusing a third
  for (let k = 0; k < 60; k++) send(t0 + 3 * 3_600_000 + k * 55_000, 'bob@example.com', 40, (i) => (i % 3 === 0 ? (i % 2 ? [GMAIL, SPAM_GMAIL] : [YAHOO, SPAM_YAHOO]) : [i % 2 ? GMAIL : YAHOO, SENT]));
  return lines.sort((a, b) => a.ts - b.ts).map((l) => l.text);
}

const TRACKING_FIELDS = 'date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,original-server-ip,custom-data,transport-traffic-type,log-id,schema-version';

/** Exchange's message tracking log: mail from mailboxes (STOREDRIVER), sent out over SMTP, some of it refused. */
function trackingLog(): string[] {
  const rows: { ts: number; text: string }[] = [];
  const t0 = Date.UTC(2026, 10, 20);
  let n = 0;
  const row = (ms: number, clientIp: string, connector: string, source: string, event: string, rcpts: string[], status: string, sender: string, direction = 'Originating'): void => {
    n++;
    const cells = [new Date(ms).toISOString(), clientIp, 'EXCH01', '10.0.0.25', 'EXCH01', '', connector, source, event, String(n), `<${n}@contoso.com>`, `${n}-aaaa`, rcpts.join(';'), status, '9000', String(rcpts.length), '', '', '"Invoice, overdue"', sender, sender, '', direction, '', clientIp, '', '', 'Email', '', '15.02.1118.007'];
    rows.push({ ts: ms, text: cells.join(',') });
  };
  const message = (ms: number, sender: string, rcpts: string[], refused: (r: string, k: number) => boolean): void => {
    row(ms, '10.0.0.30', '', 'STOREDRIVER', 'RECEIVE', rcpts, '', sender);
    const ok = rcpts.filter((r, k) => !refused(r, k));
    if (ok.length) row(ms + 2000, '10.0.0.25', 'Internet Send', 'SMTP', 'SEND', ok, '250 2.6.0', sender);
    rcpts.forEach((r, k) => refused(r, k) && row(ms + 3000, '10.0.0.25', 'Internet Send', 'SMTP', 'FAIL', [r], '"550 5.7.1 Service unavailable, Client host [198.51.100.10] blocked using Spamhaus"', sender));
  };
  for (let u = 0; u < 8; u++) for (let k = 0; k < 12; k++) message(t0 + (8 + ((u + k) % 9)) * 3_600_000 + u * 1000 + k * 60_000, `user${u}@contoso.com`, [`x${k}@partner.example`], () => false);
  // mail coming in is not counted
  for (let k = 0; k < 30; k++) row(t0 + 9 * 3_600_000 + k * 1000, '203.0.113.9', 'EXCH01\\Default Frontend EXCH01', 'SMTP', 'RECEIVE', ['user1@contoso.com'], '250 2.0.0 OK', 'news@partner.example', 'Incoming');
  // a newsletter: 500 recipients, nobody refusing
  message(t0 + 10 * 3_600_000, 'carol@contoso.com', Array.from({ length: 500 }, (_, i) => `c${i}@customer.example`), () => false);
  // the taken-over mailbox: 40 messages of 20 recipients within 20 minutes, 6 of each refused
  for (let k = 0; k < 40; k++) message(t0 + 20 * 3_600_000 + k * 30_000, 'bob@contoso.com', Array.from({ length: 20 }, (_, i) => `u${k}x${i}@${i % 2 ? 'gmail.com' : 'yahoo.com'}`), (_r, i) => i < 6);
  return ['#Software: Microsoft Exchange Server', '#Version: 15.02.1118.007', '#Log-type: Message Tracking Log', '#Date: 2026-11-20T00:00:00.000Z', `#Fields: ${TRACKING_FIELDS}`, ...rows.sort((a, b) => a.ts - b.ts).map((r) => r.text)];
}

describe('mail sent out (Postfix)', () => {
  it('a mailbox sending spam after its password was guessed is critical, a slow spammer medium, a large unrefused send low; a newsletter, inbound mail and a few refusals stay quiet', async () => {
    const found = await analysePlanted('mail', (dir) => {
      const { put, files } = logFiles(dir);
      put('mail.log', postfixLog());
      return files;
    });
    const mail = found.filter((f) => f.detector === 'mailAbuse');
    expect(mail.map((f) => `${f.severity}:${f.entity}`), listFindings(found)).toEqual(['critical:bob@example.com', 'medium:eve@example.com', 'low:news@example.com']);
    const bob = mail[0]!;
    // 40 recipients: 14 (0, 3, …, 39) refused each, 60 messages
    expect(bob.numbers).toMatchObject({ messages: 60, recipients: 2400, sent: 60 * 26, refused: 60 * 14, failed: 0, deferred: 0, distinctRecipients: 2400 });
    expect(bob.title).toBe('Spam sent as bob@example.com after its password was guessed from 45.155.205.233: 2,400 recipients, 840 deliveries refused as spam by mta7.am0.yahoodns.net, gmail-smtp-in.l.google.com');
    expect(bob.explanation).toContain('45.155.205.233 failed to log in 60 times, then logged in as it');
    expect(bob.explanation).toContain('[TSS04] Messages from 198.51.100.10 temporarily deferred due to unexpected volume');
    expect(bob.explanation).toContain('mailAbuse.minRefused');
    expect(bob.evidence.count).toBe(60);
    const eve = mail[1]!;
    // every fifth message refused at both its recipients
    expect(eve.numbers).toMatchObject({ messages: 100, refused: 40, sent: 160 });
    expect(mail[2]!.numbers).toMatchObject({ peakHour: 1000, refused: 0 });
  }, 60_000);

  it('counts a retried message once, leaves inbound and local deliveries out, and keeps hostile text inert', () => {
    const m = new MailOut();
    const q = 'postfix/qmgr\n4F2A1: from=<dave@example.com>, size=900, nrcpt=3 (queue active)';
    m.add(1, q, 1000);
    m.add(2, 'postfix/smtp\n4F2A1: to=<a@partner.example.org>, relay=mx.partner.example.org[192.0.2.25]:25, delay=1, status=deferred (connect to mx.partner.example.org[192.0.2.25]:25: Connection timed out)', 2000);
    m.add(3, q, 600_000);
    m.add(4, 'postfix/smtp\n4F2A1: to=<a@partner.example.org>, relay=mx.partner.example.org[192.0.2.25]:25, delay=1, status=sent (250 ok)', 600_500);
    m.add(5, 'postfix/local\n4F2A2: to=<dave@example.com>, relay=local, delay=0.1, status=sent (delivered to mailbox)', 700_000);
    m.add(6, 'postfix/smtp\n4F2A3: to=<x@y.example>, relay=none, delay=0, status=bounced (Host or domain name not found)', 800_000);
    m.add(7, 'postfix/smtp\n4F2A4: to=<x@y.example>, relay=mx.y.example[192.0.2.9]:25, delay=1, status=bounced (host said: 554 <script>alert(1)</script> =HYPERLINK("http://x") blocked using zen.spamhaus.org)', 900_000);
    const rows = m.rows();
    expect(rows.find((r) => r.sender === 'dave@example.com')).toMatchObject({ messages: 1, recipients: 3, sent: 1, deferred: 1, refused: 0, distinctRecipients: 1 });
    // relay=none is a delivery that never left; a refusal whose sender's line was not read is kept under (unknown), its text as written
    expect(rows.map((r) => r.sender)).toEqual(['dave@example.com', '(unknown)']);
    expect(rows[1]).toMatchObject({ refused: 1, refusedBy: [['mx.y.example', 1]], refusal: 'host said: 554 <script>alert(1)</script> =HYPERLINK("http://x") blocked using zen.spamhaus.org', sampleIds: [7] });
  });

  it("Exchange's message tracking: a mailbox sending spam is high (an SSH account of the same name guessed elsewhere is not it); a newsletter and mail coming in stay quiet", async () => {
    const found = await analysePlanted('mail-exchange', (dir) => {
      const { put, files } = logFiles(dir);
      put('MSGTRK2026112000-1.LOG', trackingLog());
      // a Linux account named bob, guessed over SSH on another machine, is not the mailbox
      put('auth.log', [...Array.from({ length: 40 }, (_, k) => `Nov 20 19:${String(k).padStart(2, '0')}:01 web01 sshd[${900 + k}]: Failed password for bob from 185.220.101.7 port ${40000 + k} ssh2`), 'Nov 20 19:45:00 web01 sshd[999]: Accepted password for bob from 185.220.101.7 port 41000 ssh2']);
      return files;
    });
    const mail = found.filter((f) => f.detector === 'mailAbuse');
    expect(mail.map((f) => `${f.severity}:${f.entity}`), listFindings(found)).toEqual(['high:bob@contoso.com']);
    expect(found.some((f) => f.detector === 'bruteForce' && f.entity === '185.220.101.7')).toBe(true);
    expect(mail[0]!.numbers).toMatchObject({ messages: 40, recipients: 800, sent: 40 * 14, refused: 40 * 6, distinctRecipients: 800 });
    expect(mail[0]!.explanation).toContain('blocked using Spamhaus');
    expect(mail[0]!.evidence.count).toBe(40 * 2 + 40 * 6);
  }, 60_000);

  it("adds up one sender's rows folded by several workers", () => {
    const a = new MailOut();
    const b = new MailOut();
    a.add(1, 'exchange\nRECEIVE\nSTOREDRIVER\n\n2\nbob@contoso.com\n\nx@gmail.com;y@yahoo.com', 3_600_000);
    b.add(2, 'exchange\nSEND\nSMTP\nInternet Send\n1\nbob@contoso.com\n250 2.6.0\nx@gmail.com', 3_601_000);
    b.add(3, 'exchange\nFAIL\nSMTP\nInternet Send\n1\nbob@contoso.com\n550 5.7.1 blocked using Spamhaus\ny@yahoo.com', 3_602_000);
    a.add(4, 'exchange\nFAIL\nSMTP\nInternet Send\n1\nbob@contoso.com\n550 5.7.1 likely unsolicited mail\nz@gmail.com', 7_300_000);
    const [row, ...rest] = mergeMailRows([...a.rows(), ...b.rows()]);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ sender: 'bob@contoso.com', messages: 1, recipients: 2, sent: 1, refused: 2, peakHour: 2, peakHourStart: 3_600_000, first: 3_600_000, last: 7_300_000, sampleIds: [3, 4], exchange: true });
    expect(row!.refusedBy).toEqual([['gmail.com', 1], ['yahoo.com', 1]]);
  });
});
