// Labels and splits: what counts as "normal" in a label column, how rows become classes,
// and the seeded train/test splits (by source IP, random rows, by time).

/** 52-bit string hash (two FNV-1a variants), exact in a double: stable keys across workers. */
export function hash52(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (h1 >>> 0) * 1048576 + ((h2 >>> 0) & 0xfffff);
}

const NEGATIVE = new Set([
  '0', 'false', 'no', 'n', 'f', 'normal', 'benign', 'not anomalous', 'not_anomalous', 'non-anomalous', 'none', 'legit', 'legitimate', 'clean',
  'background', 'good', 'ok', 'negative', '-', '---', 'benign traffic', 'normal traffic', 'not attack', 'no attack',
]);
/** Values that say "labeled, but we do not know" (CIDDS 'unknown'): left out of training and evaluation. */
const UNKNOWN = new Set(['', 'unknown', '?', 'unlabeled', 'unlabelled', 'null', 'nan', 'n/a']);
/** Positive values that carry no attack type (the category, if any, names it). */
const GENERIC_POSITIVE = new Set(['1', 'true', 'yes', 'y', 't', 'attack', 'attacker', 'anomalous', 'anomaly', 'malicious', 'bad', 'suspicious', 'victim', 'positive', 'malware', 'intrusion']);

export type LabelKind = 'negative' | 'positive' | 'unknown';

export function labelKind(value: string | null): LabelKind {
  if (value === null) return 'unknown';
  const v = value.trim().toLowerCase();
  if (UNKNOWN.has(v)) return 'unknown';
  return NEGATIVE.has(v) ? 'negative' : 'positive';
}

/**
 * The class name of a row: 'normal', the attack category, or 'attack' when the data says
 * "positive" without naming a type. null = unlabeled (not trained on, not evaluated).
 */
export function classOf(labelColumn: 'label' | 'category', label: string | null, category: string | null): string | null {
  if (labelColumn === 'category') {
    const k = labelKind(category);
    if (k === 'positive') return category!.trim();
    if (k === 'negative') return 'normal';
    const lk = labelKind(label);
    return lk === 'negative' ? 'normal' : lk === 'positive' ? 'attack' : null;
  }
  const k = labelKind(label);
  if (k === 'unknown') return null;
  if (k === 'negative') return 'normal';
  const catKind = labelKind(category);
  if (catKind === 'positive') return category!.trim();
  const v = label!.trim();
  return GENERIC_POSITIVE.has(v.toLowerCase()) ? 'attack' : v;
}

export type SplitKind = 'ip' | 'random' | 'time';
export const SPLITS: readonly SplitKind[] = ['ip', 'random', 'time'];
/** Share of rows (or IPs) held out for testing. */
export const TEST_FRACTION = 0.2;

/**
 * Marks test rows (1) vs training rows (0). 'ip': every IP is wholly on one side (decided by a
 * seeded hash of the IP, so no IP is on both sides; stratified over IPs with attack rows); 'random': a seeded hash of the event id;
 * 'time': the latest TEST_FRACTION of rows by time.
 */
export function splitRows(kind: SplitKind, seed: number, ids: Float64Array, ipKeys: Float64Array, ts: Float64Array, eligible: Uint8Array, positive?: Uint8Array): Uint8Array {
  const n = ids.length;
  const test = new Uint8Array(n);
  const cut = Math.floor(TEST_FRACTION * 0x100000000);
  const mix = (x: number): number => {
    let h = (Math.floor(x / 4294967296) ^ Math.imul(x >>> 0, 0x9e3779b1) ^ seed) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  if (kind === 'time') {
    const times: number[] = [];
    for (let i = 0; i < n; i++) if (eligible[i] && Number.isFinite(ts[i])) times.push(ts[i]);
    times.sort((a, b) => a - b);
    const t0 = times.length ? times[Math.floor(times.length * (1 - TEST_FRACTION))] : Infinity;
    for (let i = 0; i < n; i++) test[i] = Number.isFinite(ts[i]) ? (ts[i] >= t0 ? 1 : 0) : mix(ids[i]) < cut ? 1 : 0;
    return test;
  }
  // attack sources are few: hold out TEST_FRACTION of them (at least one) by seeded hash order,
  // so the test part always has attackers it never saw; other IPs go by hash
  const heldOut = new Set<number>();
  if (kind === 'ip' && positive) {
    const attackIps = new Set<number>();
    for (let i = 0; i < n; i++) if (positive[i] && Number.isFinite(ipKeys[i])) attackIps.add(ipKeys[i]);
    const ranked = [...attackIps].sort((a, b) => mix(a) - mix(b) || a - b);
    const k = ranked.length >= 2 ? Math.max(1, Math.round(ranked.length * TEST_FRACTION)) : 0;
    for (let j = 0; j < k; j++) heldOut.add(ranked[j]);
    for (const ip of ranked.slice(k)) heldOut.add(-ip - 1);
  }
  for (let i = 0; i < n; i++) {
    const ip = ipKeys[i];
    if (kind === 'ip' && Number.isFinite(ip)) {
      test[i] = heldOut.has(ip) ? 1 : heldOut.has(-ip - 1) ? 0 : mix(ip) < cut ? 1 : 0;
      continue;
    }
    test[i] = mix(ids[i] + 0.5 * 2 ** 52) < cut ? 1 : 0;
  }
  return test;
}
