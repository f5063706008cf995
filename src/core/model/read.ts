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

const SQL = `SELECT ${ROW_COLUMNS.join(', ')} FROM events WHERE id >= ? AND id < ?`;

export function readChunk(task: ReadChunkTask): ChunkData {
  const db = new Database(task.caseFile, { readonly: true, fileMustExist: true });
  try {
    db.pragma('mmap_size = 268435456');
    db.pragma('cache_size = -32768');
    const sql = task.sourceId === undefined ? SQL : `${SQL} AND source_id = ?`;
    const stmt = db.prepare(sql).raw(true);
    const params: number[] = task.sourceId === undefined ? [task.fromId, task.toId] : [task.fromId, task.toId, task.sourceId];
    const rows = stmt.all(...params) as RowTuple[];
    return featurizeRows(rows, task.withSeed);
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
export function featurizeRows(rows: readonly RowTuple[], withSeed: boolean, featurizer = new RowFeaturizer()): ChunkData {
  const n = rows.length;
  const X = new Float32Array(n * N_FEATURES);
  const ids = new Float64Array(n);
  const ts = new Float64Array(n);
  const ipKey = new Float64Array(n);
  const pathKey = new Float64Array(n);
  const uaKey = new Float64Array(n);
  const dstKey = new Float64Array(n);
  const dstPort = new Float64Array(n);
  const bytes = new Float64Array(n);
  const flags = new Uint8Array(n);
  const label = new Int32Array(n);
  const category = new Int32Array(n);
  const labelDict: string[] = [];
  const categoryDict: string[] = [];
  const labelIdx = new Map<string, number>();
  const catIdx = new Map<string, number>();
  const seedMethod = withSeed ? new Float64Array(n) : null;
  const seedPath = withSeed ? new Float64Array(n) : null;
  const seedRef = withSeed ? new Float64Array(n) : null;
  const uaHashes = new Map<string, number>();
  const code = (v: string | null, dict: string[], idx: Map<string, number>): number => {
    if (v === null) return -1;
    let c = idx.get(v);
    if (c === undefined) {
      c = dict.length;
      dict.push(v);
      idx.set(v, c);
    }
    return c;
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    ids[i] = r[0];
    ts[i] = r[1] ?? NaN;
    const off = i * N_FEATURES;
    featurizer.row(r, X, off);
    const status = r[10];
    const path = r[8];
    ipKey[i] = r[2] === null ? NaN : hash52(r[2]);
    pathKey[i] = path === null ? NaN : hash52(path);
    const ua = r[16];
    if (ua === null) uaKey[i] = NaN;
    else {
      let h = uaHashes.get(ua);
      if (h === undefined) {
        h = hash52(ua);
        if (uaHashes.size < 50_000) uaHashes.set(ua, h);
      }
      uaKey[i] = h;
    }
    dstKey[i] = r[3] === null ? NaN : hash52(r[3]);
    dstPort[i] = r[5] ?? NaN;
    bytes[i] = r[11] ?? 0;
    let fl = 0;
    if (status !== null && status >= 400) fl |= FLAG_ERROR;
    if (status === 404) fl |= FLAG_404;
    if (isFailedLogin(r[17], status, X[off + I_LOGIN] === 1)) fl |= FLAG_AUTH_FAIL;
    if (X[off + I_SQL] + X[off + I_SCRIPT] + X[off + I_TRAV] + X[off + I_CMD] > 0) fl |= FLAG_PAYLOAD;
    flags[i] = fl;
    label[i] = code(r[18], labelDict, labelIdx);
    category[i] = code(r[19], categoryDict, catIdx);
    if (seedMethod && seedPath && seedRef) {
      seedMethod[i] = r[7] === null ? NaN : hash52(r[7]);
      seedPath[i] = path === null && r[9] === null ? NaN : hash52(r[9] ? `${path ?? ''}?${r[9]}` : (path ?? ''));
      seedRef[i] = r[15] === null ? NaN : hash52(r[15]);
    }
  }
  return { n, ids, X, ts, ipKey, pathKey, uaKey, dstKey, dstPort, bytes, flags, label, category, labelDict, categoryDict, seedMethod, seedPath, seedRef };
}

/** The buffers of a chunk, for Piscina.move (transferred, not copied). */
export function chunkTransferables(c: ChunkData): ArrayBufferLike[] {
  const arrays = [c.ids, c.X, c.ts, c.ipKey, c.pathKey, c.uaKey, c.dstKey, c.dstPort, c.bytes, c.flags, c.label, c.category, c.seedMethod, c.seedPath, c.seedRef];
  return arrays.filter((a): a is NonNullable<typeof a> => a !== null).map((a) => a.buffer);
}
