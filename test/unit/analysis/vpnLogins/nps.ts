// Microsoft Network Policy Server answering a Routing and Remote Access VPN's RADIUS requests, as
// `wevtutil qe Security /f:xml` writes the events: 6273 (denied; reason 16, a credentials mismatch)
// and 6272 (granted). The Calling Station ID is the user's public address; the RADIUS client (the
// RRAS server, 10.0.0.20) is no user's client.
import type { Attempt } from './scenario';

export function npsEvents(attempts: readonly Attempt[]): string[] {
  return attempts.map((a, i) => {
    const id = a.ok ? 6272 : 6273;
    const when = new Date(a.ms).toISOString().replace('Z', '1234Z').replace(/\.(\d{3})/, '.$1');
    const reason = a.ok
      ? "<Data Name='ReasonCode'>0</Data><Data Name='Reason'>The operation completed successfully.</Data>"
      : "<Data Name='ReasonCode'>16</Data><Data Name='Reason'>Authentication failed due to a user credentials mismatch. Either the user name provided does not map to an existing user account or the password was incorrect.</Data>";
    return (
      `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/><EventID>${id}</EventID><Version>1</Version><Level>0</Level><Task>12552</Task><Opcode>0</Opcode>` +
      `<Keywords>${a.ok ? '0x8020000000000000' : '0x8010000000000000'}</Keywords><TimeCreated SystemTime='${when}'/><EventRecordID>${4_200_000 + i}</EventRecordID><Correlation ActivityID='{6e5e3b8a-0d0c-4b55-9f6d-2c1a4f0e${String(1000 + (i % 9000)).padStart(4, '0')}}'/><Execution ProcessID='764' ThreadID='2316'/><Channel>Security</Channel><Computer>NPS01.corp.example</Computer><Security/></System>` +
      `<EventData><Data Name='SubjectUserSid'>S-1-0-0</Data><Data Name='SubjectUserName'>${a.user}</Data><Data Name='SubjectDomainName'>CORP</Data><Data Name='FullyQualifiedSubjectUserName'>CORP\\${a.user}</Data><Data Name='SubjectMachineSID'>S-1-0-0</Data><Data Name='SubjectMachineName'>-</Data><Data Name='FullyQualifiedSubjectMachineName'>-</Data>` +
      `<Data Name='CalledStationID'>198.51.100.1</Data><Data Name='CallingStationID'>${a.ip}</Data><Data Name='NASIPv4Address'>10.0.0.20</Data><Data Name='NASIPv6Address'>-</Data><Data Name='NASIdentifier'>RRAS01</Data><Data Name='NASPortType'>Virtual</Data><Data Name='NASPort'>${100 + (i % 128)}</Data>` +
      `<Data Name='ClientName'>RRAS01</Data><Data Name='ClientIPAddress'>10.0.0.20</Data><Data Name='ProxyPolicyName'>Microsoft Routing and Remote Access Service Policy</Data><Data Name='NetworkPolicyName'>${a.ok ? 'VPN Staff' : '-'}</Data><Data Name='AuthenticationProvider'>Windows</Data><Data Name='AuthenticationServer'>NPS01.corp.example</Data>` +
      `<Data Name='AuthenticationType'>MS-CHAPv2</Data><Data Name='EAPType'>-</Data><Data Name='AccountSessionIdentifier'>-</Data>${reason}<Data Name='LoggingResult'>Accounting information was written to the local log file.</Data></EventData></Event>`
    );
  });
}
