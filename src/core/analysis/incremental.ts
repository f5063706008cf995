// The live analyzer for follow mode: keeps per-entity aggregates in memory, updated row by row
// (no rescan), and re-runs the incremental detectors for the sources that changed. Beaconing,
// credential stuffing and statistical outliers are batch-only (they need the whole history).
import type { Finding } from '../../shared/model';
import type { Db } from '../store/case';
import { DETECTOR_LIST } from './detectors';
import { evidenceItems, runDetectors, toFinding } from './detect';
import type { LiveEvent } from './eventKind';
import { Fold } from './fold';
import { resolveSettings } from './settings';
import { upsertFindings } from './store';
import { resolveEvidence } from './tasks';
import type { SettingValue } from './types';

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
  const fold = new Fold(settings);
  const emitted = new Map<string, string>();

  return {
    detectors: detectors.map((d) => d.name),
    addEvents(rows) {
      const dirty = new Set<string>();
      for (const r of rows) {
        const ip = fold.add(r);
        if (ip) dirty.add(ip);
      }
      if (dirty.size === 0) return [];
      const agg = fold.aggregates(dirty);
      // bursts compare with the whole population, but report only the sources that changed
      // group findings (a flood, a network's guessing) name their sources in numbers.sources
      const drafts = runDetectors(agg, settings, detectors).filter(
        (d) => dirty.has(d.entity) || dirty.has(d.entity.split(' -> ')[0] ?? '') || String(d.numbers.sources ?? '').split(',').some((ip) => dirty.has(ip)),
      );
      const items = evidenceItems(drafts);
      const out: Finding[] = [];
      drafts.forEach((d, i) => {
        const f = toFinding(d, resolveEvidence(db, items[i]!));
        const sig = `${f.severity}|${f.title}`;
        if (emitted.get(f.id) === sig) return;
        emitted.set(f.id, sig);
        out.push(f);
      });
      if (opts.store !== false && out.length) db.transaction(() => upsertFindings(db, out))();
      return out;
    },
  };
}
