// The live analyzer for follow mode: keeps per-entity aggregates in memory, updated row by row
// (no rescan), and re-runs the incremental detectors for the sources that changed. Host events
// (processes started, antivirus detections: no source address) are judged again whenever new ones
// arrive. Beaconing, credential stuffing and statistical outliers are batch-only (they need the
// whole history).
import type { Finding } from '../../shared/model';
import type { Db } from '../store/case';
import { DETECTOR_LIST } from './detectors';
import { evidenceItems, runDetectors, toFinding } from './detect';
import type { LiveEvent } from './eventKind';
import { askerRows } from './dns';
import { Fold } from './fold';
import { resolveSettings } from './settings';
import { SPRAY_REQUESTS } from './detectors/webAttacks';
import { findingId, upsertFindings } from './store';
import { resolveEvidence } from './tasks';
import type { DraftFinding, SettingValue } from './types';

export type { LiveEvent } from './eventKind';

export interface IncrementalAnalyzer {
  /** Folds new rows into the aggregates; returns findings that are new or changed (stable ids). */
  addEvents(rows: readonly LiveEvent[]): Finding[];
  /** detectors this analyzer keeps up to date */
  readonly detectors: readonly string[];
}

export function createIncrementalAnalyzer(db: Db, opts: { settings?: Record<string, SettingValue>; store?: boolean } = {}): IncrementalAnalyzer {
  const settings = resolveSettings(opts.settings);
  const detectors = DETECTOR_LIST.filter((d) => d.incremental);
  // detectors that read only the host events kept in order (a process run, a detection): cheap to judge again whole;
  // ruleMatches also reads the triage tools' rule hits, which the fold hands over in a batch analysis only
  const onHost = DETECTOR_LIST.filter((d) => !d.incremental && d.needs.length === 1 && d.needs[0] === 'hostEvents' && d.name !== 'ruleMatches');
  const fold = new Fold(settings);
  const emitted = new Map<string, string>();
  let hostSeen = 0;

  return {
    detectors: [...detectors, ...onHost].map((d) => d.name),
    addEvents(rows) {
      const dirty = new Set<string>();
      for (const r of rows) {
        const ip = fold.add(r);
        if (ip) dirty.add(ip);
      }
      const hostGrew = fold.hostEvents.length > hostSeen;
      hostSeen = fold.hostEvents.length;
      if (dirty.size === 0 && !hostGrew) return [];
      const agg = fold.aggregates(dirty);
      agg.dnsAskers = askerRows(fold.sources.values());
      // payload hits of the other sources whose finding another source can change, as in batch: a
      // sprayer's few (many sources, one exploit each, are one finding) and a poster's (a script many
      // sources post to is the site's form, not a shell); the rest stand as they were
      const judged = new Set(dirty);
      for (const [ip, s] of fold.sources) {
        if (!s.payloads || judged.has(ip) || (s.payloads.length > SPRAY_REQUESTS && !s.payloads.some((h) => h.posted))) continue;
        judged.add(ip);
        for (const h of s.payloads) agg.payloads.push(h);
      }
      const all = runDetectors(agg, settings, detectors);
      // bursts compare with the whole population, but report only the sources that changed
      // group findings (a flood, a network's guessing) name their sources in numbers.sources
      const drafts = all.filter((d) => dirty.has(d.entity) || dirty.has(d.entity.split(' -> ')[0] ?? '') || String(d.numbers.sources ?? '').split(',').some((ip) => dirty.has(ip)));
      if (hostGrew) for (const d of runDetectors({ ...agg, hostEvents: fold.hostEvents }, settings, onHost)) drafts.push(d);
      const gone = superseded(all, drafts, judged);
      const items = evidenceItems(drafts);
      const out: Finding[] = [];
      drafts.forEach((d, i) => {
        const f = toFinding(d, resolveEvidence(db, items[i]!));
        const sig = `${f.severity}|${f.title}`;
        if (emitted.get(f.id) === sig) return;
        emitted.set(f.id, sig);
        out.push(f);
      });
      if (opts.store !== false && (out.length || gone.length))
        db.transaction(() => {
          upsertFindings(db, out);
          // as a full re-analysis would: an open finding nothing fires any more goes (a tagged or dismissed one stays)
          const del = db.prepare("DELETE FROM findings WHERE id = ? AND status = 'open'");
          for (const id of gone) del.run(id);
        })();
      return out;
    },
  };

  /**
   * Findings emitted earlier that the group findings now stand for (a sprayer's own finding once ten
   * sources spray the same exploit, a flooder's once the flood is one finding), and a webAttacks
   * finding of a source judged again that no longer fires (a poster to a script that turned out to
   * be the site's shared form). A batch analysis of the same rows would not have them.
   */
  function superseded(all: readonly DraftFinding[], drafts: readonly DraftFinding[], judged: ReadonlySet<string>): string[] {
    const gone: string[] = [];
    const drop = (id: string): void => {
      if (emitted.delete(id)) gone.push(id);
    };
    const now = new Set(drafts.map((d) => findingId(d.detector, d.entity)));
    for (const d of drafts) {
      if (d.entityType !== 'population') continue;
      for (const ip of String(d.numbers.sources ?? '').split(',')) if (ip && !now.has(findingId(d.detector, ip))) drop(findingId(d.detector, ip));
    }
    const firing = new Set(all.filter((d) => d.detector === 'webAttacks').map((d) => findingId(d.detector, d.entity)));
    for (const ip of judged) if (!firing.has(findingId('webAttacks', ip))) drop(findingId('webAttacks', ip));
    // a spray finding's entity counts its sources: the one for fewer sources is replaced by the one for more
    for (const id of [...emitted.keys()]) if (id.startsWith('webAttacks:') && / from [\d,]+ sources$/.test(id) && !firing.has(id)) drop(id);
    return gone;
  }
}
