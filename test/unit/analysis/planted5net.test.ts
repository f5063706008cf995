// Round 5, network flows, firewalls and logins: incidents written by hand as the real exports a
// responder gets (EvtxECmd CSV of a domain controller's Security log, Get-WinEvent | Export-Csv with
// its #TYPE line, firewall and flow logs), each beside the benign traffic that looks like it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles, RANK } from './plantedKit';
import * as F from './planted5net/firewall';
import * as S from './planted5net/sysmon';
import * as Z from './planted5net/zeek';

afterAll(cleanupPlanted);

const HERE = path.join(__dirname, 'planted5net');
/** A fixture of this round, copied into the case folder. */
const fixture = (dir: string, name: string): string => {
  const to = path.join(dir, name);
  fs.copyFileSync(path.join(HERE, name), to);
  return to;
};

/** No medium or higher finding outside the planted entities. */
function expectQuietElsewhere(found: Finding[], planted: string[]): void {
  expect(found.filter((f) => RANK[f.severity] >= RANK.medium && !planted.includes(f.entity)).map((f) => `${f.detector}:${f.entity}:${f.severity}:${f.title}`)).toEqual([]);
}

describe('round 5 net: Kerberoasting', () => {
  it('finds RC4 service tickets for 24 service accounts in 39 s in an EvtxECmd CSV, not the workstations asking for AES tickets nor an old appliance asking RC4 for its one service all day', async () => {
    const found = await analysePlanted('planted5net', (dir) => [fixture(dir, 'dc01-security-evtxecmd.csv')]);
    const f = expectFound(found, 'kerberoasting', '10.20.1.37', 'high');
    expect(f.title).toMatch(/24 service accounts/);
    // what a responder needs: who asked, which accounts to reset, why RC4 matters, the setting crossed
    expect(f.explanation).toMatch(/j\.doe@CORP\.EXAMPLE\.COM/);
    expect(f.explanation).toMatch(/svc_sql, svc_sqlrpt/);
    expect(f.explanation).toMatch(/0x17/);
    expect(f.explanation).toMatch(/kerberoasting\.minServices/);
    expect(f.threshold?.setting).toBe('kerberoasting.minServices');
    // the appliance asking RC4 tickets for HTTP-legacy all day is no finding at all
    expect(found.filter((x) => x.entity === '10.20.2.15'), listFindings(found)).toEqual([]);
    expectQuietElsewhere(found, ['10.20.1.37']);
  }, 60_000);

  it('reads a Get-WinEvent | Export-Csv with its #TYPE line and the requester from "Client Address: ::ffff:…" in the message', async () => {
    const found = await analysePlanted('planted5net', (dir) => [fixture(dir, 'dc02-security-export-csv.csv')]);
    const f = expectFound(found, 'kerberoasting', '10.20.1.88', 'high');
    expect(f.title).toMatch(/8 service accounts/);
    expect(f.explanation).toMatch(/k\.ward@CORP\.EXAMPLE\.COM/);
    // refused requests (Failure Code 0x7, no ticket) from the monitoring server are not tickets
    expectQuietElsewhere(found, ['10.20.1.88']);
  }, 60_000);

  it('stays quiet on a workstation asking RC4 tickets for four services (under kerberoasting.minServices) and on computer accounts; five are reported', async () => {
    const H = 'RecordNumber,EventRecordId,TimeCreated,EventId,Level,Provider,Channel,ProcessId,ThreadId,Computer,ChunkNumber,UserId,MapDescription,UserName,RemoteHost,PayloadData1,PayloadData2,PayloadData3,PayloadData4,PayloadData5,PayloadData6,ExecutableInfo,HiddenRecord,SourceFile,Keywords,ExtraDataOffset,Payload';
    const row = (n: number, t: string, svc: string, ip: string): string =>
      `${n},${n},2026-03-09 ${t}.1234567,4769,LogAlways,Microsoft-Windows-Security-Auditing,Security,788,1204,DC01.corp.example.com,40,,"A Kerberos service ticket was requested","m.lee@CORP.EXAMPLE.COM","(::ffff:${ip})","Service: ${svc}","TicketEncryptionType: 0x17","Status: 0x0","TicketOptions: 0x40810000","","",,False,"C:\\Cases\\Security.evtx",Audit success,0,""`;
    const found = await analysePlanted('planted5net', (dir) => {
      const { put, files } = logFiles(dir);
      put('security.csv', [
        H,
        // four user services: an old client of four applications, under the threshold
        ...['svc_a', 'svc_b', 'svc_c', 'svc_d'].map((s, i) => row(100 + i, `10:00:0${i}`, s, '10.20.1.41')),
        // twenty computer accounts in RC4 (an old domain): machine passwords are not cracked
        ...Array.from({ length: 20 }, (_, i) => row(200 + i, `11:00:${String(10 + i).padStart(2, '0')}`, `SRV${i}$`, '10.20.1.42')),
        // five user services within a minute: at the threshold
        ...['svc_a', 'svc_b', 'svc_c', 'svc_d', 'svc_e'].map((s, i) => row(300 + i, `12:00:0${i}`, s, '10.20.1.43')),
      ]);
      return files;
    });
    expect(found.filter((x) => x.detector === 'kerberoasting').map((x) => x.entity), listFindings(found)).toEqual(['10.20.1.43']);
  }, 60_000);
});

describe('round 5 net: Zeek conn.log (TSV)', () => {
  const zeek = (...sets: Z.Conn[][]): Promise<Finding[]> =>
    analysePlanted('planted5net', (dir) => {
      const { put, files } = logFiles(dir);
      put('conn.log', Z.connLog(sets.flat()));
      return files;
    });

  it('keeps the monitor pinging every device, ping -t to a public resolver all day, a path-MTU test and the nightly backup below medium', async () => {
    const found = await zeek(Z.benignDay());
    expect(found.filter((f) => f.detector === 'icmpTunnel'), listFindings(found)).toEqual([]);
    // Zeek and NetFlow write a ping left running as a record a minute, each lasting the minute: one
    // exchange cut by the exporter, not a check-in a minute (it was a high beacon)
    const ping = found.find((f) => f.detector === 'beaconing' && f.entity === `${Z.PINGER} -> 8.8.8.8`);
    expect(ping?.severity, listFindings(found)).toBe('low');
    expect(ping!.explanation).toMatch(/began as the one before them ended/);
    expect(ping!.title).toMatch(new RegExp(`^Long-lived connection from ${Z.PINGER.replace(/\./g, '\\.')} to 8\\.8\\.8\\.8, written out every 1 min over `));
    expectQuietElsewhere(found, []);
  }, 60_000);

  it('finds an ICMP tunnel: about 90 MiB of 1 KB echo requests to one outside host in five hours; a short ping every 5 min to an outside host stays a beacon', async () => {
    const found = await zeek(Z.benignDay(), Z.icmpTunnel(), Z.icmpBeacon());
    expectFound(found, 'beaconing', '10.1.5.33 -> 91.215.85.17', 'medium');
    const f = expectFound(found, 'icmpTunnel', '10.1.5.41', 'high');
    expect(f.title, f.title).toMatch(/to 45\.61\.185\.90: 9\d\.\d MiB in pings of 1024 bytes/);
    expect(f.explanation).toMatch(/32 \(Windows\) or 56/);
    expect(f.explanation).toMatch(/icmpTunnel\.minPacketBytes/);
    // Zeek writes an ICMP "connection" a minute: the same pair may be called a beacon too, nothing else
    expectQuietElsewhere(found, ['10.1.5.41', '10.1.5.41 -> 45.61.185.90', '10.1.5.33 -> 91.215.85.17']);
  }, 60_000);

  it('finds 5.6 GiB leaving for one outside address after the same host pulled 6 GB from the file server', async () => {
    const found = await zeek(Z.benignDay(), Z.stageAndExfil());
    const f = expectFound(found, 'heavyTraffic', '10.1.5.23', 'high');
    expect(f.title).toMatch(/5\.60 GiB to 193\.29\.56\.12/);
    // where the data came from: the file server it read 5.6 GiB from an hour and a half before
    expect(f.explanation).toMatch(/pulled 5\.\d+ GiB from the inside server 10\.1\.2\.10 \(port 445\)/);
    expect(f.explanation).toMatch(/heavyTraffic\.stagedShare/);
    expectQuietElsewhere(found, ['10.1.5.23']);
  }, 60_000);
});

describe('round 5 net: a stolen admin account spreading, in forwarded events (EvtxECmd CSV of a collector)', () => {
  it('finds one workstation logging on to 15 servers in minutes as j.doe-adm; the domain controller\'s logon volume, an SCCM server visiting every server all day and three typos stay quiet', async () => {
    const found = await analysePlanted('planted5net', (dir) => [fixture(dir, 'wec-forwarded-evtxecmd.csv')]);
    // the servers are known only from EvtxECmd's Computer column: without it no machine was counted
    const f = expectFound(found, 'lateralMovement', '10.20.1.37', 'medium');
    expect(f.title).toMatch(/logged in to 15 machines/);
    expect(f.explanation).toMatch(/j\.doe-adm/);
    expect(f.explanation).toMatch(/SRV\d\d\.corp\.example\.com/);
    expect(found.filter((x) => x.entity === '10.20.2.30' && RANK[x.severity] >= RANK.low), listFindings(found)).toEqual([]);
    expectQuietElsewhere(found, ['10.20.1.37']);
  }, 60_000);
});

describe('round 5 net: Sysmon network connections in EvtxECmd CSV', () => {
  it('reads the connection ends from the Payload column (RemoteHost names the far end) and finds the implant beaconing every minute', async () => {
    const found = await analysePlanted('planted5net', (dir) => {
      const { put, files } = logFiles(dir);
      put('sysmon.csv', S.sysmonCsv(S.browsingAndImplant()));
      return files;
    });
    // without the Payload the rows had no source, or the far end as the source
    expect(expectFound(found, 'beaconing', '10.20.1.37 -> 45.77.12.34:443', 'medium').title).toMatch(/every 1 min/);
    expect(found.filter((f) => f.entity.startsWith('45.77.12.34')), listFindings(found)).toEqual([]);
    expectQuietElsewhere(found, ['10.20.1.37 -> 45.77.12.34:443']);
  }, 60_000);
});

describe('round 5 net: a pfSense firewall log only', () => {
  const pf = (...sets: Parameters<typeof F.filterlogLines>): Promise<Finding[]> =>
    analysePlanted('planted5net', (dir) => {
      const { put, files } = logFiles(dir);
      put('filterlog.log', F.filterlogLines(...sets));
      return files;
    });

  it('finds a scan of one new port a minute for 22 hours (all blocked) and SSH guessing seen only as 480 passed connections to 22, not the internet noise, the VPN, the resolver or the admins', async () => {
    const found = await pf(F.benign(), F.slowScan(), F.sshGuessing());
    expect(expectFound(found, 'portScan', '185.156.73.91', 'high').title).toMatch(/1,320 destination ports/);
    expect(expectFound(found, 'bruteForce', '45.135.232.9', 'medium').title).toMatch(/SSH/);
    expectQuietElsewhere(found, ['185.156.73.91', '45.135.232.9']);
  }, 60_000);
});

describe('round 5 net: RDP password spraying in an EvtxECmd CSV', () => {
  it('finds 30 accounts tried twice each from one outside address (workstation names kali, WIN-…, -), not a user mistyping three times at the console', async () => {
    const H = 'RecordNumber,EventRecordId,TimeCreated,EventId,Level,Provider,Channel,ProcessId,ThreadId,Computer,ChunkNumber,UserId,MapDescription,UserName,RemoteHost,PayloadData1,PayloadData2,PayloadData3,PayloadData4,PayloadData5,PayloadData6,ExecutableInfo,HiddenRecord,SourceFile,Keywords,ExtraDataOffset,Payload';
    const users = ['administrator', 'admin', 'j.smith', 'm.jones', 'svc_backup', 'helpdesk', 's.taylor', 'a.wilson', 'r.brown', 'k.lee', 'test', 'scanner', 'l.martin', 'd.white', 'p.harris', 'c.clark', 't.lewis', 'b.walker', 'e.hall', 'f.young', 'g.king', 'h.wright', 'i.lopez', 'n.hill', 'o.scott', 'q.green', 'u.adams', 'v.baker', 'w.nelson', 'x.carter'];
    const hms = (s: number): string => new Date(Date.UTC(2026, 2, 9) + s * 1000).toISOString().slice(11, 19);
    const row = (n: number, s: number, id: number, user: string, remote: string, type: number, kw: string): string =>
      `${n},${n},2026-03-09 ${hms(s)}.0450000,${id},LogAlways,Microsoft-Windows-Security-Auditing,Security,672,7320,RDSH01.corp.example.com,12,,"${id === 4625 ? 'An account failed to log on' : 'Successful logon'}","CORP\\${user}","${remote}","Target: CORP\\${user}","LogonType ${type}","Status: 0xC000006D","SubStatus: 0xC000006A","Auth: NTLM","",,False,"C:\\Cases\\Security.evtx",${kw},0,""`;
    const lines = [H];
    let n = 0;
    for (let round = 0; round < 2; round++) users.forEach((u, i) => lines.push(row(++n, 2 * 3600 + round * 900 + i * 25, 4625, u, `${['kali', 'WIN-8R2DA1', '-'][i % 3]} (185.220.101.47)`, 3, 'Audit failure')));
    for (const s of [0, 8, 19]) lines.push(row(++n, 8 * 3600 + 12 * 60 + s, 4625, 'p.harris', 'RDSH01 (10.20.1.42)', 10, 'Audit failure'));
    lines.push(row(++n, 8 * 3600 + 12 * 60 + 30, 4624, 'p.harris', 'RDSH01 (10.20.1.42)', 10, 'Audit success'));
    const found = await analysePlanted('planted5net', (dir) => {
      const { put, files } = logFiles(dir);
      put('rdsh01-security.csv', lines);
      return files;
    });
    expect(expectFound(found, 'bruteForce', '185.220.101.47', 'medium').title).toMatch(/spraying.*30 user names, 60 failed logins/);
    expect(found.filter((f) => f.entity === '10.20.1.42'), listFindings(found)).toEqual([]);
    expectQuietElsewhere(found, ['185.220.101.47']);
  }, 60_000);
});
