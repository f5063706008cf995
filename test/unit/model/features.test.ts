// Features: layout, payload tokens after repeated decoding, user-agent families, hostile strings.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURES, N_FEATURES, N_ROW, ROW_FEATURES, RowFeaturizer, featureIndex, normaliseRequest, type RowTuple } from '../../../src/core/model/features';
import { featurizeRows } from '../../../src/core/model/read';
import { computeContext } from '../../../src/core/model/dataset';

const web = (o: { path?: string | null; query?: string | null; ua?: string | null; status?: number | null; method?: string | null; ip?: string; ts?: number; id?: number }): RowTuple => [
  o.id ?? 1, o.ts ?? 0, o.ip ?? '10.0.0.1', o.method === undefined ? 'GET' : o.method, o.path === undefined ? '/' : o.path, o.query ?? null,
  o.status === undefined ? 200 : o.status, 100, null, '-', o.ua === undefined ? 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36' : o.ua, null, null, null,
];

function rowFeatures(t: RowTuple): Record<string, number> {
  const out = new Float32Array(N_FEATURES);
  new RowFeaturizer().row(t, out, 0);
  return Object.fromEntries(ROW_FEATURES.map((f, i) => [f.name, out[i]]));
}

describe('features', () => {
  it('documents every feature once, with a description', () => {
    const names = FEATURES.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of FEATURES) expect(f.description.length).toBeGreaterThan(10);
    // no ordinal identity features: nothing named after ip/path indexes
    expect(names.some((n) => /_idx$|^ip$|^src_ip$/.test(n))).toBe(false);
  });

  it('fills exactly the row features and leaves the context columns to computeContext', () => {
    const out = new Float32Array(N_FEATURES).fill(12345);
    new RowFeaturizer().row(web({}), out, 0);
    for (let i = 0; i < N_ROW; i++) expect(out[i]).not.toBe(12345);
    for (let i = N_ROW; i < N_FEATURES; i++) expect(out[i]).toBe(12345);
  });

  it('finds SQL, script, traversal and command tokens after double URL encoding and case folding', () => {
    const sql = rowFeatures(web({ path: '/item', query: 'id=1%2520UnIoN%2520SeLeCt%2520password%2520FROM%2520users--' }));
    expect(sql.sql_tokens).toBeGreaterThan(0);
    expect(sql.double_encoding).toBeGreaterThan(0);
    const xss = rowFeatures(web({ path: '/search', query: 'q=%3CScRiPt%3Ealert(1)%3C%2Fscript%3E' }));
    expect(xss.script_tokens).toBeGreaterThan(0);
    const trav = rowFeatures(web({ path: '/download', query: 'f=..%252F..%252F..%252Fetc%252Fpasswd' }));
    expect(trav.traversal_tokens).toBeGreaterThan(0);
    const cmd = rowFeatures(web({ path: '/ping', query: 'host=127.0.0.1%3Bcat%20/etc/passwd' }));
    expect(cmd.cmd_tokens).toBeGreaterThan(0);
    const clean = rowFeatures(web({ path: '/product/4031/shoes', query: 'color=red&size=42' }));
    expect(clean.sql_tokens + clean.script_tokens + clean.traversal_tokens + clean.cmd_tokens).toBe(0);
    expect(clean.query_params).toBe(2);
    expect(clean.path_depth).toBe(3);
  });

  it('decodes at most three rounds and never throws on malformed escapes', () => {
    expect(normaliseRequest('%25253Cscript%25253E').text).toBe('<script>');
    expect(() => normaliseRequest('%E0%A4%A%ZZ%')).not.toThrow();
  });

  it('names user-agent families and attack tools', () => {
    expect(rowFeatures(web({ ua: 'sqlmap/1.7.2#stable (https://sqlmap.org)' })).ua_tool).toBe(1);
    expect(rowFeatures(web({ ua: 'Mozilla/5.00 (Nikto/2.1.6)' })).ua_family).toBe(5);
    expect(rowFeatures(web({ ua: 'curl/8.4.0' })).ua_family).toBe(4);
    expect(rowFeatures(web({ ua: 'Mozilla/5.0 (compatible; Googlebot/2.1)' })).ua_family).toBe(3);
    expect(rowFeatures(web({ ua: null })).ua_len).toBe(-1);
  });

  it('featurises hostile strings (1 MB line, NUL, invalid UTF-8, bidi, formulas) into finite numbers', () => {
    const dir = path.resolve(__dirname, '../../fixtures/hostile');
    const texts = ['nul_bytes.log', 'invalid_utf8.log', 'bidi.log', 'formula.log', 'script_tags.log', 'javascript_url.log']
      .filter((f) => fs.existsSync(path.join(dir, f)))
      .flatMap((f) => fs.readFileSync(path.join(dir, f), 'latin1').split('\n'));
    texts.push('A'.repeat(1 << 20), '\u0000\u0000\u0000', '\ud800\udfff\uffff', '\u202e/nimda', '=HYPERLINK("http://x","y")', '%'.repeat(10000));
    const rows = texts.map((t, i) => web({ id: i + 1, path: t, query: t, ua: t, ip: `10.0.0.${i % 3}`, ts: i }));
    rows.push(web({ path: null, query: null, ua: null, method: null, status: null, ip: '10.0.0.9' }));
    const t0 = Date.now();
    const ds = featurizeRows(rows, true);
    computeContext(ds);
    expect(Date.now() - t0).toBeLessThan(20_000);
    for (const v of ds.X) expect(Number.isFinite(v)).toBe(true);
    const long = ds.X[(texts.length - 6) * N_FEATURES + featureIndex('path_len')];
    expect(long).toBe(1 << 20);
  });

  it('keeps labels and categories when a reader grows and trims its arrays', () => {
    const rows = Array.from({ length: 40 }, (_, i): RowTuple => {
      const t = web({ id: i + 1, ts: i });
      t[12] = i % 3 ? '0' : '1';
      t[13] = i % 3 ? null : 'sqli';
      return t;
    });
    // an iterator (not an array) with a small expected size: the arrays grow twice, then trim to 40
    const ds = featurizeRows(rows.values(), true, undefined, 16);
    expect(ds.n).toBe(40);
    expect(Array.from(ds.label, (c) => ds.labelDict[c])).toEqual(rows.map((r) => r[12]));
    expect(Array.from(ds.category, (c) => (c < 0 ? null : ds.categoryDict[c]))).toEqual(rows.map((r) => r[13]));
    expect(Array.from(ds.ids)).toEqual(rows.map((r) => r[0]));
  });

  it('featurises many look-alike strings (same length, same sampled characters) exactly', () => {
    // 300 paths of 201 characters that differ only in characters 50-52, which the memo's hash skips
    const paths = Array.from({ length: 300 }, (_, i) => `/${'p'.repeat(49)}${i === 7 ? '../' : String(i).padStart(3, '0')}${'p'.repeat(148)}`);
    const rows = paths.map((p, i) => web({ id: i + 1, path: p, ua: `agent ${p}` }));
    const ds = featurizeRows(rows, false);
    for (let i = 0; i < rows.length; i++) {
      const alone = new Float32Array(N_FEATURES);
      new RowFeaturizer().row(rows[i], alone, 0);
      expect(Array.from(ds.X.subarray(i * N_FEATURES, i * N_FEATURES + N_ROW))).toEqual(Array.from(alone.subarray(0, N_ROW)));
    }
    expect(ds.X[7 * N_FEATURES + featureIndex('traversal_tokens')]).toBeGreaterThan(0);
    expect(ds.X[8 * N_FEATURES + featureIndex('traversal_tokens')]).toBe(0);
  });

  it('context computed in parts (one per worker) equals context computed at once', () => {
    const rows: RowTuple[] = [];
    for (let i = 0; i < 400; i++) rows.push(web({ id: i + 1, ip: `10.0.${i % 7}.${i % 13}`, path: `/p/${i % 17}`, status: i % 9 ? 200 : 404, ts: i * 7_000 }));
    const noIp = web({ id: 999, path: '/x' });
    noIp[2] = null;
    rows.push(noIp);
    const whole = featurizeRows(rows, false);
    computeContext(whole);
    const split = featurizeRows(rows, false);
    for (let part = 0; part < 3; part++) computeContext(split, part, 3);
    expect(Array.from(split.X)).toEqual(Array.from(whole.X));
  });

  it('context features describe the source: window rate, failed logins, distinct paths', () => {
    const rows: RowTuple[] = [];
    for (let i = 0; i < 30; i++) rows.push(web({ id: i + 1, ip: '203.0.113.5', method: 'POST', path: '/login', status: 401, ts: i * 1000 }));
    for (let i = 0; i < 5; i++) rows.push(web({ id: 100 + i, ip: '198.51.100.7', path: `/p/${i}`, ts: i * 600_000 }));
    const ds = featurizeRows(rows, false);
    computeContext(ds);
    const at = (r: number, name: string): number => ds.X[r * N_FEATURES + featureIndex(name)];
    expect(at(0, 'src_window_auth_failures')).toBe(30);
    expect(at(0, 'src_error_ratio')).toBe(1);
    expect(at(30, 'src_window_auth_failures')).toBe(0);
    expect(at(30, 'src_window_events_log')).toBeCloseTo(Math.log1p(1));
    expect(at(30, 'src_distinct_path_ratio')).toBe(1);
    expect(at(0, 'src_gap_cv')).toBeCloseTo(0); // a machine-regular 1 s cadence
  });
});
