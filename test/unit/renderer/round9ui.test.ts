// Round 9 UI, the pure parts: what a source is called, which columns a kind of log shows first,
// how a group finding's truncated source list is described, and which findings cross-reference.
import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../../src/shared/columns';
import type { Finding } from '../../../src/shared/model';
import { SOURCE_LABEL, sourceKindOf } from '../../../src/renderer/lib/sourceKind';
import { dominantKind, eventColumns } from '../../../src/renderer/features/explorer/eventColumns';
import { explorerLabel, groupSources, shownOf } from '../../../src/renderer/features/findings/GroupSources';
import { relatedFindings } from '../../../src/renderer/features/findings/sortFindings';

const row = (r: Partial<EventRow>): EventRow => ({ id: 1, source_id: 1, line_no: 1, byte_offset: null, byte_len: null, ...r }) as EventRow;

describe('what a source is called', () => {
  it('names a Windows logon source with no address a workstation, from each export that carries it', () => {
    // EvtxECmd: the Payload is JSON inside the extra JSON, its quotes escaped; PayloadData3 says it too
    const evtx = JSON.stringify({ EventId: '4625', PayloadData3: 'Workstation: KALI', Payload: JSON.stringify({ EventData: { Data: [{ '@Name': 'WorkstationName', '#text': 'KALI' }] } }) });
    expect(sourceKindOf(row({ src_ip: 'KALI', extra: evtx }))).toBe('workstation');
    expect(sourceKindOf(row({ src_ip: 'KALI', extra: JSON.stringify({ EventId: '4625', Payload: JSON.stringify({ EventData: { Data: [{ '@Name': 'WorkstationName', '#text': 'KALI' }] } }) }) }))).toBe('workstation');
    expect(sourceKindOf(row({ src_ip: 'KALI', extra: JSON.stringify({ EventID: '4625', WorkstationName: 'KALI' }) }))).toBe('workstation');
    expect(sourceKindOf(row({ src_ip: 'WIN-8J3KQ2', extra: JSON.stringify({ 'winlog.event_data.WorkstationName': 'WIN-8J3KQ2' }) }))).toBe('workstation');
    expect(sourceKindOf(row({ src_ip: 'WIN-8J3KQ2', message: 'Network Information:\r\n\tWorkstation Name:\tWIN-8J3KQ2\r\n\tSource Network Address:\t-' }))).toBe('workstation');
  });

  it('calls an address an IP, and a resolved host name in an sshd or web log a name, not a workstation', () => {
    expect(sourceKindOf(row({ src_ip: '203.0.113.9' }))).toBe('ip');
    expect(sourceKindOf(row({ src_ip: 'fe80::1c2a:3bff:fe4d:5e6f' }))).toBe('ip');
    expect(sourceKindOf(row({ src_ip: 'client-198-51-100-7.example.net', message: 'Failed password for root from client-198-51-100-7.example.net port 22 ssh2' }))).toBe('name');
    expect(sourceKindOf(row({ src_ip: 'ftp.client.example', extra: JSON.stringify({ pid: 12 }) }))).toBe('name');
    expect(sourceKindOf(row({ src_ip: 'EXT_SERVER', dst_ip: '192.168.220.16' }))).toBe('name');
    expect(sourceKindOf(row({ src_ip: null }))).toBeNull();
    expect(SOURCE_LABEL.name).toBe('Source name');
  });
});

const keys = (rows: EventRow[]) => eventColumns(rows, () => 't').map((c) => c.key);

describe('columns a responder reads first', () => {
  it("puts a WAF log's rule message right after time and source, even when most of its rows were allowed without a rule", () => {
    const waf = [
      row({ id: 1, ts: 1, src_ip: '198.51.100.23', method: 'GET', host: 'shop.example.com', path: '/index.php', query: 'id=1', user_agent: 'sqlmap', action: 'reject', message: 'AWS WAF SQLi_QUERYARGUMENTS', category: 'SQL_INJECTION' }),
      row({ id: 2, ts: 2, src_ip: '198.51.100.24', method: 'GET', host: 'shop.example.com', path: '/', user_agent: 'Mozilla', action: 'accept' }),
      row({ id: 3, ts: 3, src_ip: '198.51.100.25', method: 'GET', host: 'shop.example.com', path: '/a', user_agent: 'Mozilla', action: 'accept' }),
    ];
    expect(dominantKind(waf)).toBe('waf');
    const k = keys(waf);
    expect(k.slice(0, 4)).toEqual(['ts', 'src_ip', 'message', 'action']);
    // nothing is hidden
    expect([...k].sort()).toEqual(['action', 'category', 'host', 'message', 'method', 'path', 'query', 'src_ip', 'ts', 'user_agent']);
  });

  it('keeps a web access log request-first, even beside a few WAF rows of another source', () => {
    const web = Array.from({ length: 20 }, (_, i) => row({ id: i + 1, source_id: 1, ts: i, src_ip: '10.0.0.1', src_port: 5000 + i, dst_ip: '10.0.0.2', dst_port: 443, method: 'GET', path: `/p${i}`, status: 200, bytes: 10 }));
    const waf = [row({ id: 99, source_id: 2, ts: 5, src_ip: '10.0.0.1', path: '/x', message: 'SQL Injection', category: 'attack-sqli' })];
    expect(keys([...web, ...waf]).slice(0, 6)).toEqual(['ts', 'src_ip', 'method', 'path', 'status', 'bytes']);
    // the status before the query string: a search for errors shows them without scrolling
    const withQuery = [row({ ts: 1, src_ip: '10.0.0.1', method: 'GET', path: '/search', query: 'q=usb', status: 404, bytes: 10 })];
    expect(keys(withQuery).slice(0, 6)).toEqual(['ts', 'src_ip', 'method', 'path', 'status', 'query']);
  });

  it('orders flows by their ends, IDS alerts by their signature, and logins by user and outcome', () => {
    expect(keys([row({ ts: 1, src_ip: '10.0.0.1', src_port: 1, dst_ip: '10.0.0.2', dst_port: 22, proto: 'TCP', bytes: 1, packets: 1, action: 'accept' })])).toEqual(['ts', 'src_ip', 'src_port', 'dst_ip', 'dst_port', 'proto', 'action', 'bytes', 'packets']);
    expect(keys([row({ ts: 1, src_ip: '10.0.0.1', src_port: 1, dst_ip: '10.0.0.2', dst_port: 22, proto: 'TCP', message: 'ET SCAN Potential SSH Scan', category: 'Attempted Information Leak' })]).slice(0, 4)).toEqual(['ts', 'src_ip', 'message', 'category']);
    expect(keys([row({ ts: 1, src_ip: 'KALI', host: 'FS01', program: 'Microsoft-Windows-Security-Auditing', user: 'a.baker', action: 'auth_failure', message: 'An account failed to log on' })])).toEqual(['ts', 'src_ip', 'user', 'action', 'message', 'program', 'host']);
  });
});

const finding = (p: Partial<Finding>): Finding =>
  ({ id: 'f', detector: 'd', severity: 'medium', entity: 'e', entityType: 'ip', title: 't', explanation: '', numbers: {}, threshold: null, windowMs: null, firstSeen: null, lastSeen: null, evidence: { query: '', count: 0, sampleIds: [] }, score: 0.5, status: 'open', tags: [], note: null, ...p }) as Finding;

const ips = (n: number) => Array.from({ length: n }, (_, i) => `198.51.100.${i + 1}`);

describe("a group finding's sources", () => {
  it('says it shows 50 of 70, and that the Explorer query covers all 70', () => {
    const g = groupSources(finding({ numbers: { sourceCount: 70, sources: ips(50).join(',') }, evidence: { query: `src_ip:${ips(70).join(',')}`, count: 70, sampleIds: [] } }))!;
    expect(g.listed).toHaveLength(50);
    expect(shownOf(g)).toBe('showing 50 of 70');
    expect(explorerLabel(g)).toBe('Rows of all 70 sources in the Explorer');
  });

  it('says when the Explorer query names only the first 100 of more sources', () => {
    const g = groupSources(finding({ numbers: { sourceCount: 137, sources: ips(50).join(',') }, evidence: { query: `src_ip:${ips(100).join(',')} status:408`, count: 900, sampleIds: [] } }))!;
    expect(shownOf(g)).toBe('showing 50 of 137');
    expect(explorerLabel(g)).toBe('Rows of 100 of the 137 sources in the Explorer (its query names the first 100)');
  });

  it('counts a query by signature as covering every source; a whole list says "all"; a bare count is no list', () => {
    const sig = groupSources(finding({ numbers: { sourceCount: 300, sources: ips(50).join(',') }, evidence: { query: 'message:"ET SCAN Potential SSH Scan"', count: 900, sampleIds: [] } }))!;
    expect(explorerLabel(sig)).toBe('Rows of all 300 sources in the Explorer');
    const whole = groupSources(finding({ numbers: { sources: ips(12).join(','), sourceCount: 12 }, evidence: { query: `src_ip:${ips(12).join(',')}`, count: 12, sampleIds: [] } }))!;
    expect(shownOf(whole)).toBe('all 12');
    expect(groupSources(finding({ numbers: { sources: 14, bytes: 5 } }))).toBeNull();
    expect(groupSources(finding({ numbers: { sources: '' } }))).toBeNull();
  });
});

describe('cross-references between findings', () => {
  it("lists the other findings about the same source and the group findings that name it, worst first, not itself", () => {
    const self = finding({ id: 'a', entity: '45.146.164.110', severity: 'medium' });
    const scan = finding({ id: 'b', entity: '45.146.164.110', severity: 'high' });
    const other = finding({ id: 'c', entity: '10.0.0.9', severity: 'critical' });
    const group = finding({ id: 'd', entity: 'SQL injection from 12 sources', entityType: 'population', severity: 'low', numbers: { sources: '10.0.0.1,45.146.164.110' } });
    const lookalike = finding({ id: 'e', entity: 'x', entityType: 'population', numbers: { sources: '45.146.164.11' } });
    expect(relatedFindings(self, [self, scan, other, group, lookalike]).map((f) => f.id)).toEqual(['b', 'd']);
    expect(relatedFindings(group, [self, scan, group])).toEqual([]);
  });
});
