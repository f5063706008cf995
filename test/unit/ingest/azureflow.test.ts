// Azure NSG (v2) and VNet flow logs: each flow tuple is one connection and one event, typed, with
// the record it came from recoverable from the tuples' raw text. Fixtures are Microsoft's own
// samples (network-watcher-nsg-flow-logging-overview, vnet-flow-logs-overview).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonDocSplitter, documentHead } from '../../../src/core/ingest/jsondoc';
import { getRawLine, ingestFiles } from '../../../src/core/ingest';
import { openCase } from '../../../src/core/store/case';
import { cleanTmp, tmpDir } from './helpers';

afterEach(cleanTmp);

const FIX = path.join(__dirname, '../../fixtures/azure');
const COLS = 'line_no, ts, src_ip, src_port, dst_ip, dst_port, proto, action, bytes, packets, path, category';

async function ingest(file: string): Promise<{ s: Awaited<ReturnType<typeof ingestFiles>>['sources'][number]; rows: Record<string, unknown>[]; caseFile: string }> {
  const dir = tmpDir();
  const caseFile = path.join(dir, 'c.loupe');
  const { sources } = await ingestFiles({ caseFile, files: [file], threads: 1, blockSize: 1024 });
  const db = new Database(caseFile, { readonly: true });
  const rows = db.prepare(`SELECT ${COLS} FROM events ORDER BY line_no`).all() as Record<string, unknown>[];
  db.close();
  return { s: sources[0]!, rows, caseFile };
}

describe('Azure flow logs', () => {
  it('NSG flow log v2: one event per flow tuple, typed, nothing lost', async () => {
    const { s, rows, caseFile } = await ingest(path.join(FIX, 'nsg-flow-v2.json'));
    expect([s.format, s.records, s.events, s.quarantined, s.status]).toEqual(['jsonl', 11, 11, 0, 'complete']);
    expect(s.records).toBe(s.events + s.quarantined);
    expect(s.cleaning.notes.join(' ')).toMatch(/the 2 flow records were read as their 11 flow tuples/);
    // an inbound UDP probe denied by the default rule, no counts on a begin tuple
    expect(rows[0]).toEqual({ line_no: 1, ts: Date.UTC(2018, 10, 13, 12, 0, 2), src_ip: '94.102.49.190', src_port: 28746, dst_ip: '10.5.16.4', dst_port: 443, proto: 'UDP', action: 'reject', bytes: null, packets: null, path: null, category: null });
    // a continuing outbound TCP flow: source-to-destination counts since the last update
    expect(rows[5]).toEqual({ line_no: 6, ts: Date.UTC(2018, 10, 13, 11, 59, 39), src_ip: '10.5.16.4', src_port: 44931, dst_ip: '13.67.143.115', dst_port: 443, proto: 'TCP', action: 'accept', bytes: 16978, packets: 30, path: null, category: null });
    expect(rows[10]).toMatchObject({ line_no: 11, src_ip: '176.119.4.30', dst_port: 52801, action: 'reject' });
    // the tuple's raw text keeps its record: fields, rule, NIC, the tuple verbatim, its position
    const rw = openCase(caseFile);
    const raw = JSON.parse(getRawLine(rw, 6)!.toString('utf8')) as Record<string, unknown>;
    rw.close();
    expect(raw).toMatchObject({
      rule: 'DefaultRule_AllowInternetOutBound',
      mac: '000D3AF87856',
      flowTuple: '1542110379,10.5.16.4,13.67.143.115,44931,443,T,O,A,C,30,16978,24,14008',
      bytesDestToSrc: 14008,
      packetsDestToSrc: 24,
      direction: 'outbound',
      flowState: 'continuing',
    });
    expect(JSON.parse(raw.record as string)).toEqual({
      n: 1,
      time: '2018-11-13T12:00:35.3899262Z',
      systemId: 'a0fca5ce-022c-47b1-9735-89943b42f2fa',
      category: 'NetworkSecurityGroupFlowEvent',
      resourceId: '/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/FABRIKAMRG/PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/FABRIAKMVM1-NSG',
      operationName: 'NetworkSecurityGroupFlowEvents',
      'properties.Version': 2,
    });
  });

  it('VNet flow log: millisecond times, IANA protocol numbers, the ACL and rule kept', async () => {
    const { s, rows, caseFile } = await ingest(path.join(FIX, 'vnet-flow.json'));
    expect([s.records, s.events, s.quarantined]).toEqual([4, 4, 0]);
    expect(rows[1]).toEqual({ line_no: 2, ts: 1663146003606, src_ip: '10.0.0.6', src_port: 23956, dst_ip: '192.0.2.180', dst_port: 443, proto: 'TCP', action: 'accept', bytes: 767, packets: 3, path: null, category: null });
    const rw = openCase(caseFile);
    const raw = JSON.parse(getRawLine(rw, 2)!.toString('utf8')) as Record<string, unknown>;
    rw.close();
    expect(raw).toMatchObject({ aclID: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee', rule: 'DefaultRule_AllowInternetOutBound', encryption: 'NX' });
    expect(JSON.parse(raw.record as string)).toMatchObject({ n: 1, flowLogVersion: 4, macAddress: '112233445566', category: 'FlowLogFlowEvent' });
  });

  it('the same lines at every chunk boundary; other documents pass through untouched', () => {
    const text = fs.readFileSync(path.join(FIX, 'nsg-flow-v2.json'), 'utf8');
    const run = (t: string, size: number): string => {
      const sp = new JsonDocSplitter();
      const b = Buffer.from(t);
      const parts: Buffer[] = [];
      for (let i = 0; i < b.length; i += size) parts.push(sp.push(b.subarray(i, i + size)));
      parts.push(sp.finish());
      return Buffer.concat(parts).toString('utf8');
    };
    const whole = run(text, 1 << 20);
    expect(whole.split('\n').length - 1).toBe(11);
    for (const size of [1, 7, 100]) expect(run(text, size)).toBe(whole);
    expect(run('{"Records":[{"a":"flowTuples"},{"b":2}]}', 3)).toBe('{"a":"flowTuples"}\n{"b":2}\n');
  });

  it('a flow record without tuples, or cut off, stays one record', () => {
    const sp = new JsonDocSplitter();
    const out = Buffer.concat([
      sp.push(Buffer.from('{"records":[{"time":"2018-11-13T12:00:35Z","properties":{"Version":2,"flows":[{"rule":"r","flows":[{"mac":"m","flowTuples":["1542110402,94.102.49.190,10.5.16.4,28746,443,U,I,D,B,,,,"]}]}]}},{"time":"x","properties":{"Version":2,"flows":[]}},{"time":"y","properties":{"flows":[{"flowTuples":["1')),
      sp.finish(),
    ]).toString('utf8');
    const lines = out.split('\n').slice(0, -1);
    expect(lines.length).toBe(3);
    expect(lines[1]).toBe('{"time":"x","properties":{"Version":2,"flows":[]}}');
    expect(lines[2]).toBe('{"time":"y","properties":{"flows":[{"flowTuples":["1');
  });
});

describe('NSG flow log version 1', () => {
  it('eight-field tuples (no state, no counts) are decoded too', () => {
    // Microsoft's version 1 sample: one record, two rules, written on one line as Azure does
    const doc =
      '{"records":[{"time": "2017-02-16T22:01:32.8960000Z","systemId": "2c002c16-72f3-4dc5-b391-3444c3527434","category": "NetworkSecurityGroupFlowEvent","resourceId": "/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/FABRIKAMRG/PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/FABRIAKMVM1-NSG","operationName": "NetworkSecurityGroupFlowEvents","properties": {"Version":1,"flows":[{"rule":"DefaultRule_DenyAllInBound","flows":[{"mac":"000D3AF8801A","flowTuples":["1487282481,195.78.210.194,10.1.0.4,53,1732,U,I,D"]}]},{"rule":"UserRule_default-allow-rdp","flows":[{"mac":"000D3AF8801A","flowTuples":["1487282435,61.129.251.68,10.1.0.4,57776,3389,T,I,A","1487282454,84.25.174.170,10.1.0.4,59085,3389,T,I,A","1487282477,77.68.9.50,10.1.0.4,65078,3389,T,I,A"]}]}]}}]}';
    const sp = new JsonDocSplitter();
    const lines = Buffer.concat([sp.push(Buffer.from(doc)), sp.finish()]).toString('utf8').split('\n').slice(0, -1);
    expect([sp.records, sp.flows.records, sp.flows.tuples]).toEqual([1, 1, 4]);
    const got = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(got[0]).toMatchObject({ start: 1487282481, srcip: '195.78.210.194', dstip: '10.1.0.4', srcport: 53, dstport: 1732, proto: 'UDP', direction: 'inbound', action: 'deny', rule: 'DefaultRule_DenyAllInBound', mac: '000D3AF8801A' });
    expect(got[1]).toMatchObject({ srcip: '61.129.251.68', dstport: 3389, proto: 'TCP', action: 'allow', rule: 'UserRule_default-allow-rdp' });
    expect(got.every((g) => g.bytes === undefined && g.flowState === undefined)).toBe(true);
  });
});

describe('hostile Azure flow records', () => {
  const nsg = (tuples: string[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    time: '2024-04-01T10:00:00Z',
    category: 'NetworkSecurityGroupFlowEvent',
    resourceId: '/SUBSCRIPTIONS/X',
    ...extra,
    properties: { Version: 2, flows: [{ rule: 'DefaultRule_DenyAllInBound', flows: [{ mac: '000D3AF87856', flowTuples: tuples }] }] },
  });
  const tuple = (i: number): string => `1712000000,198.51.${(i >> 8) & 255}.${i & 255},10.0.0.5,${1024 + i},22,T,I,D,B,,,,`;

  it('a padded envelope is written whole once, not once per tuple (1 MB x 600 tuples was 600 MB and a crash)', () => {
    const tuples = Array.from({ length: 600 }, (_, i) => tuple(i));
    const doc = JSON.stringify({ records: [nsg(tuples, { pad: 'x'.repeat(1 << 20) })] });
    const s = new JsonDocSplitter();
    const out = Buffer.concat([s.push(Buffer.from(doc)), s.finish()]).toString('utf8').split('\n').filter((l) => l !== '');
    expect(out).toHaveLength(600);
    expect(out.reduce((n, l) => n + l.length, 0)).toBeLessThan(3 << 20);
    // the whole record is still on its first tuple line; every line still names the record and decodes its tuple
    expect(JSON.parse(JSON.parse(out[0]!).record).pad).toHaveLength(1 << 20);
    for (const l of [out[1]!, out[599]!]) {
      const o = JSON.parse(l);
      expect(JSON.parse(o.record).n).toBe(1);
      expect(o.dstport).toBe(22);
    }
  });

  it('a first record longer than the head is detected from the tuples the head holds', () => {
    const doc = JSON.stringify({ records: [nsg(Array.from({ length: 4000 }, (_, i) => tuple(i)))] });
    const lines = documentHead(Buffer.from(doc.slice(0, 100_000)), false).toString('utf8').split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(1000);
    expect(JSON.parse(lines[0]!)).toMatchObject({ srcip: '198.51.0.0', dstip: '10.0.0.5', dstport: 22, action: 'deny' });
    // a hostile head: thousands of nested arrays after the key stays linear
    const deep = `{"records":[{"flowTuples":${'["a",'.repeat(300_000)}`;
    const t = performance.now();
    documentHead(Buffer.from(deep), false);
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it('a record with a value nested 200,000 deep stays one line; its neighbours are still expanded (the source failed on a stack overflow)', () => {
    const ok = JSON.stringify(nsg([tuple(1), tuple(2)]));
    const deep = JSON.stringify(nsg([tuple(3)])).replace('"time":', `"deep":${'['.repeat(200_000)}${']'.repeat(200_000)},"time":`);
    const s = new JsonDocSplitter();
    const out = Buffer.concat([s.push(Buffer.from(`{"records":[${ok},${deep},${ok}]}`)), s.finish()]).toString('utf8').split('\n').filter((l) => l !== '');
    expect(out).toHaveLength(5);
    expect(out[2]!.startsWith('{"deep":[[[')).toBe(true);
    expect(JSON.parse(out[4]!)).toMatchObject({ srcip: '198.51.0.2', record: JSON.stringify({ n: 3, time: '2024-04-01T10:00:00Z', category: 'NetworkSecurityGroupFlowEvent', resourceId: '/SUBSCRIPTIONS/X', 'properties.Version': 2 }) });
  });
});
