// Explorer paging over `events`: keyset pagination (never OFFSET) by any sortable column with `id`
// as tie-breaker, the query language, and a total that never blocks (counting stops at a cap).
// NULLs sort first ascending and last descending (SQLite's order), handled as separate segments so
// every page is an index range scan.
import { z } from 'zod';
import { EVENT_COLUMNS, type EventRow } from '../../shared/columns';
import type { CountEstimate, ExplorePage, SortColumn } from '../../shared/api';
import { LoupeError } from '../errors';
import type { Db } from '../store/case';
import { compileQuery, parseQuery } from '../store/query';
import { readyFtsTable } from './fts';

export const DEFAULT_PAGE = 200;
/** the page's total stops counting here; `explore/count` gives the exact number */
export const COUNT_CAP = 50_000;

export interface PageArgs {
  query: string;
  sort?: SortColumn;
  dir?: 'asc' | 'desc';
  after?: string;
  limit?: number;
}

const ROW_COLUMNS = ['id', 'source_id', 'line_no', 'byte_offset', 'byte_len', ...EVENT_COLUMNS.map((c) => c.name)].map((c) => `"${c}"`).join(', ');

const cursorSchema = z.object({ s: z.string(), d: z.enum(['asc', 'desc']), v: z.union([z.string(), z.number(), z.null()]), i: z.number().int() });
type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

export function decodeCursor(s: string, sort: string, dir: 'asc' | 'desc'): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    throw new LoupeError('invalid_input', 'the page cursor is not valid; start again from the first page');
  }
  const r = cursorSchema.safeParse(parsed);
  if (!r.success || r.data.s !== sort || r.data.d !== dir) throw new LoupeError('invalid_input', 'the page cursor belongs to another sort order; start again from the first page');
  return r.data;
}

type Segment = 'nulls' | 'values';

/** The order in which a sort visits its segments. */
const segmentsFor = (sort: SortColumn, dir: 'asc' | 'desc'): Segment[] => (sort === 'id' ? ['values'] : dir === 'asc' ? ['nulls', 'values'] : ['values', 'nulls']);

/** Compiles the query once per connection state (FTS readiness can change between pages). */
function compile(db: Db, query: string): { where: string; params: (string | number)[]; freeText: ExplorePage['freeText'] } {
  const clauses = parseQuery(query);
  const hasText = clauses.some((c) => c.kind === 'text');
  const fts = hasText ? readyFtsTable(db) : null;
  const q = compileQuery(clauses, { ftsTable: fts });
  return { ...q, freeText: hasText ? (fts ? 'fts' : 'like') : 'none' };
}

/**
 * Reads explorer pages from one connection. Keeps a small cache of capped counts so scrolling
 * through a result does not recount it per page; the cache is keyed by the data's high-water mark.
 */
export class ExplorerReader {
  private readonly counts = new Map<string, CountEstimate>();

  constructor(private readonly db: Db) {}

  page(args: PageArgs): ExplorePage {
    const t0 = performance.now();
    const sort: SortColumn = args.sort ?? 'ts';
    const dir = args.dir ?? 'asc';
    const limit = Math.max(1, Math.min(2000, args.limit ?? DEFAULT_PAGE));
    const { where, params, freeText } = compile(this.db, args.query);
    const cur = args.after ? decodeCursor(args.after, sort, dir) : null;
    const segments = segmentsFor(sort, dir);
    // which segment the cursor is in, and where within it
    let segIndex = 0;
    if (cur && sort !== 'id') segIndex = segments.indexOf(cur.v === null ? 'nulls' : 'values');
    const rows: EventRow[] = [];
    const col = `"${sort}"`;
    const op = dir === 'asc' ? '>' : '<';
    const ord = dir === 'asc' ? 'ASC' : 'DESC';
    // one extra row tells whether there is a next page
    for (let i = segIndex; i < segments.length && rows.length <= limit; i++) {
      const seg = segments[i]!;
      const conds: string[] = [`(${where})`];
      const p: (string | number)[] = [...params];
      const fromCursor = cur && i === segIndex;
      let order: string;
      if (sort === 'id') {
        if (fromCursor) {
          conds.push(`id ${op} ?`);
          p.push(cur.i);
        }
        order = `id ${ord}`;
      } else if (seg === 'nulls') {
        conds.push(`${col} IS NULL`);
        if (fromCursor) {
          conds.push(`id ${op} ?`);
          p.push(cur.i);
        }
        order = `id ${ord}`;
      } else {
        conds.push(`${col} IS NOT NULL`);
        if (fromCursor && cur.v !== null) {
          conds.push(`(${col}, id) ${op} (?, ?)`);
          p.push(cur.v, cur.i);
        }
        order = `${col} ${ord}, id ${ord}`;
      }
      const sql = `SELECT ${ROW_COLUMNS} FROM events WHERE ${conds.join(' AND ')} ORDER BY ${order} LIMIT ?`;
      p.push(limit + 1 - rows.length);
      rows.push(...(this.db.prepare(sql).all(...p) as EventRow[]));
    }
    const hasMore = rows.length > limit;
    if (hasMore) rows.length = limit;
    const last = rows[rows.length - 1];
    const next = hasMore && last ? encodeCursor({ s: sort, d: dir, v: sort === 'id' ? last.id : ((last as Record<string, string | number | null>)[sort] ?? null), i: last.id }) : null;
    const total: CountEstimate = !cur && !hasMore ? { count: rows.length, exact: true } : this.cappedCount(args.query, where, params);
    return { rows, next, total, freeText, tookMs: Math.round((performance.now() - t0) * 10) / 10 };
  }

  /** Exact count (may scan): run it off the event loop. */
  count(query: string): CountEstimate {
    const { where, params } = compile(this.db, query);
    const r = this.db.prepare(`SELECT count(*) AS n FROM events WHERE ${where}`).get(...params) as { n: number };
    return { count: r.n, exact: true };
  }

  private cappedCount(query: string, where: string, params: (string | number)[]): CountEstimate {
    const hw = (this.db.prepare('SELECT max(id) AS m FROM events').get() as { m: number | null }).m ?? 0;
    const key = `${hw}\u0000${query}`;
    const hit = this.counts.get(key);
    if (hit) return hit;
    let est: CountEstimate;
    if (query.trim() === '') {
      est = { count: (this.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n, exact: true };
    } else {
      const n = (this.db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE ${where} LIMIT ${COUNT_CAP + 1})`).get(...params) as { n: number }).n;
      est = n > COUNT_CAP ? { count: COUNT_CAP, exact: false } : { count: n, exact: true };
    }
    if (this.counts.size > 64) this.counts.clear();
    this.counts.set(key, est);
    return est;
  }
}
