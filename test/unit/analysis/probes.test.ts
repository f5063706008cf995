// A monitor that names an address in a parameter (Prometheus's blackbox exporter behind a proxy:
// /probe?target=http://localhost…) repeats the same request on a clock: low, said why. Someone
// looking for request forgery varies the target, and cloud metadata is never a monitor's target.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import { nginxLine } from './planted4web/logs';
import { analysePlanted, cleanupPlanted, expectFound, listFindings } from './plantedKit';

const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
const line = (ip: string, ts: number, url: string, ua: string): string => nginxLine({ ts, ip, url, ua, bytes: 1432 });

const MONITOR = '10.0.0.20';
const HUNTER = '10.0.0.66';
const METADATA = '10.0.0.77';

describe('a monitor probing through a URL parameter', () => {
  afterAll(cleanupPlanted);
  let found: Finding[] = [];

  it('analyses two and a half hours of a shop with a blackbox exporter, an SSRF hunt and a metadata poller', async () => {
    const rows: { ts: number; text: string }[] = [];
    for (let i = 0; i < 600; i++) {
      const ts = T0 + i * 15_000;
      rows.push({ ts, text: line(MONITOR, ts, '/probe?target=http://localhost:8080/healthz&module=http_2xx', 'Prometheus/2.45.0') });
      rows.push({ ts: ts + 3, text: line(MONITOR, ts + 3, '/probe?target=https://shop.example.com&module=http_2xx', 'Prometheus/2.45.0') });
      rows.push({ ts: ts + 7, text: line(`198.51.100.${i % 50}`, ts + 7, `/products/${i % 40}`, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0') });
    }
    // the same clock, but a new inside address and port each time: looking for what the server can reach
    for (let i = 0; i < 120; i++) rows.push({ ts: T0 + i * 30_000 + 11, text: line(HUNTER, T0 + i * 30_000 + 11, `/fetch?url=http://10.0.${i >> 4}.${i & 15}:${[22, 80, 443, 6379, 9200][i % 5]}/`, 'python-requests/2.31') });
    // the cloud's instance credentials, fetched on a timer through the same hole
    for (let i = 0; i < 120; i++) rows.push({ ts: T0 + i * 60_000 + 13, text: line(METADATA, T0 + i * 60_000 + 13, '/fetch?url=http://169.254.169.254/latest/meta-data/iam/security-credentials/', 'python-requests/2.31') });
    rows.sort((a, b) => a.ts - b.ts);
    found = await analysePlanted('probes', (dir) => {
      const file = path.join(dir, 'access.log');
      fs.writeFileSync(file, rows.map((r) => r.text).join('\n') + '\n');
      return [file];
    });
    expect(found.length, listFindings(found)).toBeGreaterThan(0);
  });

  it('reports the monitor low and says why', () => {
    const f = found.find((x) => x.detector === 'webAttacks' && x.entity === MONITOR);
    expect(f, listFindings(found)).toBeDefined();
    expect(f!.severity).toBe('low');
    expect(f!.explanation).toMatch(/same request again and again, 600 times, every 15 s \(webAttacks\.probeRepeats: 50\)/);
  });

  it('keeps an SSRF hunt on a steady clock high: it varies the target', () => {
    expectFound(found, 'webAttacks', HUNTER, 'high');
  });

  it('keeps a timer fetching cloud metadata high', () => {
    expectFound(found, 'webAttacks', METADATA, 'high');
  });
});
