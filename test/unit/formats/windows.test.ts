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

  it('a weak address name ("Source") holding no address is not taken as the source IP', () => {
    const r = parseText('Keywords,Date and Time,Source,Event ID,Task Category\nAudit Failure,5/1/2024 10:00:01 AM,Microsoft-Windows-Security-Auditing,4625,Logon\n');
    expect(r.rows[0].src_ip).toBeNull();
    expect(r.rows[0].action).toBe('auth_failure');
    expect(r.rows[0].ts).toBe(Date.UTC(2024, 4, 1, 10, 0, 1));
  });
});
