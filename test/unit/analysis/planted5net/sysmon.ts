// Sysmon network connections (event 3) as EvtxECmd writes them to CSV: the map's summary columns,
// and the event's fields whole in the Payload column as JSON.
import { rng } from '../../../../src/core/model/forest';

const HEADER = 'RecordNumber,EventRecordId,TimeCreated,EventId,Level,Provider,Channel,ProcessId,ThreadId,Computer,ChunkNumber,UserId,MapDescription,UserName,RemoteHost,PayloadData1,PayloadData2,PayloadData3,PayloadData4,PayloadData5,PayloadData6,ExecutableInfo,HiddenRecord,SourceFile,Keywords,ExtraDataOffset,Payload';
const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const DAY = Date.UTC(2026, 2, 9);

export interface SysmonConn { ts: number; image: string; dst: string; dport: number }

/** EvtxECmd CSV lines of Sysmon event 3 on WS037 (10.20.1.37), user CORP\j.doe. */
export function sysmonCsv(conns: SysmonConn[]): string[] {
  const r = rng(37);
  const lines = [...conns]
    .sort((a, b) => a.ts - b.ts)
    .map((c, i) => {
      const iso = new Date(c.ts).toISOString();
      const ts = `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(Math.floor(r() * 1e7)).padStart(7, '0')}`;
      const sport = String(49152 + Math.floor(r() * 16000));
      const data: [string, string][] = [
        ['RuleName', '-'], ['UtcTime', ts.slice(0, 23)], ['ProcessGuid', '{2c4f1a2b-65e1-65f0-8c01-000000001c00}'], ['ProcessId', '6612'], ['Image', c.image], ['User', 'CORP\\j.doe'],
        ['Protocol', 'tcp'], ['Initiated', 'true'], ['SourceIsIpv6', 'false'], ['SourceIp', '10.20.1.37'], ['SourceHostname', 'WS037.corp.example.com'], ['SourcePort', sport], ['SourcePortName', '-'],
        ['DestinationIsIpv6', 'false'], ['DestinationIp', c.dst], ['DestinationHostname', '-'], ['DestinationPort', String(c.dport)], ['DestinationPortName', 'https'],
      ];
      const payload = JSON.stringify({ EventData: { Data: data.map(([k, v]) => ({ '@Name': k, '#text': v })) } });
      return [i + 1, 90001 + i, ts, 3, 'Info', 'Microsoft-Windows-Sysmon', 'Microsoft-Windows-Sysmon/Operational', 3012, 4088, 'WS037.corp.example.com', 5, 'S-1-5-18', q('Network connection detected'), q('CORP\\j.doe'), q(`- (${c.dst})`),
        q('ProcessID: 6612, ProcessGUID: 2c4f1a2b-65e1-65f0-8c01-000000001c00'), q('RuleName: -'), q('SourceHostname: WS037.corp.example.com'), q('SourceIp: 10.20.1.37'), q('DestinationHostname: -'), q(`DestinationIp: ${c.dst}`),
        q(c.image), 'False', q('C:\\Triage\\WS037\\Microsoft-Windows-Sysmon%4Operational.evtx'), '', 0, q(payload)].join(',');
    });
  return [HEADER, ...lines];
}

/** The user's browser at irregular times, and an implant calling 45.77.12.34:443 every minute (±20 %) for three hours. */
export function browsingAndImplant(): SysmonConn[] {
  const r = rng(3);
  const out: SysmonConn[] = [];
  const sites = ['142.250.185.78', '151.101.1.69', '104.16.132.229'];
  for (let t = DAY + 8 * 3_600_000; t < DAY + 17 * 3_600_000; t += -Math.log(1 - r()) * 600_000) out.push({ ts: t, image: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', dst: sites[Math.floor(r() * 3)]!, dport: 443 });
  for (let t = DAY + 9 * 3_600_000; t < DAY + 12 * 3_600_000; t += 60_000 * (0.8 + 0.4 * r())) out.push({ ts: t, image: 'C:\\Users\\j.doe\\AppData\\Roaming\\Microsoft\\svchost.exe', dst: '45.77.12.34', dport: 443 });
  return out;
}
