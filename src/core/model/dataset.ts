// A whole case's featurised rows in flat typed arrays (merged from the readers' chunks), and the
// per-source behaviour features computed over it.
import { CONTEXT_FEATURES, N_FEATURES, N_ROW } from './features';
import { FLAG_404, FLAG_AUTH_FAIL, FLAG_ERROR, FLAG_PAYLOAD, type ChunkData } from './read';

export interface Dataset {
  n: number;
  ids: Float64Array;
  /** row-major, N_FEATURES per row (shared so tree workers can bin it without a copy) */
  X: Float32Array;
  ts: Float64Array;
  ipKey: Float64Array;
  pathKey: Float64Array;
  uaKey: Float64Array;
  dstKey: Float64Array;
  dstPort: Float64Array;
  bytes: Float64Array;
  flags: Uint8Array;
  label: (string | null)[];
  category: (string | null)[];
  seedMethod: Float64Array | null;
  seedPath: Float64Array | null;
  seedRef: Float64Array | null;
}

/** An empty dataset of n rows; X lives in a SharedArrayBuffer so workers read it without a copy. */
export function allocDataset(n: number, withSeed: boolean): Dataset {
  const X = new Float32Array(new SharedArrayBuffer(Math.max(4, n * N_FEATURES * 4)), 0, n * N_FEATURES);
  return {
    n,
    ids: new Float64Array(n),
    X,
    ts: new Float64Array(n),
    ipKey: new Float64Array(n),
    pathKey: new Float64Array(n),
    uaKey: new Float64Array(n),
    dstKey: new Float64Array(n),
    dstPort: new Float64Array(n),
    bytes: new Float64Array(n),
    flags: new Uint8Array(n),
    label: new Array<string | null>(n).fill(null),
    category: new Array<string | null>(n).fill(null),
    seedMethod: withSeed ? new Float64Array(n) : null,
    seedPath: withSeed ? new Float64Array(n) : null,
    seedRef: withSeed ? new Float64Array(n) : null,
  };
}

/** Copies one chunk into the dataset at row offset `off`. */
export function putChunk(ds: Dataset, c: ChunkData, off: number): void {
  if (off + c.n > ds.n) throw new Error(`chunk of ${c.n} rows at ${off} overflows a dataset of ${ds.n}`);
  ds.ids.set(c.ids, off);
  ds.X.set(c.X, off * N_FEATURES);
  ds.ts.set(c.ts, off);
  ds.ipKey.set(c.ipKey, off);
  ds.pathKey.set(c.pathKey, off);
  ds.uaKey.set(c.uaKey, off);
  ds.dstKey.set(c.dstKey, off);
  ds.dstPort.set(c.dstPort, off);
  ds.bytes.set(c.bytes, off);
  ds.flags.set(c.flags, off);
  for (let i = 0; i < c.n; i++) {
    ds.label[off + i] = c.label[i] < 0 ? null : c.labelDict[c.label[i]];
    ds.category[off + i] = c.category[i] < 0 ? null : c.categoryDict[c.category[i]];
  }
  if (ds.seedMethod && ds.seedPath && ds.seedRef && c.seedMethod && c.seedPath && c.seedRef) {
    ds.seedMethod.set(c.seedMethod, off);
    ds.seedPath.set(c.seedPath, off);
    ds.seedRef.set(c.seedRef, off);
  }
}

/** Concatenates chunks (in id order) into one dataset. */
export function mergeChunks(chunks: readonly ChunkData[]): Dataset {
  const n = chunks.reduce((s, c) => s + c.n, 0);
  const ds = allocDataset(n, chunks.length > 0 && chunks.every((c) => c.seedMethod !== null));
  let off = 0;
  for (const c of chunks) {
    putChunk(ds, c, off);
    off += c.n;
  }
  return ds;
}

/** Half-width of the sliding window of the windowed source features. */
export const WINDOW_MS = 150_000;

/**
 * Fills the CONTEXT_FEATURES columns of X: each row gets the behaviour of its source IP over
 * the whole case and within ±WINDOW_MS. Rows are grouped by IP with a counting sort (O(n)),
 * then each IP's rows are walked in time order with two pointers.
 */
export function computeContext(ds: Pick<Dataset, 'n' | 'X' | 'ts' | 'ipKey' | 'pathKey' | 'uaKey' | 'dstKey' | 'dstPort' | 'bytes' | 'flags'>): void {
  const { n, X, ts, ipKey, pathKey, uaKey, dstKey, dstPort, bytes, flags } = ds;
  const C = N_ROW;
  const groupOf = new Int32Array(n);
  const groupIds = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = ipKey[i];
    if (Number.isNaN(k)) {
      groupOf[i] = -1;
      continue;
    }
    let g = groupIds.get(k);
    if (g === undefined) {
      g = groupIds.size;
      groupIds.set(k, g);
    }
    groupOf[i] = g;
  }
  const G = groupIds.size;
  const start = new Int32Array(G + 1);
  for (let i = 0; i < n; i++) if (groupOf[i] >= 0) start[groupOf[i] + 1]++;
  for (let g = 0; g < G; g++) start[g + 1] += start[g];
  const order = new Int32Array(start[G]);
  const fill = start.slice(0, G);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i];
    if (g >= 0) order[fill[g]++] = i;
  }
  for (let i = 0; i < n; i++) {
    if (groupOf[i] >= 0) continue;
    for (let f = 0; f < CONTEXT_FEATURES.length; f++) X[i * N_FEATURES + C + f] = -1;
  }
  const tsOf = (i: number): number => (Number.isFinite(ts[i]) ? ts[i] : 0);
  const pathSet = new Set<number>();
  const uaSet = new Set<number>();
  const portSet = new Set<number>();
  const hostSet = new Set<number>();
  const winPaths = new Map<number, number>();
  const vals = new Float32Array(CONTEXT_FEATURES.length);
  for (let g = 0; g < G; g++) {
    const s = start[g];
    const e = start[g + 1];
    const m = e - s;
    // rows come in id order, which is time order for most logs; sort only when it is not
    let sorted = true;
    for (let k = s + 1; k < e; k++) if (tsOf(order[k]) < tsOf(order[k - 1])) {
      sorted = false;
      break;
    }
    if (!sorted) {
      const sub = Array.from(order.subarray(s, e)).sort((a, b) => tsOf(a) - tsOf(b) || a - b);
      order.set(sub, s);
    }
    let errors = 0;
    let n404 = 0;
    let fails = 0;
    let payloads = 0;
    let bytesSum = 0;
    pathSet.clear();
    uaSet.clear();
    portSet.clear();
    hostSet.clear();
    let gapSum = 0;
    let gapSq = 0;
    for (let k = s; k < e; k++) {
      const i = order[k];
      const fl = flags[i];
      if (fl & FLAG_ERROR) errors++;
      if (fl & FLAG_404) n404++;
      if (fl & FLAG_AUTH_FAIL) fails++;
      if (fl & FLAG_PAYLOAD) payloads++;
      bytesSum += bytes[i];
      if (!Number.isNaN(pathKey[i])) pathSet.add(pathKey[i]);
      if (!Number.isNaN(uaKey[i])) uaSet.add(uaKey[i]);
      if (!Number.isNaN(dstPort[i])) portSet.add(dstPort[i]);
      if (!Number.isNaN(dstKey[i])) hostSet.add(dstKey[i]);
      if (k > s) {
        const gap = (tsOf(i) - tsOf(order[k - 1])) / 1000;
        gapSum += gap;
        gapSq += gap * gap;
      }
    }
    const gaps = m - 1;
    const gapMean = gaps > 0 ? gapSum / gaps : -1;
    const gapVar = gaps > 0 ? Math.max(0, gapSq / gaps - gapMean * gapMean) : 0;
    vals[0] = Math.log1p(m);
    vals[2] = errors / m;
    vals[4] = n404 / m;
    vals[5] = Math.log1p(fails);
    vals[7] = Math.log1p(pathSet.size);
    vals[8] = pathSet.size / m;
    vals[10] = uaSet.size;
    vals[11] = gaps >= 2 ? (gapMean > 0 ? Math.sqrt(gapVar) / gapMean : 0) : -1;
    vals[12] = gaps >= 1 ? Math.log1p(gapMean) : -1;
    vals[13] = payloads / m;
    vals[14] = Math.log1p(bytesSum);
    vals[15] = portSet.size;
    vals[16] = hostSet.size;
    // sliding window [t - W, t + W] over the time-ordered rows of this source
    winPaths.clear();
    let lo = s;
    let hi = s;
    let wErr = 0;
    let wFail = 0;
    for (let k = s; k < e; k++) {
      const t = tsOf(order[k]);
      while (hi < e && tsOf(order[hi]) <= t + WINDOW_MS) {
        const j = order[hi];
        if (flags[j] & FLAG_ERROR) wErr++;
        if (flags[j] & FLAG_AUTH_FAIL) wFail++;
        const p = pathKey[j];
        if (!Number.isNaN(p)) winPaths.set(p, (winPaths.get(p) ?? 0) + 1);
        hi++;
      }
      while (tsOf(order[lo]) < t - WINDOW_MS) {
        const j = order[lo];
        if (flags[j] & FLAG_ERROR) wErr--;
        if (flags[j] & FLAG_AUTH_FAIL) wFail--;
        const p = pathKey[j];
        if (!Number.isNaN(p)) {
          const c = winPaths.get(p)! - 1;
          if (c === 0) winPaths.delete(p);
          else winPaths.set(p, c);
        }
        lo++;
      }
      const w = hi - lo;
      vals[1] = Math.log1p(w);
      vals[3] = wErr / w;
      vals[6] = wFail;
      vals[9] = winPaths.size;
      X.set(vals, order[k] * N_FEATURES + C);
    }
  }
}
