// Reading and featurising one id range of a case, in a worker thread. This is the documented
// exception to "workers never touch SQLite": each reader opens its own READ-ONLY connection
// (WAL allows it beside the writer), so reading + featurising runs on every core.
import Database from 'better-sqlite3';
import { N_FEATURES, ROW_COLUMNS, RowFeaturizer, featureIndex, isFailedLogin, type RowTuple } from './features';
import { hash52 } from './labels';

export interface ReadChunkTask {
  caseFile: string;
  fromId: number;
  /** exclusive */
  toId: number;
  /** restrict to one source */
  sourceId?: number;
  /** also return the seed method's raw inputs (hashes of ip, method, path, referrer, user agent) */
  withSeed: boolean;
  /** also read label and category (training) */
  withLabels?: boolean;
  /** rows expected (sizes the arrays; more rows are still read) */
  expected?: number;
}

/** Bits of ChunkData.flags, read by the context features. */
export const FLAG_ERROR = 1;
export const FLAG_404 = 2;
export const FLAG_AUTH_FAIL = 4;
export const FLAG_PAYLOAD = 8;

/** One featurised id range; every array has one entry per row, X has N_FEATURES per row. */
export interface ChunkData {
  n: number;
  ids: Float64Array;
  /** row-major features; the context columns (N_ROW..) are filled later on the main thread */
  X: Float32Array;
  ts: Float64Array;
  ipKey: Float64Array;
  pathKey: Float64Array;
  uaKey: Float64Array;
  dstKey: Float64Array;
  dstPort: Float64Array;
  bytes: Float64Array;
  flags: Uint8Array;
  /** index into labelDict / categoryDict, -1 for NULL */
  label: Int32Array;
  category: Int32Array;
  labelDict: string[];
  categoryDict: string[];
  /** seed method inputs: hashes of method, path+query, referrer (ip and ua hashes are above) */
  seedMethod: Float64Array | null;
  seedPath: Float64Array | null;
  seedRef: Float64Array | null;
}

// Training reads every column; scoring leaves out what it does not use (labels, and the
// referrer's text: only its presence is a feature), since building JS strings is most of a read.
const SQL_ALL = `SELECT ${ROW_COLUMNS.join(', ')} FROM events WHERE id >= ? AND id < ?`;
const SQL_SCORE = `SELECT ${ROW_COLUMNS.map((c) =>
  c === 'label' || c === 'category' ? `NULL AS ${c}` : c === 'referrer' ? "CASE WHEN referrer IS NULL THEN NULL WHEN referrer IN ('', '-') THEN '' ELSE 'r' END AS referrer" : c,
).join(', ')} FROM events WHERE id >= ? AND id < ?`;

export function readChunk(task: ReadChunkTask): ChunkData {
  const db = new Database(task.caseFile, { readonly: true, fileMustExist: true });
  try {
    db.pragma('mmap_size = 268435456');
    db.pragma('cache_size = -32768');
    const base = task.withSeed || task.withLabels ? SQL_ALL : SQL_SCORE;
    const sql = task.sourceId === undefined ? base : `${base} AND source_id = ?`;
    const stmt = db.prepare(sql).raw(true);
    const params: number[] = task.sourceId === undefined ? [task.fromId, task.toId] : [task.fromId, task.toId, task.sourceId];
    // iterate, not all(): each row dies young, so 64k rows cost scavenges, not full collections
    return featurizeRows(stmt.iterate(...params) as Iterable<RowTuple>, task.withSeed, undefined, task.expected);
  } finally {
    db.close();
  }
}

const I_SQL = featureIndex('sql_tokens');
const I_SCRIPT = featureIndex('script_tokens');
const I_TRAV = featureIndex('traversal_tokens');
const I_CMD = featureIndex('cmd_tokens');
const I_LOGIN = featureIndex('login_path');

/** Featurises rows already in memory (used by the readers and by live scoring of small batches). */
export function featurizeRows(input: Iterable<RowTuple>, withSeed: boolean, featurizer = new RowFeaturizer(), expected?: number): ChunkData {
  const capacity = Array.isArray(input) ? input.length : Math.max(16, expected ?? 1024);
  let c = emptyChunk(capacity, withSeed);
  const labelIdx = new Map<string, number>();
  const catIdx = new Map<string, number>();
  const uaHashes = new Map<string, number>();
  const code = (v: string | null, dict: string[], idx: Map<string, number>): number => {
    if (v === null) return -1;
    let k = idx.get(v);
    if (k === undefined) {
      k = dict.length;
      dict.push(v);
      idx.set(v, k);
    }
    return k;
  };
  let i = 0;
  for (const r of input) {
    if (i === c.n) c = resizeChunk(c, c.n * 2);
    c.ids[i] = r[0];
    c.ts[i] = r[1] ?? NaN;
    const off = i * N_FEATURES;
    featurizer.row(r, c.X, off);
    const status = r[10];
    const path = r[8];
    c.ipKey[i] = r[2] === null ? NaN : hash52(r[2]);
    c.pathKey[i] = path === null ? NaN : hash52(path);
    const ua = r[16];
    if (ua === null) c.uaKey[i] = NaN;
    else {
      let h = uaHashes.get(ua);
      if (h === undefined) {
        h = hash52(ua);
        if (uaHashes.size < 50_000) uaHashes.set(ua, h);
      }
      c.uaKey[i] = h;
    }
    c.dstKey[i] = r[3] === null ? NaN : hash52(r[3]);
    c.dstPort[i] = r[5] ?? NaN;
    c.bytes[i] = r[11] ?? 0;
    let fl = 0;
    if (status !== null && status >= 400) fl |= FLAG_ERROR;
    if (status === 404) fl |= FLAG_404;
    if (isFailedLogin(r[17], status, c.X[off + I_LOGIN] === 1)) fl |= FLAG_AUTH_FAIL;
    if (c.X[off + I_SQL] + c.X[off + I_SCRIPT] + c.X[off + I_TRAV] + c.X[off + I_CMD] > 0) fl |= FLAG_PAYLOAD;
    c.flags[i] = fl;
    c.label[i] = code(r[18], c.labelDict, labelIdx);
    c.category[i] = code(r[19], c.categoryDict, catIdx);
    if (c.seedMethod && c.seedPath && c.seedRef) {
      c.seedMethod[i] = r[7] === null ? NaN : hash52(r[7]);
      c.seedPath[i] = path === null && r[9] === null ? NaN : hash52(r[9] ? `${path ?? ''}?${r[9]}` : (path ?? ''));
      c.seedRef[i] = r[15] === null ? NaN : hash52(r[15]);
    }
    i++;
  }
  return i === c.n ? c : resizeChunk(c, i);
}

function emptyChunk(n: number, withSeed: boolean): ChunkData {
  return {
    n,
    ids: new Float64Array(n),
    X: new Float32Array(n * N_FEATURES),
    ts: new Float64Array(n),
    ipKey: new Float64Array(n),
    pathKey: new Float64Array(n),
    uaKey: new Float64Array(n),
    dstKey: new Float64Array(n),
    dstPort: new Float64Array(n),
    bytes: new Float64Array(n),
    flags: new Uint8Array(n),
    label: new Int32Array(n),
    category: new Int32Array(n),
    labelDict: [],
    categoryDict: [],
    seedMethod: withSeed ? new Float64Array(n) : null,
    seedPath: withSeed ? new Float64Array(n) : null,
    seedRef: withSeed ? new Float64Array(n) : null,
  };
}

/** A copy of the chunk with room for n rows (grows, or trims to the rows actually read). */
function resizeChunk(c: ChunkData, n: number): ChunkData {
  const out = emptyChunk(n, c.seedMethod !== null);
  const m = Math.min(n, c.n);
  const copy = <T extends Float64Array | Float32Array | Uint8Array | Int32Array>(dst: T, src: T, per = 1): void => {
    dst.set(src.subarray(0, m * per));
  };
  copy(out.ids, c.ids);
  copy(out.X, c.X, N_FEATURES);
  copy(out.ts, c.ts);
  copy(out.ipKey, c.ipKey);
  copy(out.pathKey, c.pathKey);
  copy(out.uaKey, c.uaKey);
  copy(out.dstKey, c.dstKey);
  copy(out.dstPort, c.dstPort);
  copy(out.bytes, c.bytes);
  copy(out.flags, c.flags);
  copy(out.label, c.label);
  copy(out.category, c.category);
  if (out.seedMethod && out.seedPath && out.seedRef && c.seedMethod && c.seedPath && c.seedRef) {
    copy(out.seedMethod, c.seedMethod);
    copy(out.seedPath, c.seedPath);
    copy(out.seedRef, c.seedRef);
  }
  out.labelDict = c.labelDict;
  out.categoryDict = c.categoryDict;
  return out;
}

/** The buffers of a chunk, for Piscina.move (transferred, not copied). */
export function chunkTransferables(c: ChunkData): ArrayBufferLike[] {
  const arrays = [c.ids, c.X, c.ts, c.ipKey, c.pathKey, c.uaKey, c.dstKey, c.dstPort, c.bytes, c.flags, c.label, c.category, c.seedMethod, c.seedPath, c.seedRef];
  return arrays.filter((a): a is NonNullable<typeof a> => a !== null).map((a) => a.buffer);
}
