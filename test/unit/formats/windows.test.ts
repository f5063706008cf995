// Windows Security logon events in the exports responders actually have: EvtxECmd CSV (what
// Timeline Explorer is fed), PowerShell Get-WinEvent | Export-Csv (addresses only in the message
// text), and Winlogbeat/Elastic (ECS) JSON lines. Failed and successful logons must come out as
// auth_failure / auth_success with the remote address, so brute force and spraying are found.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { FIXTURES, parseFile, parseText } from './helpers';

const fx = (f: string): string => path.join(FIXTURES, f);

describe('Windows logon events', () => {
  it('EvtxECmd CSV: event id to action, "HOST (ip)" to the address, the account as user', () => {
    const r = parseFile(fx('evtxecmd.csv'));
    expect(r.detected.layout.format).toBe('csv');
    expect(r.records).toBe(4);
    expect(r.quarantined).toEqual([]);
    const [a, b, c, d] = r.rows;
    expect([a.ts, a.src_ip, a.action, a.user, a.program]).toEqual([Date.UTC(2024, 4, 1, 10, 0, 1, 123), '203.0.113.50', 'auth_failure', 'CORP\\administrator', 'Microsoft-Windows-Security-Auditing']);
    expect([b.src_ip, b.action, b.user]).toEqual(['203.0.113.50', 'auth_failure', 'CORP\\admin']);
    expect([c.src_ip, c.action, c.user]).toEqual(['10.0.0.7', 'auth_success', 'CORP\\jdoe']);
    // a process creation is neither: no action, and no address was logged
    expect([d.action, d.src_ip]).toEqual([null, null]);
    expect(a.message).toBe('An account failed to log on');
    // the machine that logged each event (Computer) is the host: where a successful logon got in
    expect([a.host, c.host]).toEqual(['DC01.corp.local', 'DC01.corp.local']);
  });

  it('Get-WinEvent | Export-Csv: address, port and target account read from the message text', () => {
    const r = parseFile(fx('winevent.csv'));
    expect(r.records).toBe(2);
    expect(r.quarantined).toEqual([]);
    const [f, s] = r.rows;
    expect([f.action, f.src_ip, f.src_port, f.user]).toEqual(['auth_failure', '198.51.100.23', 49822, 'backup']);
    expect([s.action, s.src_ip, s.src_port, s.user]).toEqual(['auth_success', '198.51.100.23', 49900, 'backup']);
    // "5/1/2024 1:15:30 PM": month first (US), 12-hour clock
    expect(f.ts).toBe(Date.UTC(2024, 4, 1, 10, 0, 1));
    expect(s.ts).toBe(Date.UTC(2024, 4, 1, 13, 15, 30));
  });

  it('Export-Csv from Windows PowerShell 5.1 starts with a #TYPE line: it is skipped, the header under it read; Kerberos events give "Client Address: ::ffff:…"', () => {
    const msg = (title: string, user: string, ip: string, extra: string): string =>
      `"${title}\r\n\r\nAccount Information:\r\n\tAccount Name:\t\t${user}\r\n\tAccount Domain:\t\tCORP\r\n\r\n${extra}Network Information:\r\n\tClient Address:\t\t::ffff:${ip}\r\n\tClient Port:\t\t50123\r\n"`;
    const text =
      '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n' +
      '"Message","Id","Version","Keywords","RecordId","ProviderName","LogName","MachineName","TimeCreated","KeywordsDisplayNames"\r\n' +
      `${msg('Kerberos pre-authentication failed.', 'bob', '10.0.0.9', '')},"4771","0","-9218868437227405312","1","Microsoft-Windows-Security-Auditing","Security","DC01.corp.local","5/1/2024 10:00:01 AM","{Audit Failure}"\r\n` +
      `${msg('A Kerberos service ticket was requested.', 'alice@CORP.LOCAL', '10.0.0.7', 'Service Information:\r\n\tService Name:\t\tsvc_sql\r\n\r\n')},"4769","0","-9214364837600034816","2","Microsoft-Windows-Security-Auditing","Security","DC01.corp.local","5/1/2024 10:00:02 AM","{Audit Success}"\r\n`;
    const r = parseText(text);
    expect(r.detected.layout.format).toBe('csv');
    expect(r.records).toBe(2);
    expect(r.quarantined).toEqual([]);
    const [f, t] = r.rows;
    expect([f.action, f.src_ip, f.src_port, f.user, f.ts]).toEqual(['auth_failure', '10.0.0.9', 50123, 'bob', Date.UTC(2024, 4, 1, 10, 0, 1)]);
    // a ticket request is no logon: no action, but the requester and account are read
    expect([t.action, t.src_ip, t.user]).toEqual([null, '10.0.0.7', 'alice@CORP.LOCAL']);
    // MachineName is the machine that logged them
    expect([f.host, t.host]).toEqual(['DC01.corp.local', 'DC01.corp.local']);
  });

  it('EvtxECmd CSV of Sysmon event 3: both ends, ports and protocol from the Payload JSON, over the far end in RemoteHost', () => {
    const data = [['Protocol', 'tcp'], ['SourceIp', '10.0.0.7'], ['SourcePort', '50123'], ['DestinationIp', '198.51.100.9'], ['DestinationPort', '443'], ['DestinationHostname', '-']];
    const payload = JSON.stringify({ EventData: { Data: data.map(([k, v]) => ({ '@Name': k, '#text': v })) } }).replace(/"/g, '""');
    const text =
      'RecordNumber,EventRecordId,TimeCreated,EventId,Level,Provider,Channel,Computer,MapDescription,UserName,RemoteHost,PayloadData1,ExecutableInfo,Payload\r\n' +
      `1,7,2024-05-01 10:00:01.0000000,3,Info,Microsoft-Windows-Sysmon,Microsoft-Windows-Sysmon/Operational,WKS7.corp.local,Network connection detected,CORP\\jdoe,- (198.51.100.9),SourceIp: 10.0.0.7,C:\\Users\\jdoe\\a.exe,"${payload}"\r\n`;
    const r = parseText(text);
    expect(r.quarantined).toEqual([]);
    const [c] = r.rows;
    expect([c.src_ip, c.src_port, c.dst_ip, c.dst_port, c.proto]).toEqual(['10.0.0.7', 50123, '198.51.100.9', 443, 'TCP']);
  });

  it('Winlogbeat (ECS) JSON lines: event.code, source.ip, user.name', () => {
    const r = parseFile(fx('winlogbeat.jsonl'));
    expect(r.detected.layout.format).toBe('jsonl');
    const [f, s] = r.rows;
    expect([f.action, f.src_ip, f.src_port, f.user]).toEqual(['auth_failure', '192.0.2.77', 50211, 'svc_sql']);
    expect([s.action, s.src_ip]).toEqual(['auth_success', '192.0.2.77']);
  });

  it('a column named Id is an event id only beside other Windows fields; elsewhere 4625 is just a number', () => {
    const plain = parseText('id,ip,time,status\n4625,10.0.0.1,2024-05-01T10:00:00Z,200\n4624,10.0.0.2,2024-05-01T10:00:01Z,200\n');
    expect(plain.rows.map((r) => r.action)).toEqual([null, null]);
    const win = parseText('TimeCreated,Id,ProviderName,IpAddress,TargetUserName\n2024-05-01T10:00:00Z,4625,Microsoft-Windows-Security-Auditing,10.0.0.1,bob\n2024-05-01T10:00:01Z,4771,Microsoft-Windows-Security-Auditing,10.0.0.1,bob\n');
    expect(win.rows.map((r) => r.action)).toEqual(['auth_failure', 'auth_failure']);
  });

  it('an action the log states itself wins over the event id', () => {
    const r = parseText('time,EventID,src_ip,action\n2024-05-01T10:00:00Z,4625,10.0.0.1,blocked\n');
    expect(r.rows[0].action).toBe('reject');
  });

  it('Event Viewer "Save as CSV": the unnamed sixth field is the message, read for address and account', () => {
    const head = 'Keywords,Date and Time,Source,Event ID,Task Category\r\n';
    const msg = (ip: string, user: string): string =>
      `"An account failed to log on.\r\n\r\nSubject:\r\n\tAccount Name:\t\t-\r\n\r\nAccount For Which Logon Failed:\r\n\tAccount Name:\t\t${user}\r\n\r\nNetwork Information:\r\n\tSource Network Address:\t${ip}\r\n\tSource Port:\t\t51234"`;
    const r = parseText(
      head +
        `Audit Failure,3/10/2024 6:00:00 AM,Microsoft-Windows-Security-Auditing,4625,Logon,${msg('203.0.113.44', 'administrator')}\r\n` +
        `Audit Failure,12/5/2024 1:02:03 PM,Microsoft-Windows-Security-Auditing,4625,Logon,${msg('2001:db8::7', 'backup')}\r\n` +
        // an unquoted message holding commas, and one left out
        'Audit Success,12/5/2024 1:02:04 PM,Microsoft-Windows-Security-Auditing,4672,Special Logon,Special privileges assigned to new logon, see details\r\n' +
        'Audit Success,12/5/2024 1:02:05 PM,Microsoft-Windows-Security-Auditing,4634,Logoff\r\n',
    );
    expect(r.detected.layout.format).toBe('csv');
    expect(r.records).toBe(4);
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((e) => [e.ts, e.action, e.src_ip, e.src_port, e.user])).toEqual([
      [Date.UTC(2024, 2, 10, 6), 'auth_failure', '203.0.113.44', 51234, 'administrator'],
      [Date.UTC(2024, 11, 5, 13, 2, 3), 'auth_failure', '2001:db8::7', 51234, 'backup'],
      [Date.UTC(2024, 11, 5, 13, 2, 4), null, null, null, null],
      [Date.UTC(2024, 11, 5, 13, 2, 5), null, null, null, null],
    ]);
    expect(r.rows[2].message).toBe('Special privileges assigned to new logon, see details');
    expect(r.rows[3].message).toBeNull();
  });

  it('Event Viewer CSV: one unreadable date is that row\'s problem, and a stray dotted date does not turn AM/PM dates day-first', () => {
    const head = 'Keywords,Date and Time,Source,Event ID,Task Category\n';
    const row = (d: string): string => `Audit Failure,${d},Microsoft-Windows-Security-Auditing,4625,Logon,"An account failed to log on."\n`;
    const r = parseText(head + row('3/10/2024 6:00:00 AM') + row('13/45/2024 6:00:00 AM') + row('31.12.2024 23:59:59') + row('3/11/2024 7:00:00 PM'));
    expect(r.detected.layout.mapping.ts).toBe('Date and Time');
    expect(r.rows.map((e) => e.ts)).toEqual([Date.UTC(2024, 2, 10, 6), null, Date.UTC(2024, 11, 31, 23, 59, 59), Date.UTC(2024, 2, 11, 19)]);
  });

  it('a trailing column no header names, in a generic export, is kept (not a parse error)', () => {
    const r = parseText('time,src_ip,status\n2024-05-01T10:00:00Z,10.0.0.1,200,edge-7\n2024-05-01T10:00:01Z,10.0.0.2,404,edge-8\n');
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((e) => [e.src_ip, e.status, JSON.parse(e.extra as string)])).toEqual([
      ['10.0.0.1', 200, { col4: 'edge-7' }],
      ['10.0.0.2', 404, { col4: 'edge-8' }],
    ]);
  });

  it('a weak address name ("Source") holding no address is not taken as the source IP', () => {
    const r = parseText('Keywords,Date and Time,Source,Event ID,Task Category\nAudit Failure,5/1/2024 10:00:01 AM,Microsoft-Windows-Security-Auditing,4625,Logon\n');
    expect(r.rows[0].src_ip).toBeNull();
    expect(r.rows[0].action).toBe('auth_failure');
    expect(r.rows[0].ts).toBe(Date.UTC(2024, 4, 1, 10, 0, 1));
  });
});

describe('Windows events as XML (winxml)', () => {
  const sys = (id: number, kw = '0x8010000000000000', provider = 'Microsoft-Windows-Security-Auditing'): string =>
    `<System><Provider Name='${provider}'/><EventID Qualifiers=''>${id}</EventID><Keywords>${kw}</Keywords><TimeCreated SystemTime='2024-05-01T10:00:01.1234567Z'/><EventRecordID>7</EventRecordID><Channel>Security</Channel><Computer>DC01.corp.local</Computer></System>`;
  const event = (system: string, data: string): string => `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>${system}<EventData>${data}</EventData></Event>`;

  it('logon failure: address, port and target account (not the subject), the rest in extra', () => {
    const r = parseText(event(sys(4625), "<Data Name='SubjectUserName'>DC01$</Data><Data Name='TargetUserName'>backup</Data><Data Name='LogonType'>3</Data><Data Name='IpAddress'>198.51.100.23</Data><Data Name='IpPort'>49822</Data>") + '\n');
    expect(r.detected.layout.format).toBe('winxml');
    const e = r.rows[0];
    expect([e.ts, e.host, e.program, e.action, e.src_ip, e.src_port, e.user]).toEqual([Date.UTC(2024, 4, 1, 10, 0, 1, 123), 'DC01.corp.local', 'Microsoft-Windows-Security-Auditing', 'auth_failure', '198.51.100.23', 49822, 'backup']);
    expect(JSON.parse(e.extra as string)).toMatchObject({ EventID: '4625', LogonType: '3', SubjectUserName: 'DC01$', Channel: 'Security' });
  });

  it('4776 follows its keywords; a local logon has no address; entities are decoded, markup stays text', () => {
    const r = parseText(
      [
        event(sys(4776, '0x8010000000000000'), "<Data Name='TargetUserName'>svc</Data><Data Name='Workstation'>WS1</Data>"),
        event(sys(4776, '0x8020000000000000'), "<Data Name='TargetUserName'>svc</Data>"),
        event(sys(4624, '0x8020000000000000'), "<Data Name='TargetUserName'>&lt;script&gt;alert(1)&lt;/script&gt;</Data><Data Name='IpAddress'>-</Data><Data Name='IpPort'>-</Data>"),
      ].join('\n') + '\n',
    );
    // a failure with no address is attributed to the workstation it names (NTLM through a workstation)
    expect(r.rows.map((x) => [x.action, x.src_ip, x.user])).toEqual([
      ['auth_failure', 'WS1', 'svc'],
      [null, null, 'svc'],
      ['auth_success', null, '<script>alert(1)</script>'],
    ]);
  });

  it('Sysmon network connections map by field name (SourceIp, DestinationPort)', () => {
    const r = parseText(event(sys(3, '0x8000000000000000', 'Microsoft-Windows-Sysmon'), "<Data Name='Image'>C:\\Windows\\System32\\rundll32.exe</Data><Data Name='Protocol'>tcp</Data><Data Name='SourceIp'>10.0.0.5</Data><Data Name='SourcePort'>50123</Data><Data Name='DestinationIp'>203.0.113.80</Data><Data Name='DestinationPort'>443</Data>") + '\n');
    const e = r.rows[0];
    expect([e.src_ip, e.src_port, e.dst_ip, e.dst_port, e.proto, e.action]).toEqual(['10.0.0.5', 50123, '203.0.113.80', 443, 'TCP', null]);
  });
});

describe('Microsoft Defender XDR / Sentinel advanced hunting exports', () => {
  it('DeviceLogonEvents and IdentityLogonEvents: ActionType types the logon, DeviceName is the machine logged on to; LogonAttempted stays untyped', () => {
    const head = 'Timestamp,DeviceId,DeviceName,ActionType,LogonType,AccountDomain,AccountName,Protocol,FailureReason,RemoteDeviceName,RemoteIP,RemoteIPType,RemotePort,ReportId';
    const rows = [
      '2026-12-01T09:00:01.123Z,abc,srv01.corp.local,LogonFailed,Network,corp,admin,NTLM,InvalidUserNameOrPassword,kali,203.0.113.88,Public,51234,1',
      '2026-12-01T09:00:05.000Z,abc,srv01.corp.local,LogonSuccess,RemoteInteractive,corp,jdoe,Negotiate,,WKS-7,10.0.0.7,Private,50123,2',
      '2026-12-01T09:00:06.000Z,abc,srv01.corp.local,LogonAttempted,Network,corp,svc,Kerberos,,,10.0.0.8,Private,50124,3',
    ];
    const r = parseText([head, ...rows].join('\n') + '\n');
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((x) => [x.action, x.src_ip, x.user, x.host])).toEqual([
      ['auth_failure', '203.0.113.88', 'admin', 'srv01.corp.local'],
      ['auth_success', '10.0.0.7', 'jdoe', 'srv01.corp.local'],
      [null, '10.0.0.8', 'svc', 'srv01.corp.local'],
    ]);
    const id = parseText('Timestamp,ActionType,Application,LogonType,Protocol,AccountName,AccountDomain,DeviceName,IPAddress,Port,DestinationDeviceName,FailureReason\n2026-12-01T09:00:01Z,LogonFailed,Active Directory,Resource access,Ntlm,admin,corp,KALI,203.0.113.90,50000,DC01,WrongPassword\n');
    // Defender for Identity: DeviceName is the client, DestinationDeviceName the machine logged on to
    expect([id.rows[0]!.action, id.rows[0]!.src_ip, id.rows[0]!.user, id.rows[0]!.host]).toEqual(['auth_failure', '203.0.113.90', 'admin', 'DC01']);
  });
});
