// The seed notebook's method, reproduced as the baseline every evaluation prints beside Loupe's:
// frequency-ordered indexes of ip, method, path, referrer and user agent fitted on the training
// rows (unseen values -> one extra index, Spark's handleInvalid="keep"), plus status, size and
// unix time, fed to a 100-tree forest with Spark's defaults (depth 5, sqrt features, bootstrap).
import type { Dataset } from './dataset';
import { featureIndex, N_FEATURES } from './features';
import type { TreeParams } from './forest';
import { KeyTable } from './keys';

export const SEED_FEATURES = ['status', 'size', 'unix_time', 'ip_idx', 'method_idx', 'path_idx', 'referrer_idx', 'user_agent_idx'] as const;
export const N_SEED = SEED_FEATURES.length;

/**
 * Spark RandomForestClassifier defaults used by the notebook (it only raised maxBins to 1024;
 * we bin to 256 quantiles). Spark's bootstrap draws as many rows as the training set; here each
 * tree draws at most 250k, which changes nothing measurable for depth-5 trees and keeps the
 * baseline's 100 trees affordable on a laptop.
 */
export function seedTreeParams(nClasses: number, nTrain: number): TreeParams {
  return { nClasses, maxDepth: 5, minLeaf: 1, mtry: Math.ceil(Math.sqrt(N_SEED)), sampleSize: Math.min(nTrain, 250_000) };
}
export const SEED_TREES = 100;

/** Frequency-ordered index of each categorical column, fitted on training rows. */
export interface SeedIndexers {
  /** per column: the training values' ids, and each id's rank (0 = most frequent) */
  tables: KeyTable[];
  ranks: Int32Array[];
}

// NULL is one more value to index (Spark indexes it as a string too); hashes are never negative
const keyOf = (v: number): number => (v !== v ? -1 : v);

const CAT_COLUMNS = (ds: Dataset): Float64Array[] => {
  if (!ds.seedMethod || !ds.seedPath || !ds.seedRef) throw new Error('dataset was loaded without the seed method inputs');
  return [ds.ipKey, ds.seedMethod, ds.seedPath, ds.seedRef, ds.uaKey];
};

export function fitSeedIndexers(ds: Dataset, train: Uint8Array): SeedIndexers {
  const tables: KeyTable[] = [];
  const ranks = CAT_COLUMNS(ds).map((col) => {
    const table = new KeyTable();
    let counts = new Int32Array(1024);
    for (let i = 0; i < ds.n; i++) {
      if (!train[i]) continue;
      const id = table.intern(keyOf(col[i]));
      if (id === counts.length) {
        const grown = new Int32Array(counts.length * 2);
        grown.set(counts);
        counts = grown;
      }
      counts[id]++;
    }
    tables.push(table);
    return frequencyRanks(table, counts);
  });
  return { tables, ranks };
}

/**
 * Each id's rank: most frequent first, ties by key (Spark breaks ties alphabetically; the order
 * is equally arbitrary). Keys sorted natively, then a stable counting sort by count: no
 * comparator calls for the ~500k distinct paths of a 1M-row case.
 */
function frequencyRanks(table: KeyTable, counts: Int32Array): Int32Array {
  const n = table.size;
  const keys = new Float64Array(n);
  let maxCount = 0;
  for (let id = 0; id < n; id++) {
    keys[id] = table.key(id);
    if (counts[id] > maxCount) maxCount = counts[id];
  }
  keys.sort();
  // next[c]: the next rank for count c, counts descending
  const next = new Int32Array(maxCount + 2);
  for (let id = 0; id < n; id++) next[counts[id]]++;
  let r = 0;
  for (let c = maxCount; c >= 0; c--) {
    const k = next[c];
    next[c] = r;
    r += k;
  }
  const rank = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const id = table.get(keys[j]);
    rank[id] = next[counts[id]]++;
  }
  return rank;
}

/** The seed method's feature matrix (row-major, N_SEED per row, in a SharedArrayBuffer). */
export function seedMatrix(ds: Dataset, idx: SeedIndexers): Float32Array {
  const X = new Float32Array(new SharedArrayBuffer(Math.max(4, ds.n * N_SEED * 4)), 0, ds.n * N_SEED);
  const cols = CAT_COLUMNS(ds);
  const iStatus = featureIndex('status');
  const iSize = featureIndex('size_log');
  for (let i = 0; i < ds.n; i++) {
    const o = i * N_SEED;
    const status = ds.X[i * N_FEATURES + iStatus];
    X[o] = status < 0 ? 0 : status;
    const size = ds.X[i * N_FEATURES + iSize];
    X[o + 1] = size < 0 ? 0 : Math.expm1(size);
    X[o + 2] = Number.isFinite(ds.ts[i]) ? Math.floor(ds.ts[i] / 1000) : 0;
    for (let c = 0; c < cols.length; c++) {
      // values never seen in training share one extra index (Spark's handleInvalid="keep")
      const id = idx.tables[c].get(keyOf(cols[c][i]));
      X[o + 3 + c] = id < 0 ? idx.ranks[c].length : idx.ranks[c][id];
    }
  }
  return X;
}
