import { describe, expect, it } from 'vitest';
import { compileQuery, parseQuery } from '../../src/core/store/query';

describe('query language', () => {
  it('compiles field filters to parameterised SQL', () => {
    const q = compileQuery('src_ip:1.2.3.4 status:>=400 path:*login* -method:GET');
    expect(q.where).toBe(`"src_ip" = ? AND "status" >= ? AND "path" LIKE ? ESCAPE '\\' AND NOT COALESCE("method" = ?, 0)`);
    expect(q.params).toEqual(['1.2.3.4', 400, '%login%', 'GET']);
  });

  it('expands aliases, lists, ranges, CIDR and null', () => {
    expect(compileQuery('ip:10.0.0.1').where).toBe('("src_ip" = ? OR "dst_ip" = ?)');
    expect(compileQuery('port:22,3389')).toEqual({ where: '"dst_port" IN (?, ?)', params: [22, 3389] });
    expect(compileQuery('bytes:100..200')).toEqual({ where: '"bytes" BETWEEN ? AND ?', params: [100, 200] });
    expect(compileQuery('src:10.1.0.0/16')).toEqual({ where: '"src_ip" GLOB ?', params: ['10.1.*'] });
    expect(compileQuery('user:null').where).toBe('"user" IS NULL');
    expect(compileQuery('ts:2019-01-22..2019-01-23').params).toEqual([Date.UTC(2019, 0, 22), Date.UTC(2019, 0, 23)]);
  });

  it('treats unknown fields and hostile text as free text, never as SQL', () => {
    const q = compileQuery(`"'; DROP TABLE events; --" evil:x`);
    expect(q.where).not.toContain('DROP');
    expect(q.params).toContain("%'; DROP TABLE events; --%");
    expect(parseQuery('evil:x')[0]).toEqual({ kind: 'text', negate: false, value: 'evil:x' });
  });

  it('uses the FTS table for free text when it is ready', () => {
    const q = compileQuery('sqlmap', { ftsTable: 'events_fts' });
    expect(q.where).toBe('id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)');
    expect(q.params).toEqual(['"sqlmap"']);
  });

  it('rejects a number field given text, and an unterminated quote', () => {
    expect(() => compileQuery('status:abc')).toThrow(/expects a number/);
    expect(() => compileQuery('"open')).toThrow(/unterminated quote/);
  });
});
