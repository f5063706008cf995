// Featurised rows in flat typed arrays (a whole case, or one reader's id range), and the
// per-source behaviour features computed over them.
import { CONTEXT_FEATURES, N_FEATURES, N_ROW } from './features';
import { internKeys } from './keys';

/** Bits of Dataset.flags, read by the context features. */
export const FLAG_ERROR = 1;
export const FLAG_404 = 2;
export const FLAG_AUTH_FAIL = 4;
export const FLAG_PAYLOAD = 8;

/** Rows in column arrays: one entry per row, X has N_FEATURES per row. */
export interface Dataset {
  n: number;
  ids: Float64Array;
  /** row-major features; the context columns (N_ROW..) are filled by computeContext */
  X: Float32Array;
  ts: Float64Array;
  ipKey: Float64Array;
  pathKey: Float64Array;
  uaKey: Float64Array;
  dstKey: Float64Array;
  dstPort: Float64Array;
  bytes: Float64Array;
  flags: Uint8Array;
  /** label and category per row as an index into labelDict / categoryDict, -1 for NULL */
  label: Int32Array;
  category: Int32Array;
  labelDict: string[];
  categoryDict: string[];
  /** seed method inputs: hashes of method, path+query, referrer (ip and ua hashes are above) */
  seedMethod: Float64Array | null;
  seedPath: Float64Array | null;
  seedRef: Float64Array | null;
}

type Column = Exclude<Dataset[keyof Dataset], number | string[] | null>;
const COLUMNS = ['ids', 'ts', 'ipKey', 'pathKey', 'uaKey', 'dstKey', 'dstPort', 'bytes', 'flags', 'label', 'category', 'seedMethod', 'seedPath', 'seedRef'] as const;

/**
 * An empty dataset of n rows. Shared (the default for a whole case): every array lives in a
 * SharedArrayBuffer, so the readers write their rows in place and tree workers read X, no copies.
 */
export function allocDataset(n: number, withSeed: boolean, shared = true): Dataset {
  const f64 = (): Float64Array => new Float64Array(shared ? new SharedArrayBuffer(n * 8) : new ArrayBuffer(n * 8));
  const codes = (): Int32Array => new Int32Array(shared ? new SharedArrayBuffer(n * 4) : new ArrayBuffer(n * 4)).fill(-1);
  return {
    n,
    ids: f64(),
    X: new Float32Array(shared ? new SharedArrayBuffer(n * N_FEATURES * 4) : new ArrayBuffer(n * N_FEATURES * 4)),
    ts: f64(),
    ipKey: f64(),
    pathKey: f64(),
    uaKey: f64(),
    dstKey: f64(),
    dstPort: f64(),
    bytes: f64(),
    flags: new Uint8Array(shared ? new SharedArrayBuffer(n) : new ArrayBuffer(n)),
    label: codes(),
    category: codes(),
    labelDict: [],
    categoryDict: [],
    seedMethod: withSeed ? f64() : null,
    seedPath: withSeed ? f64() : null,
    seedRef: withSeed ? f64() : null,
  };
}

/** Rows [off, off + n) of a dataset as a dataset of their own: views on the same memory, empty dictionaries. */
export function datasetView(ds: Dataset, off: number, n: number): Dataset {
  if (off + n > ds.n) throw new Error(`rows ${off}..${off + n} overflow a dataset of ${ds.n}`);
  const view = <T extends Column>(a: T): T => a.subarray(off, off + n) as T;
  return {
    ...ds,
    n,
    ids: view(ds.ids),
    X: ds.X.subarray(off * N_FEATURES, (off + n) * N_FEATURES),
    ts: view(ds.ts),
    ipKey: view(ds.ipKey),
    pathKey: view(ds.pathKey),
    uaKey: view(ds.uaKey),
    dstKey: view(ds.dstKey),
    dstPort: view(ds.dstPort),
    bytes: view(ds.bytes),
    flags: view(ds.flags),
    label: view(ds.label),
    category: view(ds.category),
    labelDict: [],
    categoryDict: [],
    seedMethod: ds.seedMethod && view(ds.seedMethod),
    seedPath: ds.seedPath && view(ds.seedPath),
    seedRef: ds.seedRef && view(ds.seedRef),
  };
}

/** The first n rows of `c` in a new dataset of `size` rows (grows a reader's buffer, or trims it). */
export function resizeDataset(c: Dataset, n: number, size: number): Dataset {
  const out = allocDataset(size, c.seedMethod !== null, false);
  putChunk(out, { ...c, n }, 0);
  return out;
}

/** The non-shared buffers of a dataset, for Piscina.move (transferred, not copied). */
export function transferables(ds: Dataset): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const a of [ds.X, ...COLUMNS.map((k) => ds[k])]) if (a && a.buffer instanceof ArrayBuffer) out.push(a.buffer);
  return out;
}

/**
 * Puts a chunk into the dataset at row offset `off`: copies its rows (unless `inPlace`: a reader
 * wrote them there through datasetView) and translates its label codes to the dataset's dictionaries.
 */
export function putChunk(ds: Dataset, c: Dataset, off: number, inPlace = false): void {
  if (off + c.n > ds.n) throw new Error(`chunk of ${c.n} rows at ${off} overflows a dataset of ${ds.n}`);
  if (!inPlace) {
    const n = c.n;
    ds.X.set(c.X.subarray(0, n * N_FEATURES), off * N_FEATURES);
    for (const k of COLUMNS) {
      const to: Column | null = ds[k];
      const from: Column | null = c[k];
      if (to && from && k !== 'label' && k !== 'category') to.set(from.subarray(0, n), off);
    }
  }
  putCodes(ds.label, ds.labelDict, c.label, c.labelDict, off, c.n);
  putCodes(ds.category, ds.categoryDict, c.category, c.categoryDict, off, c.n);
}

/** Copies n codes into the dataset's at `off` (in place is fine), translating the chunk's dictionary to the dataset's. */
function putCodes(dst: Int32Array, dstDict: string[], src: Int32Array, srcDict: readonly string[], off: number, n: number): void {
  const known = new Map(dstDict.map((v, k) => [v, k]));
  const remap = Int32Array.from(srcDict, (v) => known.get(v) ?? dstDict.push(v) - 1);
  for (let i = 0; i < n; i++) dst[off + i] = src[i] < 0 ? -1 : remap[src[i]];
}

/** Concatenates chunks (in id order) into one dataset. */
export function mergeChunks(chunks: readonly Dataset[], withSeed: boolean): Dataset {
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

export type ContextInput = Pick<Dataset, 'n' | 'X' | 'ts' | 'ipKey' | 'pathKey' | 'uaKey' | 'dstKey' | 'dstPort' | 'bytes' | 'flags'>;

/** The part of the work (0..parts-1) a source's rows belong to: all of a source in one part. */
export const contextPart = (ipKey: number, parts: number): number => ipKey % parts;

/**
 * Fills the CONTEXT_FEATURES columns of X: each row gets the behaviour of its source IP over
 * the whole case and within ±WINDOW_MS. Rows are grouped by IP with a counting sort (O(n)),
 * then each IP's rows are walked in time order with two pointers. With `parts` > 1 this call
 * handles only the sources of `part` (workers split a case this way; rows without an IP go
 * with part 0), writing only their rows of X.
 */
export function computeContext(ds: ContextInput, part = 0, parts = 1): void {
  const { n, X, ts, ipKey, flags, bytes } = ds;
  const C = N_ROW;
  const mine = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = ipKey[i];
    if (k === k) mine[i] = contextPart(k, parts) === part ? 1 : 0;
    else if (part === 0) X.fill(-1, i * N_FEATURES + C, i * N_FEATURES + C + CONTEXT_FEATURES.length);
  }
  // small dense ids instead of 52-bit hash keys: typed-array counters instead of Maps/Sets
  const ip = internKeys(ipKey, mine);
  const path = internKeys(ds.pathKey, mine);
  const ua = internKeys(ds.uaKey, mine);
  const port = internKeys(ds.dstPort, mine);
  const host = internKeys(ds.dstKey, mine);
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
