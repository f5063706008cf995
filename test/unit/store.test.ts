import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, openCase } from '../../src/core/store/case';
import { SCHEMA_VERSION } from '../../src/core/store/migrations';

const tmp: string[] = [];
const tmpCase = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-store-'));
  tmp.push(dir);
  return path.join(dir, 'c.loupe');
};
afterEach(() => {
  for (const d of tmp.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('case file', () => {
  it('creates a case at the current schema version and records it in the audit trail', () => {
    const file = tmpCase();
    const db = openCase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const audit = db.prepare('SELECT action FROM audit').all() as { action: string }[];
    expect(audit.map((a) => a.action)).toContain('case.migrate');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('keeps the audit trail append-only', () => {
    const db = openCase(tmpCase());
    appendAudit(db, 'analyst', 'finding.dismiss', { id: 'x' });
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit SET actor = 'someone'").run()).toThrow(/append-only/);
    db.close();
  });

  it('refuses a case from a newer Loupe', () => {
    const file = tmpCase();
    openCase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openCase(file)).toThrow(/newer than this Loupe/);
  });

  it('refuses an SQLite file that is not a case, and a missing case when asked not to create', () => {
    const file = tmpCase();
    const raw = new Database(file);
    raw.exec('CREATE TABLE t(x)');
    raw.close();
    expect(() => openCase(file)).toThrow(/not a Loupe case/);
    expect(() => openCase(tmpCase(), { readonly: true })).toThrow(/case not found/);
  });
});
