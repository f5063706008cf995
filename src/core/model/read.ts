// Reading and featurising one id range of a case, in a worker thread. This is the documented
// exception to "workers never touch SQLite": each reader opens its own READ-ONLY connection
// (WAL allows it beside the writer), so reading + featurising runs on every core.
import Database from 'better-sqlite3';
import { readPresentColumns } from '../store/columns';
import { rowsByIdSlices } from '../store/slices';
import { FLOW_COLUMNS, N_FEATURES, ROW_COLUMNS, RowFeaturizer, featureIndex, isFailedLogin, type RowTuple } from './features';
import { allocDataset, FLAG_404, FLAG_AUTH_FAIL, FLAG_ERROR, FLAG_PAYLOAD, resizeDataset, type Dataset } from './dataset';
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
  /** write the rows here (views of the case's shared dataset) instead of new arrays; must hold every row */
  into?: Dataset;
}

const FLOW_SQL = `CASE WHEN ${FLOW_COLUMNS.map((c) => `${c} IS NULL`).join(' AND ')} THEN NULL ELSE json_array(${FLOW_COLUMNS.join(', ')}) END AS flow`;
const REFERRER_SQL = "CASE WHEN referrer IS NULL THEN NULL WHEN referrer IN ('', '-') THEN '' ELSE 'r' END AS referrer";

/**
 * The reader's SELECT (readChunk adds the WHERE). Training reads every column; scoring leaves
 * out what it does not use (labels, and the referrer's text: only its presence is a feature),
 * since each value costs a read. Columns the case records as all NULL (src/core/store/columns.ts) are a constant NULL:
 * for a web log the flow columns' CASE alone was 9 % of the read.
 */
function selectSql(scoring: boolean, present: ReadonlySet<string> | null): string {
  const has = (c: string): boolean => present === null || present.has(c);
  // label and category come last in ROW_COLUMNS: scoring rows simply end before them (undefined)
  const cols = ROW_COLUMNS.filter((c) => !scoring || (c !== 'label' && c !== 'category')).map((c) => {
    if (c === 'flow') return FLOW_COLUMNS.some(has) ? FLOW_SQL : 'NULL AS flow';
    if (c === 'id' || has(c)) return c === 'referrer' && scoring ? REFERRER_SQL : c;
    return `NULL AS ${c}`;
  });
  return `SELECT ${cols.join(', ')} FROM events`;
}

export function readChunk(task: ReadChunkTask): Dataset {
  const db = new Database(task.caseFile, { readonly: true, fileMustExist: true });
  try {
    db.pragma('mmap_size = 268435456');
    db.pragma('cache_size = -32768');
    const base = selectSql(!(task.withSeed || task.withLabels), readPresentColumns(db));
    const sql = `${base} WHERE${task.sourceId === undefined ? '' : ' source_id = ? AND'} id >= ? AND id < ?`;
    const stmt = db.prepare(sql).raw(true);
    const params: number[] = task.sourceId === undefined ? [] : [task.sourceId];
    // small slices of ids, not one all() of 64k rows: each row dies young (scavenges, not full collections)
    return featurizeRows(rowsByIdSlices<RowTuple>(stmt, params, task.fromId, task.toId), task.withSeed, undefined, task.into ?? task.expected);
  } finally {
    db.close();
  }
}

const I_SQL = featureIndex('sql_tokens');
const I_SCRIPT = featureIndex('script_tokens');
const I_TRAV = featureIndex('traversal_tokens');
const I_CMD = featureIndex('cmd_tokens');
const I_LOGIN = featureIndex('login_path');

/**
 * Featurises rows (used by the readers and by live scoring of small batches). `target` is the
 * dataset view to fill in place (it must hold every row), or the expected row count.
 */
export function featurizeRows(input: Iterable<RowTuple>, withSeed: boolean, featurizer = new RowFeaturizer(), target?: Dataset | number): Dataset {
  const fixed = typeof target === 'object' ? target : null;
  const capacity = fixed ? fixed.n : Array.isArray(input) ? input.length : Math.max(16, typeof target === 'number' ? target : 1024);
  let c = fixed ?? allocDataset(capacity, withSeed, false);
  const labelIdx = new Map<string, number>();
  const catIdx = new Map<string, number>();
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
    if (i === c.n) {
      if (fixed) throw new Error(`more than the ${fixed.n} rows expected in this id range`);
      c = resizeDataset(c, i, c.n * 2);
    }
    c.ids[i] = r[0];
    c.ts[i] = r[1] ?? NaN;
    const off = i * N_FEATURES;
    const X = c.X;
    featurizer.row(r, X, off);
    const flow = featurizer.flow;
    const status = r[6];
    c.ipKey[i] = r[2] === null ? NaN : hash52(r[2]);
    c.pathKey[i] = featurizer.pathKey;
    c.uaKey[i] = featurizer.uaKey;
    c.dstKey[i] = flow === null || flow[0] === null ? NaN : hash52(flow[0]);
    c.dstPort[i] = flow?.[2] ?? NaN;
    c.bytes[i] = r[7] ?? 0;
    let fl = 0;
    if (status !== null && status >= 400) fl |= FLAG_ERROR;
    if (status === 404) fl |= FLAG_404;
    if (isFailedLogin(flow?.[6] ?? null, status, X[off + I_LOGIN] === 1)) fl |= FLAG_AUTH_FAIL;
    if (X[off + I_SQL] + X[off + I_SCRIPT] + X[off + I_TRAV] + X[off + I_CMD] > 0) fl |= FLAG_PAYLOAD;
    c.flags[i] = fl;
    c.label[i] = code(r[12] ?? null, c.labelDict, labelIdx);
    c.category[i] = code(r[13] ?? null, c.categoryDict, catIdx);
    if (c.seedMethod && c.seedPath && c.seedRef) {
      c.seedMethod[i] = r[3] === null ? NaN : hash52(r[3]);
      c.seedPath[i] = featurizer.requestKey;
      c.seedRef[i] = r[9] === null ? NaN : hash52(r[9]);
    }
    i++;
  }
  if (i === c.n) return c;
  return fixed ? { ...c, n: i } : resizeDataset(c, i, i);
}
