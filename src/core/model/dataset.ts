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
export function mergeChunks(chunks: readonly ChunkData[], withSeed: boolean): Dataset {
  const n = chunks.reduce((s, c) => s + c.n, 0);
  const ds = allocDataset(n, withSeed);
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
  const { n, X, ts, ipKey, flags, bytes } = ds;
  const C = N_ROW;
  // small dense ids instead of 52-bit hash keys: typed-array counters instead of Maps/Sets
  const ip = internKeys(ipKey);
  const path = internKeys(ds.pathKey);
  const ua = internKeys(ds.uaKey);
  const port = internKeys(ds.dstPort);
  const host = internKeys(ds.dstKey);
  const G = ip.count;
  const groupOf = ip.ids;
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
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = Number.isFinite(ts[i]) ? ts[i] : 0;
  // "seen in group g" stamps give distinct counts in one pass; winCount tracks paths in the window
  const pathStamp = new Int32Array(path.count).fill(-1);
  const uaStamp = new Int32Array(ua.count).fill(-1);
  const portStamp = new Int32Array(port.count).fill(-1);
  const hostStamp = new Int32Array(host.count).fill(-1);
  const winCount = new Int32Array(path.count);
  const vals = new Float32Array(CONTEXT_FEATURES.length);
  for (let g = 0; g < G; g++) {
    const s = start[g];
    const e = start[g + 1];
    const m = e - s;
    // rows come in id order, which is time order for most logs; sort only when it is not
    let sorted = true;
    for (let k = s + 1; k < e; k++)
      if (t[order[k]] < t[order[k - 1]]) {
        sorted = false;
        break;
      }
    if (!sorted) {
      const sub = Array.from(order.subarray(s, e)).sort((a, b) => t[a] - t[b] || a - b);
      order.set(sub, s);
    }
    let errors = 0;
    let n404 = 0;
    let fails = 0;
    let payloads = 0;
    let bytesSum = 0;
    let nPaths = 0;
    let nUas = 0;
    let nPorts = 0;
    let nHosts = 0;
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
      const p = path.ids[i];
      if (p >= 0 && pathStamp[p] !== g) {
        pathStamp[p] = g;
        nPaths++;
      }
      const u = ua.ids[i];
      if (u >= 0 && uaStamp[u] !== g) {
        uaStamp[u] = g;
        nUas++;
      }
      const po = port.ids[i];
      if (po >= 0 && portStamp[po] !== g) {
        portStamp[po] = g;
        nPorts++;
      }
      const h = host.ids[i];
      if (h >= 0 && hostStamp[h] !== g) {
        hostStamp[h] = g;
        nHosts++;
      }
      if (k > s) {
        const gap = (t[i] - t[order[k - 1]]) / 1000;
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
    vals[7] = Math.log1p(nPaths);
    vals[8] = nPaths / m;
    vals[10] = nUas;
    vals[11] = gaps >= 2 ? (gapMean > 0 ? Math.sqrt(gapVar) / gapMean : 0) : -1;
    vals[12] = gaps >= 1 ? Math.log1p(gapMean) : -1;
    vals[13] = payloads / m;
    vals[14] = Math.log1p(bytesSum);
    vals[15] = nPorts;
    vals[16] = nHosts;
    // sliding window [t - W, t + W] over the time-ordered rows of this source
    let lo = s;
    let hi = s;
    let wErr = 0;
    let wFail = 0;
    let wPaths = 0;
    for (let k = s; k < e; k++) {
      const tk = t[order[k]];
      while (hi < e && t[order[hi]] <= tk + WINDOW_MS) {
        const j = order[hi];
        if (flags[j] & FLAG_ERROR) wErr++;
        if (flags[j] & FLAG_AUTH_FAIL) wFail++;
        const p = path.ids[j];
        if (p >= 0 && winCount[p]++ === 0) wPaths++;
        hi++;
      }
      while (t[order[lo]] < tk - WINDOW_MS) {
        const j = order[lo];
        if (flags[j] & FLAG_ERROR) wErr--;
        if (flags[j] & FLAG_AUTH_FAIL) wFail--;
        const p = path.ids[j];
        if (p >= 0 && --winCount[p] === 0) wPaths--;
        lo++;
      }
      const w = hi - lo;
      vals[1] = Math.log1p(w);
      vals[3] = wErr / w;
      vals[6] = wFail;
      vals[9] = wPaths;
      X.set(vals, order[k] * N_FEATURES + C);
    }
    // leave the window counters at zero for the next source
    for (let k = lo; k < hi; k++) {
      const p = path.ids[order[k]];
      if (p >= 0) winCount[p] = 0;
    }
  }
}

/**
 * Dense ids 0..count-1 for the distinct values of a key column (NaN -> -1), with an
 * open-addressing table on typed arrays (Maps with 52-bit float keys box every key).
 */
export function internKeys(keys: Float64Array): { ids: Int32Array; count: number } {
  const n = keys.length;
  let cap = 1024;
  while (cap < n * 2) cap *= 2;
  const tKeys = new Float64Array(cap);
  const tIds = new Int32Array(cap).fill(-1);
  const ids = new Int32Array(n);
  const mask = cap - 1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k !== k) {
      ids[i] = -1;
      continue;
    }
    // mix the high and low 32 bits of the (integer-valued) key
    const lo = k >>> 0;
    const hi = Math.floor(k / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const id = tIds[h];
      if (id < 0) {
        tKeys[h] = k;
        tIds[h] = count;
        ids[i] = count++;
        break;
      }
      if (tKeys[h] === k) {
        ids[i] = id;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  return { ids, count };
}
