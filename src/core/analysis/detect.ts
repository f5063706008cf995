// Runs detectors over aggregates (from the batch tasks or the live analyzer) and turns their
// drafts into findings once evidence is resolved. Pure apart from the evidence lookup.
import { severityRank, type Finding } from '../../shared/model';
import { compileQuery } from '../store/query';
import { DETECTOR_LIST } from './detectors';
import { cdnEdge, judgeCrawlers } from './net';
import { findingId } from './store';
import type { Aggregates, DetectContext, DetectorDef, DraftFinding, Settings } from './types';

export function runDetectors(agg: Aggregates, settings: Settings, detectors: readonly DetectorDef[] = DETECTOR_LIST): DraftFinding[] {
  const crawlers = judgeCrawlers(agg.crawlers);
  const out: DraftFinding[] = [];
  for (const d of detectors) {
    const ctx: DetectContext = {
      agg,
      // a full key ("hostScan.minHosts") reads another detector's setting, for two that divide one shape between them
      num: (k) => Number(settings[k.includes('.') ? k : `${d.name}.${k}`]),
      flag: (k) => settings[`${d.name}.${k}`] === true,
      text: (k) => String(settings[`${d.name}.${k}`] ?? ''),
      crawler: (ip) => crawlers.get(ip),
    };
    // one by one: spreading a detector's findings overflows the stack past ~100,000
    for (const f of d.detect(ctx)) out.push(f);
  }
  burstsOfKnownAttacks(out);
  payloadsInScans(out);
  chainGuessedLogins(out);
  chainLockouts(out);
  for (const f of out) if (f.entityType === 'ip') relayedByCdn(f);
  distinctIds(out);
  return out;
}

/**
 * Two findings of one detector on one entity (a machine whose log was cleared and that was logged
 * in to by a guesser) would share an id, and the second would overwrite the first in the case: the
 * later ones get a key, their rank among them, in the detectors' stable order.
 */
function distinctIds(out: DraftFinding[]): void {
  const seen = new Map<string, number>();
  for (const f of out) {
    const id = findingId(f.detector, f.entity, f.key);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n > 0) f.key = f.key ? `${f.key}.${n + 1}` : String(n + 1);
  }
}

/** Detectors that say what a source was doing; a burst of its events at the same time is that activity's speed. */
const ACTIVITY = new Set(['scanners', 'portScan', 'hostScan', 'bruteForce', 'webAttacks', 'credentialStuffing', 'dnsTunnel', 'icmpTunnel', 'kerberoasting', 'cloudAudit', 'lateralMovement', 'adminSweep']);

/**
 * A source's burst whose busiest minute falls inside what another finding already says it was
 * doing (a scan, password guessing, an injection run, a tunnel) at the same or a higher severity
 * is that activity's speed, not a second attack: it stays (the rate is evidence), low, and says
 * which finding tells the story, so a responder sees one actor once at the top of the list. A
 * burst the server buckled under (503/429: bursts.strainedPerMinute) is a denial of service in
 * its own right and keeps its severity, as does one outside the activity's time span.
 */
function burstsOfKnownAttacks(out: DraftFinding[]): void {
  const byEntity = new Map<string, DraftFinding[]>();
  for (const f of out) if (f.entityType === 'ip' && ACTIVITY.has(f.detector)) (byEntity.get(f.entity) ?? byEntity.set(f.entity, []).get(f.entity)!).push(f);
  if (byEntity.size === 0) return;
  for (const b of out) {
    if (b.detector !== 'bursts' || b.entityType !== 'ip' || severityRank(b.severity) <= severityRank('low')) continue;
    if (b.threshold?.setting !== 'bursts.minPerMinute') continue;
    const at = b.firstSeen;
    const until = b.lastSeen ?? (at == null ? null : at + 59_999);
    // a burst of one minute during the activity; a run of minutes (a sudden flood) mostly within it
    const during = (f: DraftFinding): boolean => {
      if (at == null || until == null || f.firstSeen == null || f.lastSeen == null) return true;
      if (until - at < 60_000) return at + 59_999 >= f.firstSeen && at <= f.lastSeen;
      return Math.min(until, f.lastSeen) - Math.max(at, f.firstSeen) >= (until - at) / 2;
    };
    const story = (byEntity.get(b.entity) ?? [])
      .filter((f) => severityRank(f.severity) >= severityRank(b.severity) && during(f))
      .sort((x, y) => severityRank(y.severity) - severityRank(x.severity) || y.score - x.score)[0];
    if (!story) continue;
    const was = b.severity;
    b.severity = 'low';
    b.explanation += ` In that minute ${b.entity} was doing what another finding reports (${story.detector}, ${story.severity}: "${story.title}"): this burst is that activity's speed, not a second attack, so it is low here (it was ${was}) and kept for its rate.`;
  }
}

/**
 * One source that scanned a site and sent payloads among the scan's requests (a Nuclei run) has two
 * findings, each counting its own part: the payloads say they were part of the scan, as the scan
 * says it holds them (scanners.ts), so the two read as one actor's run, not two alarms.
 */
function payloadsInScans(out: DraftFinding[]): void {
  const scans = new Map(out.filter((f) => f.detector === 'scanners' && f.entityType === 'ip').map((f) => [f.entity, f]));
  for (const w of out) {
    const scan = w.detector === 'webAttacks' && w.entityType === 'ip' ? scans.get(w.entity) : undefined;
    if (!scan) continue;
    w.explanation += ` They were sent within a scan by the same source, the scanners finding "${scan.title}" (${scan.severity}), which counts the rest of its requests.`;
  }
}

/**
 * Password guessing that got in and what the intruder then did on the machine are two findings of
 * two detectors (bruteForce on the address, hostTampering on the machine): the guessing finding
 * names the follow-up, so a responder reading either sees the chain, and is at least as severe.
 */
function chainGuessedLogins(out: DraftFinding[]): void {
  for (const h of out) {
    if (h.detector !== 'hostTampering' || h.threshold?.setting !== 'hostTampering.afterLoginMinutes') continue;
    const from = String(h.numbers.from ?? '');
    for (const b of out) {
      const guesser = String(h.numbers.guessedFrom ?? '');
      if (b.detector !== 'bruteForce' || b.entityType !== 'ip' || (b.entity !== from && b.entity !== guesser)) continue;
      b.explanation += ` What followed: ${from} logged in to ${h.entity} as ${String(h.numbers.user ?? '?')}${b.entity === from ? '' : ' (the account this address was guessing)'} and the machine then logged an intruder's next steps (hostTampering, ${h.severity}: "${h.title}"): read that finding with this one.`;
      b.numbers = { ...b.numbers, followedBy: `hostTampering:${h.entity}` };
      if (severityRank(b.severity) < severityRank(h.severity)) b.severity = h.severity;
    }
  }
}

/** A lockout wave told as an address's consequence (directoryChanges): the address's guessing finding names it too. */
function chainLockouts(out: DraftFinding[]): void {
  for (const w of out) {
    if (w.detector !== 'directoryChanges' || !w.numbers.cause) continue;
    for (const b of out) {
      if (b.detector !== 'bruteForce' || b.entityType !== 'ip' || b.entity !== w.numbers.cause) continue;
      b.explanation += ` Its consequence: ${w.numbers.accounts} of the accounts it tried were locked out (directoryChanges, ${w.severity}: "${w.title}").`;
      b.numbers = { ...b.numbers, lockedOut: Number(w.numbers.accounts) };
    }
  }
}

/** Detectors that measure a source's volume, rate or regularity: a CDN edge sums many visitors' there. */
const SUMMED_BY_RELAY = new Set(['bursts', 'heavyTraffic', 'beaconing', 'outliers']);

/**
 * A finding on a CDN's published edge address (cdnEdge) is about many visitors' requests relayed
 * together: a log that names no forwarded client could not tell them apart. The finding says so;
 * volume, rate and regularity findings are at most low (an edge is busy and regular by nature),
 * while payloads, scans and guessing keep their severity (the requests are real, only their sender is hidden).
 */
function relayedByCdn(f: DraftFinding): void {
  const cdn = cdnEdge(f.entity);
  if (cdn === null) return;
  const capped = SUMMED_BY_RELAY.has(f.detector) && f.severity !== 'info' && f.severity !== 'low';
  if (capped) f.severity = 'low';
  f.explanation +=
    ` ${f.entity} is in ${cdn}'s published edge ranges: it relays many visitors' requests, and the log names none of them (no X-Forwarded-For field Loupe could read), so this counts them together` +
    `${capped ? ', and the finding is low for that reason' : ''}. The CDN's own logs, or a server log with the forwarded client, name the senders.`;
}

export interface EvidenceItem {
  query: string;
  where: string;
  params: (string | number)[];
  sampleIds: number[] | null;
}

/** Compiles each draft's query; a query the language cannot express falls back to the entity's rows. */
export function evidenceItems(drafts: readonly DraftFinding[]): EvidenceItem[] {
  return drafts.map((d) => {
    let query = d.query;
    let q;
    try {
      q = compileQuery(query);
    } catch {
      // the entity is attacker-written text (a path); fall back to an exact match on the source address
      query = d.entityType === 'ip' ? `src_ip:${d.entity}` : 'id:0';
      q = compileQuery(query);
    }
    d.query = query;
    return { query, where: q.where, params: q.params, sampleIds: d.sampleIds ?? null };
  });
}

export function toFinding(d: DraftFinding, ev: { count: number; sampleIds: number[] }): Finding {
  return {
    id: findingId(d.detector, d.entity, d.key),
    detector: d.detector,
    severity: d.severity,
    entity: d.entity,
    entityType: d.entityType,
    title: d.title,
    explanation: d.explanation,
    numbers: d.numbers,
    threshold: d.threshold,
    windowMs: d.windowMs,
    firstSeen: d.firstSeen,
    lastSeen: d.lastSeen,
    evidence: { query: d.query, count: ev.count, sampleIds: ev.sampleIds },
    score: Math.round(d.score * 1000) / 1000,
    status: 'open',
    tags: [],
    note: null,
  };
}
