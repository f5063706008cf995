// Builds report test cases by writing rows straight into a fresh case (sources, events, stats,
// findings, tags, notes, a model with scores, audit), with the hostile corpus in log-derived fields.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendAudit, openCase } from '../../../src/core/store/case';
import type { CaseStats } from '../../../src/shared/model';

export const LONG_TOKEN = `A${'x'.repeat(4998)}Z`;
export const PERSIAN_PATH = '/var/log/گزارش‌ها/دسترسی.log';
/** Log-derived strings the report must carry literally, as text only. */
export const HOSTILE = {
  script: '<script>alert(document.cookie)</script>',
  hyperlink: '=HYPERLINK("http://x")',
  bidi: 'invoice\u202Egpj.exe',
  long: LONG_TOKEN,
  persian: PERSIAN_PATH,
};
/** Strings a CSV export must neutralise (first character makes a spreadsheet run them). */
export const CSV_HOSTILE = ['=HYPERLINK("http://x","click")', '+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1', ' =1+1', '＝1+1'];

export const SHA_A = 'a3f1c9e0b4d2e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3';
export const SHA_B = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

export function tmpDir(prefix = 'loupe-report-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const T0 = Date.UTC(2019, 0, 22, 3, 0, 0);

export interface FixtureOptions {
  events?: number;
  withStats?: boolean;
  withFindings?: boolean;
  withModel?: boolean;
}

export function buildCase(file: string, o: FixtureOptions = {}): void {
  const n = o.events ?? 400;
  const db = openCase(file);
  const src = db.prepare(
    `INSERT INTO sources(path, sha256, bytes, mtime, format, timezone, timezone_source, year, year_source, gzip, parser_version, started_at, finished_at,
       records, events, quarantined, status, min_ts, max_ts, cleaning) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const cleaning = JSON.stringify({ columns: { bytes: { null: 12, coerced: 3, unparseable: 1 } }, quarantineReasons: { 'unparseable line': 2 }, notes: ['timezone assumed UTC: the log gives no offset'] });
  src.run(PERSIAN_PATH, SHA_A, 123456, T0, 'apache_combined', 'Asia/Tehran', 'log', null, null, 0, '1', T0 + 1e6, T0 + 1e6 + 5000, n + 2, n, 2, 'complete', T0, T0 + (n - 1) * 60_000, cleaning);
  src.run('/evidence/auth.log.gz', SHA_B, 797637, T0, 'syslog_auth', 'UTC', 'default', 2019, 'mtime', 1, '1', T0 + 2e6, T0 + 2e6 + 900, 10, 10, 0, 'complete', T0, T0 + 9000, JSON.stringify({ columns: {}, quarantineReasons: {}, notes: [] }));
  const ev = db.prepare(
    'INSERT INTO events(source_id, line_no, byte_offset, byte_len, ts, ts_text, src_ip, dst_ip, dst_port, proto, method, path, query, status, bytes, user_agent, referrer, user, message, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const hostile = [HOSTILE.script, HOSTILE.hyperlink, HOSTILE.bidi, HOSTILE.long, HOSTILE.persian, ...CSV_HOSTILE, 'a "quoted", comma\r\nnew line', 'NUL\u0000byte'];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const h = hostile[i % hostile.length]!;
      ev.run(1, i + 1, i * 100, 100, T0 + i * 60_000, `22/Jan/2019:06:${String(i % 60).padStart(2, '0')}:00 +0330`, `10.0.0.${i % 7}`, '192.168.1.10', i % 5 === 0 ? 22 : 443, 'TCP', 'GET', i < hostile.length ? `/p/${h}` : `/index${i}.html`, i % 3 === 0 ? 'id=1%27%20OR%201=1' : null, i % 4 === 0 ? 404 : 200, i % 9 === 0 ? -5 : 1000 + i, i < hostile.length ? h : 'Mozilla/5.0', null, i % 11 === 0 ? h : null, null, i === 1 ? JSON.stringify({ cookie: HOSTILE.hyperlink }) : null);
    }
    for (let i = 0; i < 10; i++) ev.run(2, i + 1, i * 80, 80, T0 + i * 1000, `Jan 22 03:00:0${i}`, '203.0.113.9', null, 22, null, null, null, null, null, null, null, null, 'root', `Failed password for root from 203.0.113.9 port 4${i} ssh2`, null);
  })();
  if (o.withStats !== false) {
    const buckets = Array.from({ length: 24 }, (_, i) => ({ t: T0 + i * 3_600_000, total: 100 + ((i * 37) % 90), counts: { '2xx': 70 + ((i * 37) % 60), '4xx': 30 + (i % 5) } }));
    for (const b of buckets) b.total = b.counts['2xx'] + b.counts['4xx'];
    const stats: CaseStats = {
      computedAt: T0 + 3e6,
      range: { from: null, to: null },
      events: n + 10,
      sources: 2,
      distinctSrcIps: 8,
      distinctDstIps: 1,
      quarantined: 2,
      minTs: T0,
      maxTs: T0 + (n - 1) * 60_000,
      timeline: { bucketMs: 3_600_000, stackBy: 'status', series: ['2xx', '4xx'], buckets },
      protocols: [{ key: 'TCP', count: n }, { key: 'UDP', count: 40 }, { key: 'ICMP', count: 5 }],
      statuses: [{ key: '200', count: 300 }, { key: '404', count: 100 }, { key: '401', count: 12 }],
      methods: [{ key: 'GET', count: n }],
      labels: [],
      categories: [],
      topSourcesByEvents: Array.from({ length: 7 }, (_, i) => ({ key: `10.0.0.${i}`, count: 100 - i * 9, bytes: 5000 * (i + 1) })),
      topSourcesByBytes: Array.from({ length: 7 }, (_, i) => ({ key: `10.0.0.${i}`, count: 100 - i * 9, bytes: 5000 * (7 - i) })),
      topDestinations: [],
      topDstPorts: [],
      topUserAgents: [{ key: HOSTILE.script, count: 3 }],
      topPaths: [],
      failedBySource: [],
    };
    db.prepare("INSERT INTO stats(key, value, updated_at) VALUES ('overview', ?, ?)").run(JSON.stringify(stats), T0);
  }
  if (o.withFindings !== false) {
    const f = db.prepare(
      `INSERT INTO findings(id, detector, severity, entity, entity_type, title, explanation, numbers, threshold, window_ms, first_seen, last_seen, evidence_query, evidence_count, sample_ids, score, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    f.run('bruteForce:203.0.113.9', 'bruteForce', 'high', '203.0.113.9', 'ip', 'SSH brute force from 203.0.113.9', 'Ten failed SSH logins for root within 10 seconds. A forgotten password retried by a script would look similar, but not at this rate.', JSON.stringify({ failures: 10, users: 1, failShare: 0.9, periodMs: 90_000 }), JSON.stringify({ metric: 'failed logins', value: 10, threshold: 5, setting: 'bruteForce.minFailures' }), 60_000, T0, T0 + 9000, 'src_ip:203.0.113.9 action:auth_failure', 10, JSON.stringify([n + 1, n + 2, n + 3]), 0.91, 'open', T0, T0);
    f.run('webAttack:10.0.0.1', 'webAttack', 'critical', '10.0.0.1', 'ip', `Attack payloads in requests: ${HOSTILE.script}`, `Requests carried ${HOSTILE.hyperlink} and ${HOSTILE.bidi}; one token was ${HOSTILE.long}`, JSON.stringify({ requests: 5, payload: HOSTILE.hyperlink }), null, null, T0, T0 + 300_000, 'src_ip:10.0.0.1', 5, JSON.stringify([1, 2, 3, 4, 5]), 0.99, 'open', T0, T0);
    f.run('portScan:10.0.0.3', 'portScan', 'medium', '10.0.0.3', 'ip', 'Port scan from 10.0.0.3', 'Many ports.', JSON.stringify({ ports: 120 }), JSON.stringify({ metric: 'distinct destination ports', value: 120, threshold: 100, setting: 'portScan.minPorts' }), 300_000, T0, T0 + 600_000, 'src_ip:10.0.0.3', 40, '[]', 0.6, 'open', T0, T0);
    f.run('heavy:10.0.0.4', 'heavyTraffic', 'low', '10.0.0.4', 'ip', 'Heavy sender 10.0.0.4', 'Benign backup probably.', '{}', null, null, T0, T0, 'src_ip:10.0.0.4', 3, '[]', 0.2, 'dismissed', T0, T0);
    db.prepare("INSERT INTO tags(target_type, target_id, tag, created_at) VALUES ('finding', ?, ?, ?)").run('webAttack:10.0.0.1', HOSTILE.hyperlink, T0);
    db.prepare("INSERT INTO tags(target_type, target_id, tag, created_at) VALUES ('finding', ?, ?, ?)").run('webAttack:10.0.0.1', 'confirmed', T0);
    db.prepare("INSERT INTO notes(target_type, target_id, text, updated_at) VALUES ('finding', ?, ?, ?)").run('webAttack:10.0.0.1', `Escalated. Payload seen: ${HOSTILE.script}`, T0);
    db.prepare("INSERT INTO notes(target_type, target_id, text, updated_at) VALUES ('finding', ?, ?, ?)").run('heavy:10.0.0.4', 'Nightly backup to the NAS.', T0);
  }
  if (o.withModel) {
    const metrics = {
      loupe: { auc: 0.991, accuracy: 0.97, precision: 0.95, recall: 0.93, f1: 0.94, n: 1200, positives: 280, threshold: 0.5, confusion: { tp: 268, fp: 12, tn: 900, fn: 20 }, per_category_recall: { sqli: { recall: 0.96, n: 150 }, xss: { recall: 0.9, n: 130 } }, importance: [{ feature: 'path_entropy', value: 0.31 }, { feature: 'status_4xx_rate', value: 0.22 }, { feature: 'ua_is_tool', value: 0.12 }] },
      seed_method: { auc: 0.88, accuracy: 0.9, precision: 0.8, recall: 0.7, f1: 0.75, confusion: { tp: 208, fp: 32, tn: 880, fn: 80 }, per_category_recall: { sqli: { recall: 0.8, n: 150 }, xss: { recall: 0.6, n: 130 } } },
    };
    db.prepare('INSERT INTO models(id, name, kind, version, created_at, label_column, settings, features, training_sources, metrics, blob) VALUES (1, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)').run(
      'web rf',
      'random_forest',
      T0,
      'label',
      '{}',
      JSON.stringify(['path_entropy', 'status_4xx_rate', 'ua_is_tool']),
      '[1]',
      JSON.stringify(metrics),
      Buffer.from([0]),
    );
    const sc = db.prepare('INSERT INTO scores(model_id, event_id, score) VALUES (1, ?, ?)');
    db.transaction(() => {
      for (let i = 1; i <= n; i++) sc.run(i, ((i * 7919) % 1000) / 1000);
    })();
    db.prepare('INSERT INTO entity_scores(model_id, entity, score, drivers) VALUES (1, ?, ?, ?)').run('10.0.0.1', 0.87, '{}');
  }
  appendAudit(db, 'loupe', 'ingest', { files: [PERSIAN_PATH] });
  appendAudit(db, 'analyst', 'finding.tag', { id: 'webAttack:10.0.0.1', tag: HOSTILE.hyperlink });
  db.close();
}
