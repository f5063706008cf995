// Round 4 (network flows and logins) test helper: a benign day and planted incidents written by
// hand as real log TEXT in layouts the earlier rounds did not use: nfdump `-o csv`, Zeek conn.log
// as JSON lines, AWS VPC flow logs v2 without a header, a PAN-OS traffic CSV export, a
// CICFlowMeter (CIC-IDS) CSV with day-first dates, Windows 4624/4625 as CSV and as Winlogbeat
// JSON, journald's JSON export of sshd and a classic auth.log. Not from src/core/gen.
import { rng } from '../../../../src/core/model/forest';
import { byTs, logFiles, mergeSets } from '../plantedKit';

export { rng };

/** Monday 2 March 2026 00:00 UTC: the background runs for 24 hours from here. */
export const DAY0 = Date.UTC(2026, 2, 2, 0, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;

const p2 = (n: number): string => String(n).padStart(2, '0');
const iso = (ts: number): string => new Date(ts).toISOString();
/** `2026-03-02 10:00:01.123` */
const spaced = (ts: number): string => iso(ts).replace('T', ' ').replace('Z', '');
const slashed = (ts: number): string => spaced(ts).replace(/-/g, '/').slice(0, 19);

/** One flow record, the source's side: `bytes`/`pkts` are what the source sent. */
export interface Flow {
  ts: number;
  proto: 'TCP' | 'UDP' | 'ICMP';
  src: string;
  sp: number;
  dst: string;
  dp: number;
  pkts: number;
  bytes: number;
  /** bytes/packets the destination sent back (0: none) */
  rbytes?: number;
  rpkts?: number;
  dur?: number;
  /** answered (default) or refused/unanswered */
  refused?: boolean;
}

// ---------------------------------------------------------------- layouts

const NFD_HEADER = 'ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt,in,out,sas,das,smk,dmk,dtos,dir,nh,nhb,svln,dvln,ismc,odmc,idmc,osmc,mpls1,mpls2,mpls3,mpls4,mpls5,mpls6,mpls7,mpls8,mpls9,mpls10,cl,sl,al,ra,eng,exid,tr';
const NFD_TAIL = '0,0,0,0,0,0,0,0,0.0.0.0,0.0.0.0,0,0,00:00:00:00:00:00,00:00:00:00:00:00,00:00:00:00:00:00,00:00:00:00:00:00,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0-0-0,0.000,0.000,0.000,0.0.0.0,0/0,0';
/** nfdump -o csv (1.6): one unidirectional flow a line, then a summary block */
export function nfdumpLines(flows: Flow[]): string[] {
  const line = (f: Flow): string => {
    const dur = f.dur ?? 0;
    const flg = f.proto !== 'TCP' ? '......' : f.refused ? '...R.S' : '.AP.SF';
    return `${spaced(f.ts).slice(0, 19)},${spaced(f.ts + dur * 1000).slice(0, 19)},${dur.toFixed(3)},${f.src},${f.dst},${f.sp},${f.dp},${f.proto},${flg},0,0,${f.pkts},${f.bytes},0,0,${NFD_TAIL},${spaced(f.ts + dur * 1000 + 1000)}`;
  };
  const total = flows.reduce((a, f) => a + f.bytes, 0);
  return [NFD_HEADER, ...flows.map(line), 'Summary', 'flows,bytes,packets,avg_bps,avg_pps,avg_bpp', `${flows.length},${total},${flows.reduce((a, f) => a + f.pkts, 0)},0,0,0`];
}

/** nfdump's default text output, `-o long` (aligned columns, `->`, units after a space, a summary after the flows) */
export function nfdumpTextLines(flows: Flow[]): string[] {
  const num = (n: number): string => (n >= 10_000_000 ? `${(n / 1_000_000).toFixed(1)} M` : String(n));
  const ap = (a: string, p: number): string => (a.includes(':') ? `${a}.${p}` : `${a}:${p}`);
  const line = (f: Flow): string => {
    const flg = f.proto !== 'TCP' ? '......' : f.refused ? '....S.' : '.AP.SF';
    return `${spaced(f.ts)} ${(f.dur ?? 0).toFixed(3).padStart(9)} ${f.proto.padEnd(5)} ${ap(f.src, f.sp).padStart(21)} -> ${ap(f.dst, f.dp).padStart(21)} ${flg.padStart(7)}   0 ${String(f.pkts).padStart(8)} ${num(f.bytes).padStart(8)}     1`;
  };
  const total = flows.reduce((a, f) => a + f.bytes, 0);
  return [
    'Date first seen          Duration Proto      Src IP Addr:Port          Dst IP Addr:Port   Flags Tos  Packets    Bytes Flows',
    ...flows.map(line),
    `Summary: total flows: ${flows.length}, total bytes: ${num(total)}, total packets: ${flows.reduce((a, f) => a + f.pkts, 0)}, avg bps: 0, avg pps: 0, avg bpp: 0`,
    'Time window: 2026-03-02 00:00:00 - 2026-03-02 23:59:59',
    `Total flows processed: ${flows.length}, Blocks skipped: 0, Bytes read: ${flows.length * 56}`,
    'Sys: 0.021s flows/second: 285714.3   Wall: 0.020s flows/second: 300000.0',
  ];
}

/** Zeek conn.log written by `LogAscii::use_json=T` */
export function zeekJsonLines(flows: Flow[]): string[] {
  return flows.map((f, i) => {
    const tcp = f.proto === 'TCP';
    const state = f.refused ? (tcp ? 'REJ' : 'S0') : 'SF';
    const o: Record<string, unknown> = {
      ts: f.ts / 1000,
      uid: `C${(i * 7919).toString(36)}x${i.toString(36)}`,
      'id.orig_h': f.src,
      'id.orig_p': f.sp,
      'id.resp_h': f.dst,
      'id.resp_p': f.dp,
      proto: f.proto.toLowerCase(),
    };
    if (f.dur !== undefined && !f.refused) o.duration = f.dur;
    if (!f.refused) {
      o.orig_bytes = f.bytes;
      o.resp_bytes = f.rbytes ?? 0;
    }
    o.conn_state = state;
    o.local_orig = f.src.startsWith('10.');
    o.missed_bytes = 0;
    o.history = f.refused ? (tcp ? 'Sr' : 'D') : tcp ? 'ShADadFf' : 'Dd';
    o.orig_pkts = f.pkts;
    o.orig_ip_bytes = f.bytes + 40 * f.pkts;
    o.resp_pkts = f.refused && !tcp ? 0 : f.rpkts ?? 1;
    o.resp_ip_bytes = (f.rbytes ?? 0) + 40;
    return JSON.stringify(o);
  });
}

/** AWS VPC flow logs, default v2 format, as delivered to S3 without the header line */
export function vpcLines(flows: Flow[]): string[] {
  return flows.map((f) => {
    const proto = f.proto === 'TCP' ? 6 : f.proto === 'UDP' ? 17 : 1;
    const start = Math.floor(f.ts / 1000);
    return `2 123456789012 eni-0f3c2a9b71d4e5a60 ${f.src} ${f.dst} ${f.sp} ${f.dp} ${proto} ${f.pkts} ${f.bytes} ${start} ${start + 60} ${f.refused ? 'REJECT' : 'ACCEPT'} OK`;
  });
}

const PAN_HEADER = 'Receive Time,Serial #,Type,Threat/Content Type,Generate Time,Source address,Destination address,NAT Source IP,NAT Destination IP,Rule,Source User,Destination User,Application,Virtual System,Source Zone,Destination Zone,Inbound Interface,Outbound Interface,Log Action,Repeat Count,Source Port,Destination Port,NAT Source Port,NAT Destination Port,Flags,IP Protocol,Action,Bytes,Bytes Sent,Bytes Received,Packets,Start Time,Elapsed Time (sec),Category,Session End Reason';
/** PAN-OS Monitor > Traffic exported as CSV: Bytes is both ways, Bytes Sent the client's */
export function panLines(flows: Flow[]): string[] {
  return [
    PAN_HEADER,
    ...flows.map((f) => {
      const inbound = !f.src.startsWith('10.');
      const rb = f.rbytes ?? 0;
      const app = f.refused ? 'incomplete' : f.dp === 443 ? 'ssl' : f.dp === 53 ? 'dns' : 'web-browsing';
      const action = f.refused ? 'reset-both' : 'allow';
      const end = f.refused ? 'policy-deny' : 'tcp-fin';
      const t = slashed(f.ts);
      return `${t},013201001234,TRAFFIC,${f.refused ? 'deny' : 'end'},${t},${f.src},${f.dst},0.0.0.0,0.0.0.0,${f.refused ? 'deny-inbound' : 'allow-out'},,,${app},vsys1,${inbound ? 'untrust' : 'trust'},${inbound ? 'trust' : 'untrust'},ethernet1/1,ethernet1/2,default,1,${f.sp},${f.dp},0,0,0x400019,${f.proto.toLowerCase()},${action},${f.bytes + rb},${f.bytes},${rb},${f.pkts + (f.rpkts ?? 0)},${t},${Math.round(f.dur ?? 0)},any,${end}`;
    }),
  ];
}

const CIC_HEADER = 'Flow ID, Source IP, Source Port, Destination IP, Destination Port, Protocol, Timestamp, Flow Duration, Total Fwd Packets, Total Backward Packets,Total Length of Fwd Packets, Total Length of Bwd Packets, Fwd Packet Length Max, Flow Bytes/s, Flow Packets/s, SYN Flag Count, RST Flag Count, Label';
/** CICFlowMeter as in CIC-IDS2017: spaces after commas in the header, `dd/MM/yyyy HH:mm`, microsecond durations */
export function cicLines(flows: Flow[]): string[] {
  return [
    CIC_HEADER,
    ...flows.map((f) => {
      const d = new Date(f.ts);
      const when = `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
      const proto = f.proto === 'TCP' ? 6 : f.proto === 'UDP' ? 17 : 1;
      const us = Math.round((f.dur ?? 0.001) * 1e6);
      const rb = f.rbytes ?? 0;
      const rp = f.rpkts ?? (f.refused ? 1 : 0);
      return `${f.src}-${f.dst}-${f.sp}-${f.dp}-${proto},${f.src},${f.sp},${f.dst},${f.dp},${proto},${when},${us},${f.pkts},${rp},${f.bytes},${rb},${Math.min(1460, f.bytes)},${(((f.bytes + rb) * 1e6) / us).toFixed(3)},${(((f.pkts + rp) * 1e6) / us).toFixed(3)},${f.refused ? 1 : 0},${f.refused ? 1 : 0},BENIGN`;
    }),
  ];
}

/** A Windows logon event (4624 success / 4625 failure). */
export interface Logon {
  ts: number;
  id: 4624 | 4625 | 4771;
  user: string;
  ip: string;
  type?: number;
  host?: string;
}
/** EvtxECmd-like flat CSV of the Security log */
export function winCsvLines(ls: Logon[]): string[] {
  return [
    'TimeCreated,EventID,Computer,TargetUserName,TargetDomainName,LogonType,IpAddress,IpPort,WorkstationName,Status,SubStatus',
    ...ls.map((l) => `${iso(l.ts)},${l.id},${l.host ?? 'DC01.corp.local'},${l.user},CORP,${l.type ?? 3},${l.ip},${40000 + (l.ts % 20000)},-,${l.id === 4625 ? '0xc000006d' : '0x0'},${l.id === 4625 ? '0xc000006a' : '0x0'}`),
  ];
}
/** Winlogbeat JSON lines (nested, as shipped to Elasticsearch) */
export function winlogbeatLines(ls: Logon[]): string[] {
  return ls.map((l) =>
    JSON.stringify({
      '@timestamp': iso(l.ts),
      event: { code: String(l.id), provider: 'Microsoft-Windows-Security-Auditing', outcome: l.id === 4625 ? 'failure' : 'success' },
      host: { name: l.host ?? 'FS01' },
      winlog: { channel: 'Security', event_id: String(l.id), computer_name: l.host ?? 'FS01.corp.local', event_data: { TargetUserName: l.user, TargetDomainName: 'CORP', LogonType: String(l.type ?? 3), IpAddress: l.ip, IpPort: '0', Status: l.id === 4625 ? '0xc000006d' : '0x0' } },
    }),
  );
}

/** One sshd line; `journal` writes it as journald's JSON export, else as a classic auth.log line */
export interface Ssh {
  ts: number;
  text: string;
  prog?: string;
  pid?: number;
  host?: string;
}
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function authLogLines(xs: Ssh[]): string[] {
  return xs.map((x) => {
    const d = new Date(x.ts);
    const when = `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
    const prog = x.prog ?? 'sshd';
    return `${when} ${x.host ?? 'bastion'} ${prog}${x.pid === undefined ? '' : `[${x.pid}]`}: ${x.text}`;
  });
}
export function journalLines(xs: Ssh[]): string[] {
  return xs.map((x, i) =>
    JSON.stringify({
      __CURSOR: `s=5b1e;i=${(0x1000 + i).toString(16)};b=8a2f;m=${i};t=${x.ts * 1000};x=1`,
      __REALTIME_TIMESTAMP: String(x.ts * 1000),
      __MONOTONIC_TIMESTAMP: String(1e9 + i),
      _BOOT_ID: '8a2f0c',
      PRIORITY: '6',
      SYSLOG_FACILITY: '10',
      _UID: '0',
      _TRANSPORT: 'syslog',
      _HOSTNAME: x.host ?? 'git01',
      SYSLOG_IDENTIFIER: x.prog ?? 'sshd',
      _COMM: x.prog ?? 'sshd',
      _PID: String(x.pid ?? 900),
      SYSLOG_PID: String(x.pid ?? 900),
      MESSAGE: x.text,
    }),
  );
}

export interface LogSet {
  nfdump: Flow[];
  /** nfdump's text output */
  nftext: Flow[];
  zeek: Flow[];
  vpc: Flow[];
  pan: Flow[];
  cic: Flow[];
  wincsv: Logon[];
  winbeat: Logon[];
  journal: Ssh[];
  authlog: Ssh[];
}
export const emptySet = (): LogSet => ({ nfdump: [], nftext: [], zeek: [], vpc: [], pan: [], cic: [], wincsv: [], winbeat: [], journal: [], authlog: [] });
export const merge = (...sets: Partial<LogSet>[]): LogSet => mergeSets(emptySet(), sets);

export function writeSet(dir: string, set: LogSet): string[] {
  const { put, files } = logFiles(dir);
  if (set.nfdump.length) put('nfcapd.csv', nfdumpLines(byTs(set.nfdump)));
  if (set.nftext.length) put('nfdump-long.txt', nfdumpTextLines(byTs(set.nftext)));
  if (set.zeek.length) put('conn.json', zeekJsonLines(byTs(set.zeek)));
  if (set.vpc.length) put('vpcflow.log', vpcLines(byTs(set.vpc)));
  if (set.pan.length) put('pan_traffic.csv', panLines(byTs(set.pan)));
  if (set.cic.length) put('cicflows.csv', cicLines(byTs(set.cic)));
  if (set.wincsv.length) put('security.csv', winCsvLines(byTs(set.wincsv)));
  if (set.winbeat.length) put('winlogbeat.json', winlogbeatLines(byTs(set.winbeat)));
  if (set.journal.length) put('sshd.journal.json', journalLines(byTs(set.journal)));
  if (set.authlog.length) put('auth.log', authLogLines(byTs(set.authlog)));
  return files;
}
