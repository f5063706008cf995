// A contract-typed in-page API (window.api) with canned data in which every log-derived string
// is hostile. Bundled by esbuild and injected with page.addInitScript: it lets the UI be driven
// and checked screen by screen without the engine, and proves each screen renders text as text.
import type { Api, ApiClient, ApiEvents, ApiResults, Channel, EventName } from '../../../src/shared/api';
import type { EventRow } from '../../../src/shared/columns';
import type { CaseStats, Finding, Result, SourceInfo } from '../../../src/shared/model';

const H = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '<script>window.__pwned=2</script>',
  js: 'javascript:window.__pwned=3',
  bidi: 'invoice\u202Egpj.exe',
  formula: '=HYPERLINK("http://evil.example/","click")',
  nul: 'a\u0000b',
};
const T0 = Date.UTC(2024, 2, 10, 8, 0, 0);
const HOUR = 3_600_000;

const source: SourceInfo = {
  id: 1,
  path: `/evidence/access ${H.bidi}.log`,
  sha256: 'a'.repeat(64),
  bytes: 123_456_789,
  mtime: T0,
  format: 'combined',
  mapping: null,
  timezone: 'Europe/Berlin',
  timezoneSource: 'log',
  year: null,
  yearSource: null,
  gzip: true,
  parserVersion: '1.0.0',
  startedAt: T0,
  finishedAt: T0 + 5000,
  records: 200_012,
  events: 200_000,
  quarantined: 12,
  status: 'complete',
  statusDetail: null,
  minTs: T0,
  maxTs: T0 + 24 * HOUR,
  cleaning: { columns: { bytes: { null: 1200, coerced: 3, unparseable: 1 } }, quarantineReasons: { [`bad request line ${H.img}`]: 12 }, notes: [`note ${H.script}`] },
};

const finding = (i: number, sev: Finding['severity'], detector: string, entity: string, title: string): Finding => ({
  id: `f${i}`,
  detector,
  severity: sev,
  entity,
  entityType: 'ip',
  title,
  explanation: `${entity} requested ${H.img} and ${H.script}; user agent ${H.bidi}. Benign if this is your own scanner.`,
  numbers: { distinct_ports: 1000 + i, requests: 50 * i },
  threshold: { metric: 'distinct destination ports', value: 1000 + i, threshold: 100, setting: 'portScan.minPorts' },
  windowMs: 600_000,
  firstSeen: T0 + i * HOUR,
  lastSeen: T0 + (i + 1) * HOUR,
  evidence: { query: `src_ip:${entity}`, count: 10 + i, sampleIds: [1, 2, 3] },
  score: (i % 10) / 10,
  status: 'open',
  tags: [H.img],
  note: H.script,
});

const findings: Finding[] = [
  finding(1, 'critical', 'webAttack', '203.0.113.9', `SQL injection and XSS payloads ${H.img}`),
  finding(2, 'high', 'portScan', '198.51.100.7', `Port scan ${H.bidi}`),
  finding(3, 'high', 'bruteForce', '192.0.2.33', `Brute force on /login ${H.script}`),
  finding(4, 'medium', 'exfil', '10.0.0.5', 'Large outbound transfer'),
  finding(5, 'low', 'beacon', '10.0.0.8', `Regular beaconing ${H.formula}`),
  finding(6, 'info', 'outlier', '10.0.0.9', 'Statistical outlier'),
];

const row = (id: number): EventRow => ({
  id,
  source_id: 1,
  line_no: id,
  byte_offset: id * 200,
  byte_len: 200,
  ts: T0 + id * 1000,
  ts_text: '10/Mar/2024:09:00:00 +0100',
  src_ip: id % 3 ? '203.0.113.9' : '198.51.100.7',
  src_port: null,
  dst_ip: '10.0.0.1',
  dst_port: 443,
  proto: null,
  method: 'GET',
  host: null,
  path: [`/search`, `/${H.img}`, `/${H.bidi}`, `/${H.script}`, '/login'][id % 5],
  query: id % 2 ? `q=${H.js}` : null,
  protocol: 'HTTP/1.1',
  status: [200, 404, 500, 302, 401][id % 5],
  bytes: 1000 + id,
  packets: null,
  flows: null,
  duration: null,
  flags: null,
  tos: null,
  referrer: H.js,
  user_agent: `${H.formula} ${H.nul}`,
  user: null,
  action: null,
  program: null,
  message: null,
  label: id % 4 ? 'normal' : 'attack',
  category: null,
  extra: null,
});

const stats = (from?: number, to?: number): CaseStats => {
  const buckets = Array.from({ length: 48 }, (_, i) => ({ t: T0 + i * 1_800_000, total: 0, counts: { '2xx': 3000 + ((i * 97) % 1500), '3xx': 400, '4xx': 200 + (i === 30 ? 4000 : (i * 13) % 300), '5xx': (i * 7) % 40 } as Record<string, number> }));
  for (const b of buckets) b.total = Object.values(b.counts).reduce((s, n) => s + n, 0);
  const k = (key: string, count: number, bytes?: number) => ({ key, count, ...(bytes != null ? { bytes } : {}) });
  const scale = from != null ? 0.3 : 1;
  return {
    computedAt: T0,
    range: { from: from ?? null, to: to ?? null },
    events: Math.round(200_000 * scale),
    sources: 1,
    distinctSrcIps: 1234,
    distinctDstIps: 3,
    quarantined: 12,
    minTs: from ?? T0,
    maxTs: to ?? T0 + 24 * HOUR,
    timeline: { bucketMs: 1_800_000, stackBy: 'status', series: ['2xx', '3xx', '4xx', '5xx'], buckets },
    protocols: [],
    statuses: [k('200', 150_000), k('404', 30_000), k('302', 12_000), k('500', 800), k('401', 7200)],
    methods: [k('GET', 180_000), k('POST', 19_000), k(H.img, 3)],
    labels: [],
    categories: [],
    topSourcesByEvents: [k('203.0.113.9', 40_000), k('198.51.100.7', 22_000), k(H.img, 5), k('10.0.0.5', 9000)],
    topSourcesByBytes: [k('10.0.0.5', 10, 9_000_000_000), k('203.0.113.9', 40_000, 120_000_000)],
    topDestinations: [],
    topDstPorts: [],
    topUserAgents: [k(H.bidi, 100)],
    topPaths: [k(`/${H.script}`, 10)],
    failedBySource: [],
  };
};

function createMock(): ApiClient {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const emit = <E extends EventName>(event: E, payload: ApiEvents[E]) => {
    for (const l of listeners.get(event) ?? []) setTimeout(() => l(payload), 0);
  };
  let jobN = 0;
  const job = (kind: ApiEvents['jobs/done']['kind'], result: ApiEvents['jobs/done']['result']) => {
    const jobId = `j${++jobN}`;
    setTimeout(() => emit('jobs/progress', { jobId, kind, value: 0.5, title: kind, detail: `half way ${H.img}`, bytesDone: 50, bytesTotal: 100, records: 1000, quarantined: 2, rate: 5000, etaMs: 2000 }), 50);
    setTimeout(() => emit('jobs/done', { jobId, kind, result }), 300);
    return { jobId };
  };
  const caseOpen = true;
  const caseInfo = () => ({
    file: `/cases/${H.bidi}.loupe`,
    name: `incident ${H.img}`,
    readonly: false,
    schemaVersion: 5,
    createdAt: T0,
    sources: [source],
    events: 200_000,
    quarantined: 12,
    findings: { info: 1, low: 1, medium: 1, high: 2, critical: 1 },
    analyzedAt: T0,
    models: 1,
    fts: { state: 'ready' as const, progress: null, indexedRows: 200_000, totalRows: 200_000, columns: ['path'], message: 'Free text searches every row (full-text index ready).', jobId: null },
  });
  let settings = { analyst: `Ana ${H.script}`, displayZone: 'UTC', theme: 'system' as const } as ApiResults['cases/settingsGet'];
  const methods = [
    { method: 'random forest', auc: 0.97, accuracy: 0.95, precision: 0.91, recall: 0.88, f1: 0.895, confusion: { tp: 880, fp: 87, tn: 9000, fn: 120 }, roc: [{ fpr: 0.01, tpr: 0.7 }, { fpr: 0.05, tpr: 0.9 }, { fpr: 0.2, tpr: 0.97 }], pr: [{ recall: 0.5, precision: 0.99 }, { recall: 0.88, precision: 0.91 }, { recall: 1, precision: 0.4 }], importance: [{ feature: 'path_entropy', importance: 0.3 }, { feature: 'status_4xx_rate', importance: 0.25 }, { feature: 'ua_is_tool', importance: 0.2 }] },
    { method: `seed method ${H.img}`, auc: 0.81, accuracy: 0.86, precision: 0.7, recall: 0.6, f1: 0.646, confusion: { tp: 600, fp: 257, tn: 8830, fn: 400 }, roc: [{ fpr: 0.1, tpr: 0.5 }, { fpr: 0.3, tpr: 0.8 }], pr: [{ recall: 0.6, precision: 0.7 }] },
  ];
  const values: { [C in Channel]: (a: Parameters<Api[C]>[0]) => ApiResults[C] } = {
    'app/info': () => ({ mode: 'web', version: '0.1.0-mock', uploads: true, caseFile: caseOpen ? '/cases/x.loupe' : null }),
    'app/pickFiles': () => null,
    'app/pickCase': () => null,
    'cases/open': () => caseInfo(),
    'cases/create': () => caseInfo(),
    'cases/info': () => caseInfo(),
    'cases/recent': () => [{ file: `/cases/${H.img}.loupe`, name: `old ${H.bidi}`, openedAt: T0, exists: true }],
    'cases/sample': () => caseInfo(),
    'cases/settingsGet': () => settings,
    'cases/settingsSet': (a) => (settings = { ...settings, ...a }),
    'ingest/formats': () => [{ name: 'combined', title: 'Apache/Nginx combined', description: '' }, { name: 'csv', title: 'CSV with header', description: '' }],
    'ingest/detect': (a) => a.paths.map((p) => ({ path: p, bytes: 1000, gzip: false, format: 'csv', confidence: 0.8, layout: { format: 'csv', header: ['time', 'ip', H.img], mapping: { ts: 'time', src_ip: 'ip' }, firstRecordLine: 2 }, headLines: [`time,ip,${H.img}`, `2024-01-01,1.2.3.4,${H.bidi}`], error: null })),
    'ingest/start': () => job('ingest', { kind: 'ingest', sources: [source] }),
    'ingest/sources': () => [source],
    'ingest/quarantine': () => ({ rows: [{ id: 1, sourceId: 1, lineNo: 7, byteOffset: 700, reason: `bad line ${H.script}`, raw: `${H.img} ${H.bidi} ${H.nul}`, rawBytes: 40 }], nextAfterLine: null, total: 1, cleaning: source.cleaning }),
    'analysis/detectors': () => [{ name: 'portScan', title: 'Port scan', description: '', settings: [] }, { name: 'webAttack', title: 'Web attack payloads', description: '', settings: [] }],
    'analysis/run': () => job('analysis', { kind: 'analysis', findings: findings.length }),
    'analysis/overview': (a) => stats(a.from, a.to),
    'analysis/findings': () => findings,
    'analysis/finding': (a) => ({ finding: findings.find((f) => f.id === a.id) ?? findings[0], evidence: [1, 2, 3, 4, 5].map(row), evidenceTotal: 15 }),
    'analysis/tag': (a) => ({ tags: [a.tag], note: null }),
    'analysis/note': (a) => ({ tags: [], note: a.text }),
    'analysis/dismiss': (a) => ({ ...(findings.find((f) => f.id === a.findingId) ?? findings[0]), status: 'dismissed' }),
    'analysis/restore': (a) => findings.find((f) => f.id === a.findingId) ?? findings[0],
    'analysis/suspicious': () => [
      { ip: '203.0.113.9', kind: 'ip', points: 35.5, contributions: [{ kind: 'finding', signal: `Scanner ${H.img}`, detector: 'scanners', severity: 'high', points: 25.5, detail: H.script }, { kind: 'model', signal: H.formula, detector: null, severity: null, points: 10, detail: H.bidi }] },
    ],
    'explore/page': (a) => {
      const start = a.after ? Number(a.after) : 0;
      const rows = Array.from({ length: Math.min(a.limit ?? 500, 2000 - start) }, (_, i) => row(start + i + 1));
      return { rows, next: start + rows.length < 2000 ? String(start + rows.length) : null, total: { count: 2000, exact: true }, freeText: a.query ? 'fts' : 'none', tookMs: 12 };
    },
    'explore/count': () => ({ count: 2000, exact: true }),
    'explore/raw': (a) => ({ eventId: a.eventId, text: `203.0.113.9 - - [10/Mar/2024] "GET /${H.img} HTTP/1.1" 200 1 "${H.js}" "${H.bidi}"`, bytes: 120, available: true, message: null }),
    'explore/annotations': (a) => Object.fromEntries(a.eventIds.map((id) => [String(id), { tags: [H.img], note: H.script }])),
    'explore/tag': (a) => ({ tags: [a.tag], note: null }),
    'explore/note': (a) => ({ tags: [], note: a.text }),
    'explore/ftsStatus': () => caseInfo().fts,
    'explore/ftsBuild': () => job('fts', { kind: 'fts', indexedRows: 1 }),
    'entity/get': (a) => ({
      ip: a.ip,
      firstSeen: T0,
      lastSeen: T0 + 20 * HOUR,
      events: { asSource: 40_000, asDestination: 12 },
      bytes: { sent: 1_000_000, received: 120_000_000 },
      timeline: { bucketMs: HOUR, buckets: Array.from({ length: 24 }, (_, i) => ({ t: T0 + i * HOUR, count: (i * 37) % 500 })) },
      dstPorts: [{ key: '443', count: 30_000 }, { key: '22', count: 90 }],
      dstIps: [{ key: '10.0.0.1', count: 40_000 }],
      srcIps: [],
      paths: [{ key: `/${H.img}`, count: 40 }, { key: `/${H.bidi}`, count: 3 }],
      hosts: [{ key: `${H.formula}.example`, count: 12 }],
      users: [{ key: H.img, count: 9 }, { key: H.nul, count: 2 }],
      userAgents: [{ key: `${H.script}`, count: 40_000 }],
      statuses: [{ key: '404', count: 20_000 }],
      actions: [],
      findings: findings.slice(0, 2),
      scores: [{ modelId: 1, modelName: `rf ${H.img}`, score: 0.93, drivers: null }],
      annotations: { tags: [H.bidi], note: H.script },
    }),
    'entity/tag': (a) => ({ tags: [a.tag], note: null }),
    'entity/note': (a) => ({ tags: [], note: a.text }),
    'model/list': () => [{ id: 1, name: `rf ${H.img}`, kind: 'random_forest', createdAt: T0, labelColumn: 'label' }],
    'model/train': () => job('train', { kind: 'train', modelId: 1, summary: null }),
    'model/score': () => job('score', { kind: 'score', modelId: 1, scored: 200_000 }),
    'model/metrics': () => ({ id: 1, name: `rf ${H.img}`, kind: 'random_forest', createdAt: T0, labelColumn: 'label', methods, raw: null }),
    'export/start': () => job('export', { kind: 'export', files: [{ kind: 'pdf', path: `/cases/report ${H.bidi}.pdf`, bytes: 123_456, url: null }] }),
    'follow/start': (a) => ({ followId: 'w1', path: a.path, sourceId: 1, startedAt: T0, events: 0, quarantined: 0, alerts: 0, state: 'running', message: null }),
    'follow/stop': () => ({ followId: 'w1', path: '/x', sourceId: 1, startedAt: T0, events: 10, quarantined: 0, alerts: 1, state: 'stopped', message: null }),
    'follow/status': () => [{ followId: 'w1', path: `/var/log/${H.img}`, sourceId: 1, startedAt: T0, events: 10, quarantined: 0, alerts: 1, state: 'running', message: null }],
    'jobs/list': () => [],
    'jobs/cancel': () => ({ cancelled: true }),
  };
  const api = Object.fromEntries(
    (Object.keys(values) as Channel[]).map((c) => [c, async (a: unknown): Promise<Result<unknown>> => ({ ok: true, value: (values[c] as (x: unknown) => unknown)(a ?? {}) })]),
  ) as unknown as Api;
  return {
    ...api,
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (p: unknown) => void;
      set.add(l);
      if (event === 'follow/alert') setTimeout(() => l({ followId: 'w1', finding: findings[0] }), 100);
      return () => set.delete(l);
    },
    pathForFile: () => null,
    pickFiles: async () => null,
    uploadFile: async (f) => ({ ok: true, value: { path: `/uploads/${f.name}`, bytes: f.size } }),
  };
}

(window as unknown as { api: ApiClient }).api = createMock();
