// IDS alerts (Snort / Suricata fast.log, eve.json, Snort 3 alert_json, IDS lines in syslog): the
// sensor already judged each packet; this groups its verdicts per source and signature, ranks
// them by the sensor's own priority, and keeps a busy perimeter sensor's background noise
// (informational, policy and reputation-list signatures; one signature from hundreds of internet
// scanners) to a few grouped findings instead of one per address.
import type { Severity } from '../../../shared/model';
import type { DetectorDef, DraftFinding, IdsRow, PayloadHit } from '../types';
import { ipScope } from '../net';
import { atMost, count, formatList, lower, overSpan, qv, scoreOver } from './util';

/** Snort priority / Suricata severity 1 is the most serious; 4 and above are informational. */
export function prioritySeverity(p: number | null): Severity {
  if (p === null) return 'low';
  return p <= 1 ? 'high' : p === 2 ? 'medium' : p === 3 ? 'low' : 'info';
}

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
const maxSev = (a: Severity, b: Severity): Severity => (RANK[a] >= RANK[b] ? a : b);
/** Signatures that fire on what a server sends back: the source is the machine that answered. */
const RESPONSE_RE = /ATTACK_RESPONSE/i;

interface Sig {
  key: string;
  sid: string;
  signature: string;
  priority: number | null;
  severity: Severity;
  quiet: boolean;
  alerts: number;
  blocked: number;
  sources: Set<string>;
  rows: IdsRow[];
}

const sigKey = (r: IdsRow): string => `${r.sid}\u0000${r.signature}`;
const prioText = (p: number | null): string => (p === null ? 'no priority stated' : `priority ${p}`);
const verdict = (alerts: number, blocked: number): string => (blocked === 0 ? 'allowed' : blocked === alerts ? 'all blocked' : `${count(blocked)} blocked`);

/**
 * The explorer query for alert rows: their ids when few, else the source and the signatures (a
 * signature with a comma, a quote or a star cannot be listed; then every row of the source that
 * names a protocol, which is what IDS rows and flows have and log messages do not).
 */
function evidence(rows: readonly IdsRow[], ip: string | null): { query: string; sampleIds: number[] } {
  const ids = rows.flatMap((r) => r.ids).sort((a, b) => a - b);
  const total = rows.reduce((a, r) => a + r.alerts, 0);
  if (total <= 100 && ids.length === total) return { query: `id:${ids.join(',')}`, sampleIds: ids.slice(0, 20) };
  const sigs = [...new Set(rows.map((r) => r.signature))].slice(0, 30);
  const listable = sigs.every((s) => !/[,"*]/.test(s) && !s.startsWith('rule '));
  const who = ip ? `src_ip:${qv(ip)} ` : '';
  // a WAF's rows name no protocol: the client's own rows then
  const fallback = rows.some((r) => r.waf !== null) && ip ? `src_ip:${qv(ip)}` : `${who}proto:*`;
  return { query: listable ? `${who}message:"${sigs.join(',')}"` : fallback, sampleIds: ids.slice(0, 20) };
}

function topList(sigs: readonly { signature: string; alerts: number; priority: number | null; blocked: number; matched?: string }[], max = 5): string {
  return sigs
    .slice(0, max)
    .map((s) => `«${s.signature}» ×${count(s.alerts)} (${prioText(s.priority)}, ${verdict(s.alerts, s.blocked)})${s.matched ? `, matching for example «${s.matched.slice(0, 160)}» (the WAF's matched data, shown as text)` : ''}`)
    .join('; ');
}

/**
 * Sources with a finding of their own, at most MAX_OWN: alerts from a million spoofed or scanning
 * sources each with a signature of its own would be a million findings (the analysis ran out of
 * stack and memory). The most serious are kept; the rest are one finding that counts and names them.
 */
const MAX_OWN = 500;

function ownFindings(own: { f: DraftFinding; rows: IdsRow[] }[], crowd: number): DraftFinding[] {
  if (own.length <= MAX_OWN) return own.map((o) => o.f);
  own.sort((a, b) => RANK[b.f.severity] - RANK[a.f.severity] || b.f.score - a.f.score);
  const rest = own.slice(MAX_OWN);
  const rows = rest.flatMap((o) => o.rows);
  const alerts = rows.reduce((a, r) => a + r.alerts, 0);
  const blocked = rows.reduce((a, r) => a + r.blocked, 0);
  const first = rows.reduce<number | null>((t, r) => (r.first == null ? t : t == null ? r.first : Math.min(t, r.first)), null);
  const last = rows.reduce<number | null>((t, r) => (r.last == null ? t : t == null ? r.last : Math.max(t, r.last)), null);
  const severity = rest.reduce<Severity>((s, o) => maxSev(s, o.f.severity), 'info');
  const srcs = rest.map((o) => o.f.entity);
  const ev = evidence(rest.slice(0, 30).flatMap((o) => o.rows), null);
  const grouped: DraftFinding = {
    detector: 'idsAlerts',
    severity,
    entity: 'more IDS alert sources',
    entityType: 'population',
    title: `IDS alerts from ${count(rest.length)} more sources: ${count(alerts)} alert(s) of medium rank or above`,
    explanation:
      `${count(own.length)} sources set off alerts of medium rank or above, each with signatures fewer than ${crowd} sources share (idsAlerts.crowdSources); the ${count(MAX_OWN)} most serious have a finding each, and these ${count(rest.length)} are grouped here: ${count(alerts)} alert(s)${blocked ? `, ${count(blocked)} blocked` : ''}, ${overSpan(first, last)}, e.g. ${formatList(srcs, 6)}. ` +
      `So many sources with signatures of their own is rare: spoofed source addresses (a flood), a sensor that sees the internet's scanning with many unusual rules, or an outbreak inside; the sources' scope tells them apart.`,
    numbers: { alerts, blocked, sourceCount: rest.length, sources: srcs.slice(0, 50).join(',') },
    threshold: null,
    windowMs: null,
    firstSeen: first,
    lastSeen: last,
    query: ev.query,
    sampleIds: ev.sampleIds,
    score: rest[0]!.f.score,
  };
  return [...own.slice(0, MAX_OWN).map((o) => o.f), grouped];
}

export const idsAlerts: DetectorDef = {
  name: 'idsAlerts',
  title: 'IDS and WAF alerts',
  description:
    "Groups Snort and Suricata alerts (fast.log, eve.json, Snort 3 alert_json, IDS lines in syslog) per source and signature. Severity is the sensor's own: priority (Snort) or severity (Suricata) 1 is high, 2 medium, 3 low, 4 and above informational; an alert the IPS blocked is said, and a source whose top alerts were all blocked is one step lower. Informational, policy and reputation-list signatures are at most low, and together with every other low-priority alert make one grouped finding; a signature set off by many sources (internet background scanning, a worm) is one finding for all of them. One finding per source lists its top signatures with counts. Web application firewall logs (ModSecurity, AWS WAF, Azure Application Gateway and Front Door, Cloudflare) are read the same way, the rule's rank from its stated severity or its OWASP CRS id: a rule matched in a transaction the WAF blocked counts as blocked (CRS anomaly scoring), and the finding says which of the client's requests carrying attack payloads the WAF did not block and the server did not refuse; when some did, the client is not lowered for the blocks.",
  settings: [
    { key: 'minAlerts', default: 1, description: 'alerts of medium or higher priority from one source for its own finding' },
    { key: 'crowdSources', default: 20, description: 'sources setting off one signature for it to be reported once for all of them (background scanning, a worm) instead of once per source' },
    {
      key: 'quietSignatures',
      default: 'ET INFO,ET POLICY,GPL ICMP_INFO,GPL ICMP,ET DROP,ET CINS,ET COMPROMISED,ET TOR,ET DSHIELD,ET 3CORESec,SURICATA ',
      description: 'signature prefixes (comma-separated) counted at most low: informational and policy notices, reputation-list hits and the sensor\'s own protocol anomaly events',
    },
  ],
  needs: ['ids', 'payloads'],
  incremental: true,
  detect(ctx) {
    const minAlerts = ctx.num('minAlerts');
    const crowd = ctx.num('crowdSources');
    const quietRaw = ctx.text('quietSignatures');
    const quiet = quietRaw
      .split(',')
      .map((p) => p.trimStart().toLowerCase())
      .filter((p) => p.length > 0);
    const isQuiet = (sig: string): boolean => {
      const s = sig.toLowerCase();
      return quiet.some((p) => s.startsWith(p));
    };
    const sigs = new Map<string, Sig>();
    for (const r of ctx.agg.ids) {
      const k = sigKey(r);
      let g = sigs.get(k);
      if (!g) {
        const q = isQuiet(r.signature);
        const sev = prioritySeverity(r.priority);
        sigs.set(k, (g = { key: k, sid: r.sid, signature: r.signature, priority: r.priority, severity: q ? atMost(sev, 'low') : sev, quiet: q, alerts: 0, blocked: 0, sources: new Set(), rows: [] }));
      }
      g.alerts += r.alerts;
      g.blocked += r.blocked;
      g.sources.add(r.ip);
      g.rows.push(r);
    }
    // a signature stands on its own per source when it is medium or above and few sources set it off
    const alone = (g: Sig): boolean => RANK[g.severity] >= RANK.medium && g.sources.size < crowd;
    const bySrc = new Map<string, IdsRow[]>();
    for (const r of ctx.agg.ids) bySrc.set(r.ip, [...(bySrc.get(r.ip) ?? []), r]);
    const out: DraftFinding[] = [];
    const own: { f: DraftFinding; rows: IdsRow[] }[] = [];
    const quietNote = `informational, policy and reputation-list signatures (idsAlerts.quietSignatures) count at most low`;
    // what a client's attack payloads did beside its WAF alerts: a request the WAF let through (COUNT,
    // detection mode, or no rule matched) and the server did not refuse is what a responder checks first
    const through = new Map<string, PayloadHit[]>();
    for (const h of ctx.agg.payloads) {
      if (h.blocked || (h.status != null && h.status >= 400) || h.ordinary) continue;
      const l = through.get(h.ip);
      if (l) l.push(h);
      else through.set(h.ip, [h]);
    }

    for (const [ip, rows] of bySrc) {
      const mine = rows.filter((r) => alone(sigs.get(sigKey(r))!));
      const serious = mine.reduce((a, r) => a + r.alerts, 0);
      if (!mine.length || serious < minAlerts) continue;
      const top = mine.reduce<Severity>((s, r) => maxSev(s, sigs.get(sigKey(r))!.severity), 'info');
      const atTop = mine.filter((r) => sigs.get(sigKey(r))!.severity === top);
      const topAlerts = atTop.reduce((a, r) => a + r.alerts, 0);
      const topBlocked = atTop.reduce((a, r) => a + r.blocked, 0);
      const waf = rows.find((r) => r.waf !== null)?.waf ?? null;
      const passed = waf !== null ? (through.get(ip) ?? []) : [];
      // let through by the WAF, with no answer logged: a WAF's row holds no status, only a web server's does
      const unanswered = passed.filter((h) => h.status == null).length;
      // a WAF that blocked every alert but let the same client's other attack requests through did not stop it
      const allBlocked = topBlocked === topAlerts && passed.length === 0;
      const severity = allBlocked ? lower(top) : top;
      const sorted = [...rows].sort((a, b) => RANK[sigs.get(sigKey(b))!.severity] - RANK[sigs.get(sigKey(a))!.severity] || b.alerts - a.alerts);
      const total = rows.reduce((a, r) => a + r.alerts, 0);
      const blocked = rows.reduce((a, r) => a + r.blocked, 0);
      const dsts = [...new Set(rows.map((r) => r.dst).filter((d): d is string => !!d))];
      const maxDsts = Math.max(...rows.map((r) => r.dsts));
      const first = rows.reduce<number | null>((t, r) => (r.first == null ? t : t == null ? r.first : Math.min(t, r.first)), null);
      const last = rows.reduce<number | null>((t, r) => (r.last == null ? t : t == null ? r.last : Math.max(t, r.last)), null);
      const response = mine.some((r) => RESPONSE_RE.test(r.signature));
      const topSig = sorted[0]!;
      const ev = evidence(rows, ip);
      const kinds = [...new Set(passed.map((h) => h.kind))];
      const wafText =
        waf === null
          ? ''
          : `${passed.length === 0 ? `None of ${ip}'s requests seen carrying an attack payload got through: each was blocked, refused or answered with an error. ` : `Through the WAF: ${count(passed.length)} request(s) from ${ip} carrying attack payloads (${kinds.join(', ')}) were not blocked${unanswered === 0 ? ' and not refused by the server' : unanswered === passed.length ? '' : ` (${count(passed.length - unanswered)} not refused by the server)`}, e.g. «${passed[0]!.fragment.slice(0, 120)}»${passed[0]!.status != null ? ` (answered ${passed[0]!.status})` : ''}; ${unanswered ? `${unanswered === passed.length ? 'none of them has an answer' : `${count(unanswered)} of them have no answer`} in the case (a WAF's log, AWS WAF's among them, holds no HTTP status): whether the application accepted ${unanswered === 1 ? 'it' : 'them'} is in its own or the balancer's log, check there first. ` : 'check what the application answered to them first. '}`}` +
            `A WAF rule matched in a transaction it blocked counts as blocked (OWASP CRS anomaly scoring logs each match, then the block, 949110). `;
      own.push({ rows, f: {
        detector: 'idsAlerts',
        severity,
        entity: ip,
        entityType: 'ip',
        title: waf !== null
          ? `WAF alerts from ${ip}: ${count(total)} rule match(es), ${count(blocked)} blocked, top «${topSig.signature}»${passed.length ? `; ${count(passed.length)} attack request(s) got through` : ''}`
          : `IDS alerts from ${ip}: ${count(total)} alert(s), ${count(rows.length)} signature(s), top «${topSig.signature}»${blocked === total ? ' (all blocked)' : ''}`,
        explanation:
          `${ip} (${ipScope(ip)}) set off ${count(total)} ${waf !== null ? `web application firewall (${waf}) rule match(es)` : 'IDS alert(s)'} of ${count(rows.length)} signature(s)${total > 1 ? ` ${overSpan(first, last)}` : ''}, towards ${maxDsts > 1 || dsts.length > 1 ? `${count(Math.max(maxDsts, dsts.length))}+ destinations, e.g. ` : ''}${formatList(dsts, 3) || (waf !== null ? 'the protected site' : 'an unknown destination')}: ${topList(sorted)}${sorted.length > 5 ? `; and ${count(sorted.length - 5)} more signature(s)` : ''}. ` +
          `${blocked === 0 ? `The ${waf !== null ? 'WAF' : 'sensor'} let every one of them through (${waf !== null ? 'COUNT or detection mode' : 'no IPS verdict, or allowed'})` : blocked === total ? `The ${waf !== null ? 'WAF' : 'IPS'} blocked every one of them` : `The ${waf !== null ? 'WAF' : 'IPS'} blocked ${count(blocked)} and let ${count(total - blocked)} through`}. ` +
          wafText +
          (response ? `An ATTACK_RESPONSE signature fires on what a server sends back (an id command's output, a shell banner): ${ip} is the machine that answered, and may already be compromised. ` : '') +
          `The sensor ranks its most serious signature here ${prioText(sigs.get(sigKey(atTop[0]!))!.priority)}, so ${top}${allBlocked ? `, one step lower (${severity}) because the ${waf !== null ? 'WAF' : 'IPS'} dropped every alert at that rank` : topBlocked === topAlerts && passed.length ? ', not lowered although the WAF blocked every alert at that rank, because attack requests got through' : ''}. ` +
          `Severity follows the sensor's own rank (Snort priority / Suricata severity 1 high, 2 medium, 3 low, 4+ informational); ${quietNote}; a signature set off by ${crowd} sources or more (idsAlerts.crowdSources) is reported once for all of them; the threshold is ${minAlerts} alert(s) of medium rank or above (idsAlerts.minAlerts). ` +
          `A benign cause would be a vulnerability scanner or penetration test you run, or the signature misfiring on ordinary traffic: check the packet or the request in the sensor's record.`,
        numbers: { alerts: total, blocked, ...(waf !== null ? { waf, passedPayloads: passed.length } : {}), signatures: rows.length, topSignature: topSig.signature, topSignatureAlerts: topSig.alerts, ...(topSig.matched ? { matched: topSig.matched.slice(0, 200) } : {}), priority: sigs.get(sigKey(atTop[0]!))!.priority ?? '', destinations: Math.max(maxDsts, dsts.length) },
        threshold: { metric: 'IDS alerts of medium rank or above', value: serious, threshold: minAlerts, setting: 'idsAlerts.minAlerts' },
        windowMs: null,
        firstSeen: first,
        lastSeen: last,
        query: ev.query,
        sampleIds: ev.sampleIds,
        score: scoreOver(serious * (RANK[severity] + 1), Math.max(1, minAlerts)),
      } });
    }
    out.push(...ownFindings(own, crowd));

    // one signature from many sources: one finding for all of them
    for (const g of sigs.values()) {
      if (RANK[g.severity] < RANK.medium || g.sources.size < crowd) continue;
      const allBlocked = g.blocked === g.alerts;
      const severity = allBlocked ? lower(g.severity) : g.severity;
      const srcs = [...g.rows].sort((a, b) => b.alerts - a.alerts).map((r) => r.ip);
      const first = g.rows.reduce<number | null>((t, r) => (r.first == null ? t : t == null ? r.first : Math.min(t, r.first)), null);
      const last = g.rows.reduce<number | null>((t, r) => (r.last == null ? t : t == null ? r.last : Math.max(t, r.last)), null);
      const ev = evidence(g.rows, null);
      out.push({
        detector: 'idsAlerts',
        severity,
        entity: `IDS signature ${g.sid}: ${g.signature}`,
        entityType: 'population',
        title: `IDS alert «${g.signature}» from ${count(g.sources.size)} sources: ${count(g.alerts)} alerts${allBlocked ? ' (all blocked)' : ''}`,
        explanation:
          `${count(g.sources.size)} sources set off «${g.signature}» (signature ${g.sid}, ${prioText(g.priority)}) ${count(g.alerts)} times ${overSpan(first, last)}; the busiest: ${formatList(srcs, 6)}. ${allBlocked ? 'The IPS blocked every one of them.' : g.blocked ? `The IPS blocked ${count(g.blocked)}.` : 'None was blocked.'} ` +
          `A signature set off by ${crowd} sources or more (idsAlerts.crowdSources) is reported once: from the internet it is background scanning that every exposed sensor sees; from your own machines it is a spreading infection or one misfiring rule, which the sources' scope tells apart. Severity follows the sensor's rank (${g.severity}${allBlocked ? ', one step lower because every alert was blocked' : ''}). ` +
          `A benign cause would be the signature misfiring on a common application, which the sources' normal traffic shows.`,
        numbers: { alerts: g.alerts, blocked: g.blocked, sourceCount: g.sources.size, sources: srcs.slice(0, 50).join(','), signature: g.signature, priority: g.priority ?? '' },
        threshold: { metric: 'sources setting off one signature', value: g.sources.size, threshold: crowd, setting: 'idsAlerts.crowdSources' },
        windowMs: null,
        firstSeen: first,
        lastSeen: last,
        query: ev.query,
        sampleIds: ev.sampleIds,
        score: scoreOver(g.alerts, crowd),
      });
    }

    // everything low and informational: one finding, whatever the number of sources
    const low = [...sigs.values()].filter((g) => RANK[g.severity] < RANK.medium).sort((a, b) => b.alerts - a.alerts);
    if (low.length) {
      const alerts = low.reduce((a, g) => a + g.alerts, 0);
      const blocked = low.reduce((a, g) => a + g.blocked, 0);
      const sources = new Set(low.flatMap((g) => [...g.sources]));
      const rows = low.flatMap((g) => g.rows);
      const first = rows.reduce<number | null>((t, r) => (r.first == null ? t : t == null ? r.first : Math.min(t, r.first)), null);
      const last = rows.reduce<number | null>((t, r) => (r.last == null ? t : t == null ? r.last : Math.max(t, r.last)), null);
      const severity: Severity = low.some((g) => g.severity === 'low') ? 'low' : 'info';
      const bySource = new Map<string, number>();
      for (const r of rows) bySource.set(r.ip, (bySource.get(r.ip) ?? 0) + r.alerts);
      const busiest = [...bySource].sort((a, b) => b[1] - a[1]).map(([ip, n]) => `${ip} (${count(n)})`);
      const ev = evidence(low.slice(0, 30).flatMap((g) => g.rows), null);
      out.push({
        detector: 'idsAlerts',
        severity,
        entity: 'low-priority IDS alerts',
        entityType: 'population',
        title: `Low-priority ${rows.every((r) => r.waf !== null) ? 'WAF' : 'IDS'} alerts: ${count(alerts)} alert(s) of ${count(low.length)} signature(s) from ${count(sources.size)} source(s)`,
        explanation:
          `${count(alerts)} IDS alert(s) ranked low or informational by the sensor (priority / severity 3 or more, or no priority), or of informational, policy and reputation-list signatures, came from ${count(sources.size)} source(s) ${overSpan(first, last)}${blocked ? `; the IPS blocked ${count(blocked)}` : ''}. Top signatures: ${low
            .slice(0, 5)
            .map((g) => `«${g.signature}» ×${count(g.alerts)} from ${count(g.sources.size)} source(s) (${prioText(g.priority)})`)
            .join('; ')}${low.length > 5 ? `; and ${count(low.length - 5)} more` : ''}. Busiest sources: ${formatList(busiest, 5)}. ` +
          `They are grouped in one finding so that a busy sensor's notices do not bury the alerts that matter; ${quietNote}. ` +
          `A benign cause is the usual one: ordinary clients doing what these signatures describe (pings, cleartext protocols, software updates, lookups of listed addresses). Look here for context around a source that has findings of its own.`,
        numbers: { alerts, blocked, signatures: low.length, sourceCount: sources.size, sources: [...bySource.keys()].slice(0, 50).join(','), topSignature: low[0]!.signature },
        threshold: null,
        windowMs: null,
        firstSeen: first,
        lastSeen: last,
        query: ev.query,
        sampleIds: ev.sampleIds,
        score: 0.1,
      });
    }
    return out;
  },
};
