// The explorer's small query language, compiled to a parameterised SQL WHERE
// clause over `events`. Used by the explorer, `report --filter` and finding
// evidence. Identifiers come only from the column list, never from input.
//
//   src_ip:1.2.3.4  status:>=400  path:*login*  -method:GET  port:22,3389
//   ts:2019-01-22T03:00..2019-01-22T04:00  ip:10.0.0.0/8  user:null  sqlmap "union select"
import { COLUMN_BY_NAME, type ColumnType } from '../../shared/columns';
import { LoupeError } from '../errors';

export type Clause =
  | { kind: 'field'; field: string; negate: boolean; value: string }
  | { kind: 'text'; negate: boolean; value: string };

const ALIASES: Record<string, string[]> = {
  ip: ['src_ip', 'dst_ip'],
  src: ['src_ip'],
  dst: ['dst_ip'],
  port: ['dst_port'],
  sport: ['src_port'],
  dport: ['dst_port'],
  ua: ['user_agent'],
  agent: ['user_agent'],
  time: ['ts'],
  source: ['source_id'],
  line: ['line_no'],
  id: ['id'],
};

const BOOKKEEPING: Record<string, ColumnType> = { id: 'int', source_id: 'int', line_no: 'int' };

/** Text columns searched by free text when no FTS index is available. */
export const FREE_TEXT_COLUMNS = ['path', 'query', 'user_agent', 'referrer', 'message', 'user', 'src_ip', 'dst_ip', 'host', 'method', 'category'] as const;

export function tokenize(input: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i]!)) i++;
    if (i >= input.length) break;
    let tok = '';
    while (i < input.length && !/\s/.test(input[i]!)) {
      if (input[i] === '"') {
        const end = input.indexOf('"', i + 1);
        if (end < 0) throw new LoupeError('invalid_input', 'unterminated quote in the query');
        tok += input.slice(i, end + 1);
        i = end + 1;
      } else tok += input[i++];
    }
    out.push(tok);
  }
  return out;
}

const unquote = (s: string): string => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s);

export function parseQuery(input: string): Clause[] {
  const clauses: Clause[] = [];
  for (let tok of tokenize(input)) {
    let negate = false;
    if (tok.startsWith('-') && tok.length > 1) {
      negate = true;
      tok = tok.slice(1);
    }
    const m = /^([a-z_]+):(.*)$/i.exec(tok);
    if (m && (COLUMN_BY_NAME.has(m[1]!.toLowerCase()) || ALIASES[m[1]!.toLowerCase()] || BOOKKEEPING[m[1]!.toLowerCase()])) {
      clauses.push({ kind: 'field', field: m[1]!.toLowerCase(), negate, value: unquote(m[2]!) });
    } else {
      clauses.push({ kind: 'text', negate, value: unquote(tok) });
    }
  }
  return clauses;
}

export interface CompiledQuery {
  where: string;
  params: (string | number)[];
}

export interface CompileOptions {
  /** name of a ready FTS5 table over events (rowid = events.id); free text uses LIKE without it */
  ftsTable?: string | null;
}

function columnType(col: string): ColumnType {
  const c = COLUMN_BY_NAME.get(col);
  if (c) return c.type;
  const b = BOOKKEEPING[col];
  if (b) return b;
  throw new LoupeError('invalid_input', `unknown field: ${col}`);
}

/** Parses a time written as epoch ms, ISO 8601 (zone-less = UTC) or a date. */
export function parseTimeValue(v: string): number {
  if (/^\d{11,}$/.test(v)) return Number(v);
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}${v.length <= 10 ? 'T00:00:00' : ''}Z`;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new LoupeError('invalid_input', `not a time: ${v} (use 2019-01-22T03:00 or epoch ms)`);
  return t;
}

function typed(col: string, v: string): string | number {
  const t = columnType(col);
  if (col === 'ts') return parseTimeValue(v);
  if (t === 'text') return v;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new LoupeError('invalid_input', `${col} expects a number, got "${v}"`);
  return n;
}

function fieldCondition(col: string, value: string, params: (string | number)[]): string {
  const q = `"${col}"`;
  if (value.toLowerCase() === 'null') return `${q} IS NULL`;
  if (value === '*') return `${q} IS NOT NULL`;
  const cmp = /^(>=|<=|>|<|!=|=)(.+)$/.exec(value);
  if (cmp) {
    params.push(typed(col, cmp[2]!));
    return `${q} ${cmp[1] === '!=' ? '<>' : cmp[1]} ?`;
  }
  const range = /^(.+?)\.\.(.+)$/.exec(value);
  if (range && (columnType(col) !== 'text' || col === 'ts')) {
    params.push(typed(col, range[1]!), typed(col, range[2]!));
    return `${q} BETWEEN ? AND ?`;
  }
  const cidr = /^(\d{1,3}(?:\.\d{1,3}){3})\/(8|16|24|32)$/.exec(value);
  if (cidr && (col === 'src_ip' || col === 'dst_ip')) {
    const keep = Number(cidr[2]) / 8;
    const prefix = cidr[1]!.split('.').slice(0, keep).join('.');
    if (keep === 4) {
      params.push(prefix);
      return `${q} = ?`;
    }
    params.push(`${prefix}.*`);
    return `${q} GLOB ?`;
  }
  if (value.includes(',') && !value.includes('*')) {
    const parts = value.split(',').filter((p) => p.length > 0);
    for (const p of parts) params.push(typed(col, p));
    return `${q} IN (${parts.map(() => '?').join(', ')})`;
  }
  if (value.includes('*') && columnType(col) === 'text') {
    params.push(value.replace(/[%_\\]/g, (c) => `\\${c}`).replace(/\*/g, '%'));
    return `${q} LIKE ? ESCAPE '\\'`;
  }
  params.push(typed(col, value));
  return `${q} = ?`;
}

function ftsPhrase(v: string): string {
  return `"${v.replace(/"/g, '""')}"`;
}

export function compileQuery(input: string | Clause[], opts: CompileOptions = {}): CompiledQuery {
  const clauses = typeof input === 'string' ? parseQuery(input) : input;
  const parts: string[] = [];
  const params: (string | number)[] = [];
  for (const c of clauses) {
    let sql: string;
    if (c.kind === 'field') {
      const cols = ALIASES[c.field] ?? [c.field];
      const conds = cols.map((col) => fieldCondition(col, c.value, params));
      sql = conds.length === 1 ? conds[0]! : `(${conds.join(' OR ')})`;
    } else if (opts.ftsTable) {
      params.push(ftsPhrase(c.value));
      sql = `id IN (SELECT rowid FROM ${opts.ftsTable} WHERE ${opts.ftsTable} MATCH ?)`;
    } else {
      const like = `%${c.value.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
      sql = `(${FREE_TEXT_COLUMNS.map((col) => {
        params.push(like);
        return `"${col}" LIKE ? ESCAPE '\\'`;
      }).join(' OR ')})`;
    }
    parts.push(c.negate ? `NOT COALESCE(${sql}, 0)` : sql);
  }
  return { where: parts.length ? parts.join(' AND ') : '1', params };
}
