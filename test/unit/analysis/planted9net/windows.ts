// Round 9 Windows: a domain controller's Security log as EvtxECmd writes it, with one account's
// TGT roasted without pre-authentication (4768, PreAuthType 0, RC4) beside the legacy application
// that logs on as that account all day; and logons that name only the workstation.
import { evtxRow, EVTX_HEADER } from '../planted6host/windows';

const SEC = 'Microsoft-Windows-Security-Auditing';
const DC = 'DC01.corp.example.com';
const DOM = 'S-1-5-21-3623811015-3361044348-30300820';
const hms = (sec: number): string => new Date(Date.UTC(2026, 2, 10) + sec * 1000).toISOString().slice(11, 19);

/** A 4768 (TGT requested) on DC01 as EvtxECmd maps it. */
const tgt = (n: number, sec: number, user: string, ip: string, preAuth: string, enc: string): string =>
  evtxRow({ n, t: hms(sec), id: 4768, provider: SEC, channel: 'Security', computer: DC, map: 'A Kerberos authentication ticket (TGT) was requested', pd: [`Target: CORP.EXAMPLE.COM\\${user}`, 'Service: krbtgt', `TicketEncryptionType: ${enc}`, `PreAuthType: ${preAuth}`, 'Status: 0x0'], data: { TargetUserName: user, TargetDomainName: 'CORP.EXAMPLE.COM', TargetSid: `${DOM}-${3000 + user.length}`, ServiceName: 'krbtgt', ServiceSid: `${DOM}-502`, TicketOptions: '0x40810010', Status: '0x0', TicketEncryptionType: enc, PreAuthType: preAuth, IpAddress: `::ffff:${ip}`, IpPort: String(50000 + (n % 9000)), CertIssuerName: '', CertSerialNumber: '', CertThumbprint: '' } });

export const LEGACY = '10.0.9.40';
export const ROASTER = '10.0.5.77';
export const ROASTER2 = '10.0.6.12';

/** DC01's TGT requests for a day. */
export function dcTgts(): string[] {
  const rows = [EVTX_HEADER];
  let n = 41000;
  const users = ['a.baker', 'b.chen', 'c.diaz', 'd.evans', 'e.fischer', 'f.garcia'];
  // trap: ordinary pre-authenticated logons (PreAuthType 2), AES
  for (let i = 0; i < 60; i++) rows.push(tgt(n++, 7 * 3600 + i * 480, users[i % users.length]!, `10.0.2.${20 + (i % 12)}`, '2', '0x12'));
  // trap: the scan-to-folder application logs on as svc_scan2folder (pre-authentication off) in RC4 every two hours from its server
  for (let h = 0; h < 12; h++) rows.push(tgt(n++, h * 7200 + 420, 'svc_scan2folder', LEGACY, '0', '0x17'));
  // planted: from a workstation, that account's TGT once, in RC4 (GetNPUsers -usersfile with one name)
  rows.push(tgt(n++, 14 * 3600 + 1337, 'svc_scan2folder', ROASTER, '0', '0x17'));
  // planted: another workstation asks for svc_backup (pre-authentication off), once, in RC4, and nobody else ever does
  rows.push(tgt(n++, 16 * 3600 + 600, 'svc_backup', ROASTER2, '0', '0x17'));
  return rows.sort((a, b) => (a === EVTX_HEADER ? -1 : b === EVTX_HEADER ? 1 : a.split(',')[2]!.localeCompare(b.split(',')[2]!)));
}

/** A 4624 (logon) on `computer` that logged no address, only the workstation's name (NTLM), as EvtxECmd maps it. */
const logon = (n: number, sec: number, computer: string, user: string, ws: string, type: string): string =>
  evtxRow({ n, t: hms(sec), id: 4624, provider: SEC, channel: 'Security', computer, map: 'An account was successfully logged on', remote: `${ws} (-)`, pd: [`Target: CORP\\${user}`, `LogonType ${type}`], data: { SubjectUserSid: 'S-1-0-0', SubjectUserName: '-', TargetUserName: user, TargetDomainName: 'CORP', LogonType: type, LogonProcessName: 'NtLmSsp ', AuthenticationPackageName: 'NTLM', WorkstationName: ws, IpAddress: '-', IpPort: '-' } });

export const HOPPER = 'WS-0457';
export const SCCM = 'SCCM01';

/** The member servers' Security logs (forwarded to one collector): logons that name only the workstation. */
export function serverLogons(): string[] {
  const rows: { sec: number; line: string }[] = [];
  let n = 88000;
  const srv = (i: number): string => `SRV${String(i).padStart(2, '0')}.corp.example.com`;
  // trap: the configuration manager logs on to each of the 15 servers every hour as its service account
  for (let h = 0; h < 24; h++) for (let i = 0; i < 15; i++) rows.push({ sec: h * 3600 + i * 7, line: logon(n++, h * 3600 + i * 7, srv(i), 'svc_sccm', SCCM, '3') });
  // trap: a user's RDP session to one server, twice
  for (const sec of [9 * 3600, 13 * 3600]) rows.push({ sec, line: logon(n++, sec, srv(3), 'p.owens', 'LT-0231', '10') });
  // planted: WS-0457 logs on to every server once within ten minutes as an administrator (network and RDP logons)
  for (let i = 0; i < 15; i++) rows.push({ sec: 3 * 3600 + 1800 + i * 40, line: logon(n++, 3 * 3600 + 1800 + i * 40, srv(i), 'j.doe-adm', HOPPER, i % 4 === 3 ? '10' : '3') });
  return [EVTX_HEADER, ...rows.sort((a, b) => a.sec - b.sec).map((r) => r.line)];
}
