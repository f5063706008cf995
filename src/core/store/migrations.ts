// Numbered schema migrations of the case file. Applied in order inside one
// transaction each; a case whose version is newer than this build is refused.
import type Database from 'better-sqlite3';
import { EVENT_COLUMNS } from '../../shared/columns';

const sqlType = { int: 'INTEGER', real: 'REAL', text: 'TEXT' } as const;

const eventColumnsSql = EVENT_COLUMNS.map((c) => `  ${c.name} ${sqlType[c.type]}`).join(',\n');

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  sha256 TEXT,
  bytes INTEGER NOT NULL DEFAULT 0,
  mtime INTEGER,
  format TEXT NOT NULL,
  mapping TEXT,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  timezone_source TEXT NOT NULL DEFAULT 'default',
  year INTEGER,
  year_source TEXT,
  gzip INTEGER NOT NULL DEFAULT 0,
  parser_version TEXT NOT NULL,
  options TEXT,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  records INTEGER NOT NULL DEFAULT 0,
  events INTEGER NOT NULL DEFAULT 0,
  quarantined INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  status_detail TEXT,
  min_ts INTEGER,
  max_ts INTEGER,
  cleaning TEXT,
  -- resume/follow bookkeeping: bytes of the (decompressed) input consumed so far
  read_offset INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sources_sha ON sources(sha256);

-- byte_offset/byte_len locate the original line in the (decompressed) source; raw is set
-- only for sources that cannot be re-read (stdin, sockets).
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  byte_offset INTEGER,
  byte_len INTEGER,
${eventColumnsSql},
  raw BLOB
);

CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  byte_offset INTEGER NOT NULL,
  raw BLOB NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX quarantine_source ON quarantine(source_id, line_no);

CREATE TABLE stats (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);

CREATE TABLE findings (
  id TEXT PRIMARY KEY,
  detector TEXT NOT NULL,
  severity TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  title TEXT NOT NULL,
  explanation TEXT NOT NULL,
  numbers TEXT NOT NULL,
  threshold TEXT,
  window_ms INTEGER,
  first_seen INTEGER,
  last_seen INTEGER,
  evidence_query TEXT NOT NULL,
  evidence_count INTEGER NOT NULL,
  sample_ids TEXT NOT NULL,
  score REAL NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'open',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX findings_entity ON findings(entity);

-- analyst annotations on events ('event', id) and findings ('finding', id)
CREATE TABLE tags (
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  tag TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (target_type, target_id, tag)
) WITHOUT ROWID;
CREATE TABLE notes (
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  text TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (target_type, target_id)
) WITHOUT ROWID;

CREATE TABLE models (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  label_column TEXT,
  settings TEXT NOT NULL,
  features TEXT NOT NULL,
  training_sources TEXT NOT NULL,
  metrics TEXT NOT NULL,
  blob BLOB NOT NULL
);

CREATE TABLE scores (
  model_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  score REAL NOT NULL,
  PRIMARY KEY (model_id, event_id)
) WITHOUT ROWID;
CREATE TABLE entity_scores (
  model_id INTEGER NOT NULL,
  entity TEXT NOT NULL,
  score REAL NOT NULL,
  drivers TEXT NOT NULL,
  PRIMARY KEY (model_id, entity)
) WITHOUT ROWID;

-- append-only: updates and deletes are refused by triggers
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
`,
  },
  {
    version: 5,
    name: 'explorer full-text index',
    // External-content FTS5 over the free-text columns (no copy of the text; rowid = events.id),
    // filled in batches by the FTS worker; fts_state remembers how far it got so a build resumes
    // and rows appended later (follow, new sources) are indexed incrementally.
    sql: `
CREATE VIRTUAL TABLE events_fts USING fts5(
  path, query, user_agent, referrer, message, "user", src_ip, dst_ip, host, method, category,
  content='events', content_rowid='id', tokenize='unicode61 remove_diacritics 0'
);
CREATE TABLE fts_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_upto INTEGER NOT NULL,
  updated_at INTEGER
);
INSERT INTO fts_state(id, indexed_upto, updated_at) VALUES (1, 0, NULL);
`,
  },
];

/**
 * Indexes on events. A bulk load creates most of them once at the end (a sort is far cheaper than
 * B-tree inserts all over the index), but an index whose keys arrive in order costs next to
 * nothing to keep as rows are written, and building it afterwards costs another full read of the
 * table: `append` marks those. Line order follows the file and source ids only grow ('always');
 * time order holds within one file, not between two that overlap ('first-source': kept only
 * while the first source of a fresh case is written). Measured on 2M access lines,
 * keeping `status` or an all-NULL `dst_port` up to date cost 1.5 to 13 s of writes for the ~1 s
 * each takes to build at the end, so they stay deferred. `column` is the leading column: an index
 * is only built once that column holds a value (see createEventIndexes).
 */
export const EVENT_INDEXES: readonly { name: string; sql: string; column: string; append: 'always' | 'first-source' | null }[] = [
  { name: 'events_ts', sql: 'CREATE INDEX IF NOT EXISTS events_ts ON events(ts)', column: 'ts', append: 'first-source' },
  { name: 'events_src', sql: 'CREATE INDEX IF NOT EXISTS events_src ON events(src_ip, ts)', column: 'src_ip', append: null },
  { name: 'events_dst', sql: 'CREATE INDEX IF NOT EXISTS events_dst ON events(dst_ip, dst_port)', column: 'dst_ip', append: null },
  { name: 'events_dport', sql: 'CREATE INDEX IF NOT EXISTS events_dport ON events(dst_port)', column: 'dst_port', append: null },
  { name: 'events_status', sql: 'CREATE INDEX IF NOT EXISTS events_status ON events(status)', column: 'status', append: null },
  { name: 'events_source_line', sql: 'CREATE INDEX IF NOT EXISTS events_source_line ON events(source_id, line_no)', column: 'source_id', append: 'always' },
];

/**
 * Creates the missing indexes of `indexes` whose leading column holds at least one value. An index
 * over nothing but NULLs (destination ports in a web log, statuses in a flow log) answers no query
 * and costs a sort of the whole table: about 1 s per 2M rows each. It is built by the first later
 * call that finds a value there. `known` names columns the caller saw values in (no need to look);
 * with `probe` false the caller vouches that no other column has one (a fresh case it wrote alone).
 */
export function createEventIndexes(db: Database.Database, indexes: readonly { sql: string; column?: string }[], opts: { known?: ReadonlySet<string>; probe?: boolean } = {}): void {
  const probe = opts.probe ?? true;
  const holdsValue = new Map<string, boolean>();
  for (const ix of indexes) {
    const col = ix.column;
    if (col !== undefined && !opts.known?.has(col)) {
      if (!holdsValue.has(col)) holdsValue.set(col, probe && db.prepare(`SELECT 1 FROM events WHERE "${col}" IS NOT NULL LIMIT 1`).get() !== undefined);
      if (!holdsValue.get(col)) continue;
    }
    db.exec(ix.sql);
  }
}

export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));
