// Business email compromise in Exchange Online, from the Unified Audit Log: once inside a mailbox,
// the intruder makes it work for them and hides it from its owner: an inbox rule that deletes, or
// moves to a folder nobody opens (RSS Feeds, Conversation History…), the mail that would give the
// fraud away (invoice, payment, wire), often under a name of one dot; and a forward of the mail
// outside (New-InboxRule -ForwardTo, Set-Mailbox -ForwardingSmtpAddress). Staff's own rules (a
// newsletter folder, a forward to a colleague while away) stay quiet.
import type { CloudRow } from '../cloudAudit';
import type { IdpAct, MailRule } from '../identityEvents';
import { ipScope } from '../net';
import type { DetectorDef, DraftFinding } from '../types';
import { count, formatList, qv } from './util';

const iso = (ts: number | null): string => (ts == null ? 'at an unknown time' : new Date(ts).toISOString().replace('.000Z', 'Z'));
const domainOf = (a: string): string | null => (a.includes('@') ? a.slice(a.lastIndexOf('@') + 1).toLowerCase().replace(/[>\]]+$/, '') : null);
const words = (t: string): string[] => t.split(',').map((w) => w.trim().toLowerCase()).filter((w) => w !== '');

interface Judged { act: IdpAct; ip: string; rule: MailRule; owner: string; external: string[]; hides: string | null }

export const mailboxRules: DetectorDef = {
  name: 'mailboxRules',
  title: 'Mailbox rules and forwarding (business email compromise)',
  description:
    'Reads the Microsoft 365 Unified Audit Log (Purview\'s CSV with its AuditData column, or the records as JSON lines) and reports, per mailbox, inbox rules (New-InboxRule, Set-InboxRule) and mailbox settings (Set-Mailbox) that forward mail to another organisation (ForwardTo, RedirectTo, ForwardingSmtpAddress), and rules that hide mail from the owner (delete it, mark it read, or move it to a folder nobody opens: RSS Feeds, Conversation History…) when they look for payment words (invoice, payment, wire…) or have no real name (".", ".."), as an intruder in a mailbox does to redirect payments unseen. Forwards to the tenant\'s own domains and staff\'s own filing rules stay quiet. The mail items (MailItemsAccessed) and files (FileDownloaded) read from the same addresses are told beside it.',
  settings: [
    { key: 'paymentWords', default: 'invoice,payment,wire,bank,transfer,remittance,iban,swift,ach,payroll,w-2,w2,overdue', description: 'words a hiding rule looks for that make it fraud cover (comma-separated, any case)' },
    { key: 'hiddenFolders', default: 'RSS Feeds,RSS Subscriptions,Conversation History,Deleted Items,Junk Email,Archive,Notes,Sync Issues', description: 'folders a rule moves mail to that its owner does not read (comma-separated)' },
    { key: 'minRules', default: 1, description: 'forwarding or hiding rules and settings made for one mailbox to report' },
  ],
  needs: ['cloud'],
  // a finding on an account gathers several addresses; the live analyzer folds and reports by address
  incremental: false,
  detect(ctx) {
    const pay = words(ctx.text('paymentWords'));
    const hidden = new Set(words(ctx.text('hiddenFolders')));
    const min = Math.max(1, ctx.num('minRules'));
    const rows = ctx.agg.cloud as readonly CloudRow[];
    // the tenant's own domains: every account the log names
    const own = new Set<string>();
    for (const r of rows) for (const a of r.idp?.acts ?? []) {
      const d = domainOf(a.user);
      if (d) own.add(d);
    }
    for (const r of rows) for (const [u] of r.idp?.items ?? []) {
      const d = domainOf(u);
      if (d) own.add(d);
    }
    const byOwner = new Map<string, Judged[]>();
    for (const r of rows) {
      for (const act of r.idp?.acts ?? []) {
        if (act.what !== 'rule' || !act.rule) continue;
        const j = judge(act, r.ip, act.rule, own, pay, hidden);
        if (j) (byOwner.get(j.owner) ?? byOwner.set(j.owner, []).get(j.owner)!).push(j);
      }
    }
    const out: DraftFinding[] = [];
    for (const [owner, js] of byOwner) if (js.length >= min) out.push(finding(owner, js, rows, min));
    return out;
  },
};

function judge(act: IdpAct, ip: string, rule: MailRule, own: Set<string>, pay: string[], hidden: Set<string>): Judged | null {
  const owner = rule.op === 'Set-Mailbox' && rule.mailbox ? (rule.mailbox.includes('@') ? rule.mailbox : act.user) : act.user;
  const external = rule.forwardTo.filter((a) => {
    const d = domainOf(a);
    return d !== null && !own.has(d);
  });
  const lookedFor = (rule.words ?? '').toLowerCase();
  const payment = pay.filter((w) => lookedFor.includes(w));
  const folder = rule.moveTo?.toLowerCase().replace(/^[:\\]+/, '') ?? null;
  const hiding = rule.deletes || rule.markRead || (folder !== null && hidden.has(folder));
  const unnamed = rule.name !== null && /^[\s\p{P}\p{S}]{0,3}$/u.test(rule.name);
  const hides = hiding && (payment.length > 0 || unnamed) ? `${[rule.deletes ? 'deletes' : null, folder !== null && hidden.has(folder) ? `moves to ${rule.moveTo}` : null, rule.markRead ? 'marks read' : null].filter(Boolean).join(', ')} the mail ${payment.length ? `that mentions ${formatList(payment, 5)}` : 'it matches'}${unnamed ? ` (a rule named "${rule.name}")` : ''}` : null;
  if (!external.length && hides === null) return null;
  return { act, ip, rule, owner, external, hides };
}

function finding(owner: string, js: Judged[], rows: readonly CloudRow[], min: number): DraftFinding {
  js.sort((a, b) => (a.act.ts ?? 0) - (b.act.ts ?? 0));
  const external = [...new Set(js.flatMap((j) => j.external))];
  const hiding = js.filter((j) => j.hides);
  const ips = [...new Set(js.map((j) => j.ip))];
  const describe = (j: Judged): string =>
    `${j.rule.op}${j.rule.name !== null ? ` "${j.rule.name}"` : ''} by ${j.act.user} from ${j.ip} at ${iso(j.act.ts)}: ${[j.external.length ? `forwards to ${formatList(j.external, 3)}` : null, j.hides].filter(Boolean).join('; ')}`;
  // what the same addresses read of this mailbox and its files
  let items = 0;
  let files = 0;
  for (const r of rows) if (ips.includes(r.ip)) {
    items += r.idp?.items.find(([u]) => u === owner)?.[1] ?? 0;
    files += r.idp?.files.find(([u]) => u === owner)?.[1] ?? 0;
  }
  const read = items || files ? ` From the same address${ips.length === 1 ? '' : 'es'}, ${[items ? `${count(items)} mail items were read (MailItemsAccessed)` : null, files ? `${count(files)} files downloaded (FileDownloaded)` : null].filter(Boolean).join(' and ')}.` : '';
  const severity = external.length && hiding.length ? 'critical' : 'high';
  const title = [external.length ? `mail forwarded outside to ${formatList(external, 2)}` : null, hiding.length ? `${count(hiding.length)} rule${hiding.length === 1 ? '' : 's'} hiding mail` : null].filter(Boolean).join('; ');
  const times = js.map((j) => j.act.ts).filter((t): t is number => t != null);
  return {
    detector: 'mailboxRules',
    severity,
    entity: owner,
    entityType: 'user',
    title: `Mailbox ${owner}: ${title}`,
    explanation:
      `${count(js.length)} rule${js.length === 1 ? '' : 's'} or setting${js.length === 1 ? '' : 's'} of ${owner}'s mailbox ${js.length === 1 ? 'sends' : 'send'} its mail away or hide${js.length === 1 ? 's' : ''} it from its owner: ${js.slice(0, 6).map(describe).join('; ')}${js.length > 6 ? `; and ${count(js.length - 6)} more` : ''}.${read} ` +
      (external.length ? `Mail forwarded to another organisation (${formatList(external, 4)}) gives an intruder every message after they lose the password. ` : '') +
      (hiding.length ? 'A rule that deletes or buries mail about invoices and payments, or has no real name, keeps the owner from seeing the replies to the fraud sent in their name (business email compromise). ' : '') +
      `Remove the rules and the forward, revoke the account's sessions, reset its password and check what was sent from it; the addresses were ${formatList(ips.map((ip) => `${ip} (${ipScope(ip)})`), 4)}. ` +
      `Forwards to the tenant's own domains and rules without payment words or an odd name are not counted. Threshold: ${min} such rule${min === 1 ? '' : 's'} (mailboxRules.minRules); payment words and hidden folders are mailboxRules.paymentWords and mailboxRules.hiddenFolders.`,
    numbers: { rules: js.length, externalForwards: external.length, hidingRules: hiding.length, mailItemsRead: items, filesDownloaded: files, addresses: ips.join(',') },
    threshold: { metric: 'forwarding or hiding rules made for the mailbox', value: js.length, threshold: min, setting: 'mailboxRules.minRules' },
    windowMs: null,
    firstSeen: times.length ? Math.min(...times) : null,
    lastSeen: times.length ? Math.max(...times) : null,
    query: `user:${qv(js[0]!.act.user)}`,
    sampleIds: js.slice(0, 20).map((j) => j.act.id),
    score: severity === 'critical' ? 1 : 0.85,
  };
}
