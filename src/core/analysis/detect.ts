// Runs detectors over aggregates (from the batch tasks or the live analyzer) and turns their
// drafts into findings once evidence is resolved. Pure apart from the evidence lookup.
import type { Finding } from '../../shared/model';
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
  for (const f of out) if (f.entityType === 'ip') relayedByCdn(f);
  return out;
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
    id: findingId(d.detector, d.entity),
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
