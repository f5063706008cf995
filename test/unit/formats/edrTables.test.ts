// Defender for Endpoint's advanced-hunting tables as the portal exports them (CSV): which side of
// a row is the source. DeviceNetworkEvents names the machine Local and the other side Remote, so
// a connection the machine opened goes from LocalIP to RemoteIP (and an accepted one the other
// way); DeviceLogonEvents' RemoteIP is the client that logged on, the source.
import { describe, expect, it } from 'vitest';
import { parseText } from './helpers';

describe("Defender for Endpoint's tables", () => {
  it('DeviceNetworkEvents: outbound rows go from the machine to the remote address, inbound ones come from it', () => {
    const r = parseText(
      [
        'Timestamp,DeviceId,DeviceName,ActionType,RemoteIP,RemotePort,RemoteUrl,LocalIP,LocalPort,Protocol,LocalIPType,RemoteIPType,InitiatingProcessFileName,InitiatingProcessCommandLine,ReportId',
        '2026-12-05T01:01:00.0000000Z,d1,ws-07,ConnectionSuccess,45.77.65.211,443,,10.0.5.17,50000,Tcp,Private,Public,rundll32.exe,"rundll32.exe C:\\Users\\Public\\x.dll,Start",1',
        '2026-12-05T01:02:00.0000000Z,d1,ws-07,ConnectionFailed,45.77.65.211,8443,,10.0.5.17,50001,Tcp,Private,Public,rundll32.exe,rundll32.exe,2',
        '2026-12-05T01:03:00.0000000Z,d1,ws-07,InboundConnectionAccepted,10.0.9.4,51515,,10.0.5.17,445,Tcp,Private,Private,System,,3',
      ].join('\r\n') + '\r\n',
    );
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((e) => [e.src_ip, e.src_port, e.dst_ip, e.dst_port])).toEqual([
      ['10.0.5.17', 50000, '45.77.65.211', 443],
      ['10.0.5.17', 50001, '45.77.65.211', 8443],
      ['10.0.9.4', 51515, '10.0.5.17', 445],
    ]);
  });

  it('DeviceLogonEvents: the remote address is the client that logged on', () => {
    const r = parseText(
      [
        'Timestamp,DeviceId,DeviceName,ActionType,LogonType,AccountDomain,AccountName,Protocol,FailureReason,RemoteDeviceName,RemoteIP,RemoteIPType,RemotePort,ReportId',
        '2026-12-05T01:10:02.0000000Z,d1,srv-rdp01,LogonFailed,Network,srv-rdp01,administrator,NTLM,InvalidUserNameOrPassword,WIN-ABC,91.240.118.22,Public,0,1',
      ].join('\r\n') + '\r\n',
    );
    expect(r.rows.map((e) => [e.src_ip, e.user, e.action])).toEqual([['91.240.118.22', 'administrator', 'auth_failure']]);
  });
});
