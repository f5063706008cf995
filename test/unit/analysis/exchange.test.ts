// Exchange's HttpProxy logs (comma-separated W3C with Exchange's own field names): where ProxyLogon
// (an AnchorMailbox of ServerInfo~host/path) and ProxyShell (autodiscover.json?@…) show. Both must be
// found; staff reading their mail must not be.
import { afterAll, describe, expect, it } from 'vitest';
import { parseText } from '../formats/helpers';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles } from './plantedKit';

afterAll(cleanupPlanted);

const FIELDS = 'DateTime,RequestId,MajorVersion,MinorVersion,BuildVersion,RevisionVersion,ClientRequestId,Protocol,UrlHost,UrlStem,ProtocolAction,AuthenticationType,IsAuthenticated,AuthenticatedUser,Organization,AnchorMailbox,UserAgent,ClientIpAddress,ServerHostName,HttpStatus,BackEndStatus,ErrorCode,Method,ProxyAction,TargetServer,TargetServerVersion,RoutingType,RoutingHint,BackEndCookie,ServerLocatorHost,ServerLocatorLatency,RequestBytes,ResponseBytes,TargetOutstandingRequests,AuthModulePerfContext,HttpPipelineLatency,CalculateTargetBackEndLatency,GlsLatencyBreakup,TotalGlsLatency,AccountForestLatencyBreakup,TotalAccountForestLatency,ResourceForestLatencyBreakup,TotalResourceForestLatency,ADLatency,SharedCacheLatencyBreakup,TotalSharedCacheLatency,ActivityContextLifeTime,ModuleToHandlerSwitchingLatency,ClientReqStreamLatency,BackendReqInitLatency,BackendReqStreamLatency,BackendProcessingLatency,BackendRespInitLatency,BackendRespStreamLatency,ClientRespStreamLatency,KerberosAuthHeaderLatency,HandlerCompletionLatency,RequestHandlerLatency,HandlerToModuleSwitchingLatency,ProxyTime,CoreLatency,RoutingLatency,HttpProxyOverhead,TotalRequestTime,RouteRefresherLatency,UrlQuery,BackEndGenericInfo,GenericInfo,GenericErrors,EdgeTraceId,DatabaseGuid,UserADObjectGuid,PartitionEndpointLookupLatency,RoutingStatus'.split(',');
const HEAD = ['#Software: Microsoft Exchange Server', '#Version: 15.01.2176.002', '#Log-type: Ecp Logs', '#Date: 2026-03-03T09:00:00.000Z', `#Fields: ${FIELDS.join(',')}`];
const row = (v: Partial<Record<string, string>>): string => FIELDS.map((f) => (v[f] ?? '').replace(/^(.*[",].*)$/, (m) => `"${m.replace(/"/g, '""')}"`)).join(',');
const at = (s: number): string => new Date(Date.UTC(2026, 2, 3, 9, 0, s)).toISOString();
const LOGON = '203.0.113.66';
const SHELL = '203.0.113.67';

function proxyLog(): string[] {
  const rows: string[] = [];
  // staff reading mail all morning
  for (let i = 0; i < 200; i++) rows.push(row({ DateTime: at(i * 10), RequestId: `r${i}`, Protocol: 'Owa', UrlHost: 'mail.corp.example', UrlStem: '/owa/service.svc', UrlQuery: `?action=GetItem&ID=-${i}&AC=1`, IsAuthenticated: 'True', AuthenticatedUser: `CORP\\user${i % 20}`, AnchorMailbox: `Smtp~user${i % 20}@corp.example`, UserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', ClientIpAddress: `10.0.1.${(i % 20) + 10}`, HttpStatus: '200', Method: 'POST', ResponseBytes: '4096' }));
  // ProxyLogon: the back end chosen through AnchorMailbox, then the web shell written through ECP
  rows.push(row({ DateTime: at(2100), RequestId: 'x1', Protocol: 'Ecp', UrlHost: 'mail.corp.example', UrlStem: '/ecp/y.js', IsAuthenticated: 'False', AnchorMailbox: 'ServerInfo~a]@EX01.corp.local:444/autodiscover/autodiscover.xml?#', UserAgent: 'python-requests/2.25.1', ClientIpAddress: LOGON, HttpStatus: '200', Method: 'POST' }));
  rows.push(row({ DateTime: at(2110), RequestId: 'x2', Protocol: 'Ecp', UrlHost: 'mail.corp.example', UrlStem: '/ecp/DDI/DDIService.svc/SetObject', UrlQuery: '?schema=ResetOABVirtualDirectory&msExchEcpCanary=abc', IsAuthenticated: 'False', AnchorMailbox: 'ServerInfo~a]@EX01.corp.local:444/ecp/DDI/DDIService.svc/SetObject?schema=ResetOABVirtualDirectory&msExchEcpCanary=abc#', UserAgent: 'python-requests/2.25.1', ClientIpAddress: LOGON, HttpStatus: '200', Method: 'POST' }));
  // ProxyShell: autodiscover.json with an @ reaching PowerShell
  rows.push(row({ DateTime: at(2200), RequestId: 'y1', Protocol: 'Autodiscover', UrlHost: 'mail.corp.example', UrlStem: '/autodiscover/autodiscover.json', UrlQuery: '?@evil.example/powershell/?X-Rps-CAT=VgEAVAdXaW5kb3dz&Email=autodiscover/autodiscover.json%3F@evil.example', IsAuthenticated: 'False', UserAgent: 'Mozilla/5.0 zgrab/0.x', ClientIpAddress: SHELL, HttpStatus: '200', Method: 'POST' }));
  return [...HEAD, ...rows];
}

describe("Exchange's HttpProxy log", () => {
  it('read as W3C with its own field names: client, request, status, account; ProxyLogon rows carry an IDS alert', () => {
    const r = parseText(proxyLog().join('\r\n') + '\r\n');
    expect(r.detected.layout.format).toBe('w3c');
    expect(r.quarantined).toEqual([]);
    const staff = r.rows[0]!;
    expect([staff.ts, staff.src_ip, staff.method, staff.host, staff.path, staff.status, staff.user]).toEqual([Date.UTC(2026, 2, 3, 9, 0, 0), '10.0.1.10', 'POST', 'mail.corp.example', '/owa/service.svc', 200, 'CORP\\user0']);
    const logon = r.rows[200]!;
    expect(JSON.parse(logon.extra as string)).toMatchObject({ signature_id: 'CVE-2021-26855', priority: '1' });
    expect(logon.message).toContain('ProxyLogon');
    expect(JSON.parse(staff.extra as string).signature_id).toBeUndefined();
  });

  it('analysed: ProxyLogon as a priority-1 alert, ProxyShell as a web attack; the staff are quiet', async () => {
    const found = await analysePlanted('exchange', (dir) => {
      const f = logFiles(dir);
      f.put('HttpProxy_2026030309-1.LOG', proxyLog());
      return f.files;
    });
    const logon = expectFound(found, 'idsAlerts', LOGON, 'high');
    expect(logon.title).toContain('CVE-2021-26855');
    expect(found.some((f) => f.entity === SHELL && (f.detector === 'webAttacks' || f.detector === 'scanners')), listFindings(found)).toBe(true);
    expect(found.filter((f) => f.entity.startsWith('10.0.1.')), listFindings(found)).toEqual([]);
  });
});
