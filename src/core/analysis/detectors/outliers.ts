// Statistical outliers: robust z-scores (median and MAD, on a log scale) of per-source features,
// the seed's "detect anomalous traffic using statistics". Informational: unusual is not malicious.
import type { DetectorDef, DraftFinding, ProfileRow } from '../types';
import { ipScope } from '../net';
import { bytes, count, qv } from './util';

// volume alone (events, bytes) is what busy users and crawlers have: it is shown, never the sole reason
// counts must reach 10x the median to matter, averages 3x
const FEATURES: readonly { key: string; label: string; volume?: boolean; average?: boolean; get: (r: ProfileRow) => number | null; fmt: (v: number) => string }[] = [
  { key: 'events', label: 'events', volume: true, get: (r) => r.events, fmt: count },
  { key: 'bytes', label: 'bytes', volume: true, get: (r) => r.bytes, fmt: bytes },
  { key: 'dsts', label: 'distinct destinations', get: (r) => r.dsts, fmt: count },
  { key: 'ports', label: 'distinct destination ports', get: (r) => r.ports, fmt: count },
  { key: 'paths', label: 'distinct paths', get: (r) => r.paths, fmt: count },
  { key: 'errors', label: 'error answers (>= 400)', get: (r) => r.errors, fmt: count },
  { key: 'authFail', label: 'failed logins', get: (r) => r.authFail, fmt: count },
  { key: 'oddMethods', label: 'requests with unusual methods (not GET/HEAD/POST)', get: (r) => r.oddMethods, fmt: count },
  { key: 'dnsAvgBytes', label: 'mean size of DNS flows', average: true, get: (r) => r.dnsAvgBytes, fmt: bytes },
];

function median(xs: number[]): number {
  // a typed array sorts numerically in native code: ~10x a comparator sort over a million sources
  const s = Float64Array.from(xs).sort();
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Robust z of each value: 0.6745 (x - median) / MAD; null when the feature has no spread or no value. */
export function robustZ(all: (number | null)[]): { z: (number | null)[]; median: number; mad: number } {
  const values = all.filter((v): v is number => v != null);
  const med = median(values);
  const mad = median(values.map((v) => Math.abs(v - med)));
  if (mad > 0) return { z: all.map((v) => (v == null ? null : (0.6745 * (v - med)) / mad)), median: med, mad };
  // more than half the values are equal: fall back to the mean absolute deviation (IBM's modified z)
  const meanAd = values.reduce((s, v) => s + Math.abs(v - med), 0) / Math.max(1, values.length);
  return { z: all.map((v) => (v != null && meanAd > 0 ? (v - med) / (1.253314 * meanAd) : null)), median: med, mad };
}

export const outliers: DetectorDef = {
  name: 'outliers',
  title: 'Statistical outliers',
  description:
    'For each source computes events, bytes, distinct destinations, ports and paths, errors and failed logins, takes log(1 + x) and a robust z-score against all sources (median and median absolute deviation, so the outliers themselves do not hide in the average). Sources far above the rest on some feature are listed as informational leads, the most extreme first.',
  settings: [
    { key: 'minZ', default: 5, description: 'robust z-score (log scale) a feature must exceed' },
    { key: 'minSources', default: 20, description: 'sources needed before statistics mean anything' },
    { key: 'minEvents', default: 20, description: 'events a source needs to be considered' },
    { key: 'maxFindings', default: 10, description: 'most extreme sources reported' },
  ],
  needs: ['profile'],
  incremental: false,
  detect(ctx) {
    const rows = ctx.agg.profile;
    if (rows.length < ctx.num('minSources')) return [];
    const minZ = ctx.num('minZ');
    const per = FEATURES.map((f) => ({ f, ...robustZ(rows.map((r) => { const v = f.get(r); return v == null ? null : Math.log1p(v); })) }));
    const cands: { r: ProfileRow; worst: { label: string; volume: boolean; z: number; value: string; median: string }[]; top: number }[] = [];
    rows.forEach((r, i) => {
      if (r.events < ctx.num('minEvents')) return;
      if (ctx.crawler(r.ip)?.verdict === 'verified') return;
      const worst = per
        .map((p) => ({ label: p.f.label, volume: p.f.volume === true, factor: p.f.average ? 3 : 10, z: p.z[i] ?? 0, raw: p.f.get(r) ?? 0, med: Math.expm1(p.median), value: p.f.fmt(p.f.get(r) ?? 0), median: p.f.fmt(Math.round(Math.expm1(p.median))) }))
        // far out on the log scale AND several times the median in plain numbers (tiny counts over a zero median are noise)
        .filter((x) => x.z >= minZ && x.raw >= x.factor * Math.max(1, x.med))
        .sort((a, b) => b.z - a.z);
      if (worst.some((x) => !x.volume)) cands.push({ r, worst, top: worst[0]!.z });
    });
    cands.sort((a, b) => b.top - a.top);
    const out: DraftFinding[] = [];
    for (const c of cands.slice(0, ctx.num('maxFindings'))) {
      const w = c.worst[0]!;
      out.push({
        detector: 'outliers',
        severity: c.worst.filter((x) => !x.volume).length >= 3 ? 'low' : 'info',
        entity: c.r.ip,
        entityType: 'ip',
        title: `Outlier: ${c.r.ip} has unusual ${w.label} (z = ${w.z.toFixed(1)})`,
        explanation:
          `Compared with all ${count(rows.length)} sources, ${c.r.ip} (${ipScope(c.r.ip)}) stands out on ${c.worst.map((x) => `${x.label}: ${x.value} against a median of ${x.median} (z = ${x.z.toFixed(1)})`).join('; ')}. ` +
          `Robust z-scores use the median and median absolute deviation on a log scale; the threshold is z > ${minZ} (outliers.minZ). ` +
          `Unusual is not malicious: servers, proxies and heavy users stand out too. Use this as a lead and look at the other findings for the same address.`,
        numbers: Object.fromEntries([...c.worst.map((x) => [`z_${x.label}`, Math.round(x.z * 10) / 10]), ['events', c.r.events]]),
        threshold: { metric: `robust z of ${w.label}`, value: Math.round(w.z * 10) / 10, threshold: minZ, setting: 'outliers.minZ' },
        windowMs: null,
        firstSeen: c.r.first,
        lastSeen: c.r.last,
        query: `src_ip:${qv(c.r.ip)}`,
        score: Math.min(1, c.top / (4 * minZ)),
      });
    }
    return out;
  },
};
