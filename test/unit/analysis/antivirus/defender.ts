// Microsoft Defender's own log as the exports a responder gets: EvtxECmd CSV (event data in
// Payload) and Get-WinEvent | Export-Csv (the message text), each detection beside the events that
// look like one.
import { evtxRow, EVTX_HEADER } from '../planted6host/windows';

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const hms = (sec: number): string => new Date(Date.UTC(2026, 2, 10) + sec * 1000).toISOString().slice(11, 19);
const DEFENDER = 'Microsoft-Windows-Windows Defender';
const CHANNEL = 'Microsoft-Windows-Windows Defender/Operational';

/** A 1116/1117/1119 row as EvtxECmd writes it, with Defender's event data. */
const detection = (n: number, sec: number, id: number, computer: string, threat: string, category: string, severity: string, path: string, action: string, user = 'NT AUTHORITY\\SYSTEM', proc = 'C:\\Windows\\explorer.exe'): string =>
  evtxRow({
    n,
    t: hms(sec),
    id,
    provider: DEFENDER,
    channel: CHANNEL,
    computer,
    map: id === 1116 ? 'Malware detected' : id === 1117 ? 'Action taken' : 'Action failed',
    pd: [`Malware name: ${threat}`, `Description: ${category} (Severity: ${severity})`, `Detected by: ${user}`, `Process name: ${proc}`, `Action: ${action}`],
    exe: `file:_${path}`,
    data: {
      'Product Name': 'Microsoft Defender Antivirus',
      'Product Version': '4.18.24010.12',
      'Detection ID': '{6B3C1E2A-0000-0000-0000-000000000000}',
      'Threat ID': '2147729891',
      'Threat Name': threat,
      'Severity ID': '5',
      'Severity Name': severity,
      'Category ID': '34',
      'Category Name': category,
      'Source Name': 'Real-Time Protection',
      'Process Name': proc,
      'Detection User': user,
      Path: `file:_${path}`,
      'Action Name': action,
      'Error Description': id === 1119 ? 'The process cannot access the file because it is being used by another process.' : 'The operation completed successfully.',
    },
  });

/** Four workstations' Defender logs (EvtxECmd). */
export function defenderEvtx(): string[] {
  return [
    EVTX_HEADER,
    // planted: Mimikatz dropped in Users\Public, quarantined
    detection(100, 3600, 1116, 'WS07.corp.example.com', 'HackTool:Win32/Mimikatz!pz', 'Tool', 'High', 'C:\\Users\\Public\\m64.exe', 'Not Applicable', 'CORP\\jdoe', 'C:\\Windows\\System32\\cmd.exe'),
    detection(101, 3605, 1117, 'WS07.corp.example.com', 'HackTool:Win32/Mimikatz!pz', 'Tool', 'High', 'C:\\Users\\Public\\m64.exe', 'Quarantine', 'CORP\\jdoe', 'C:\\Windows\\System32\\cmd.exe'),
    // planted: Emotet that Defender could not remove (the file is in use)
    detection(102, 7200, 1116, 'WS14.corp.example.com', 'Trojan:Win32/Emotet.RPX!MTB', 'Trojan', 'Severe', 'C:\\Users\\k.lopez\\AppData\\Local\\Temp\\inv.dll', 'Not Applicable', 'CORP\\k.lopez'),
    detection(103, 7210, 1119, 'WS14.corp.example.com', 'Trojan:Win32/Emotet.RPX!MTB', 'Trojan', 'Severe', 'C:\\Users\\k.lopez\\AppData\\Local\\Temp\\inv.dll', 'Quarantine', 'CORP\\k.lopez'),
    // trap: a browser toolbar's adware, and someone testing Defender with EICAR
    detection(104, 9000, 1116, 'WS12.corp.example.com', 'PUA:Win32/Presenoker', 'Potentially Unwanted Software', 'Low', 'C:\\Users\\m.novak\\Downloads\\setup_free.exe', 'Not Applicable', 'CORP\\m.novak'),
    detection(105, 9005, 1117, 'WS12.corp.example.com', 'PUA:Win32/Presenoker', 'Potentially Unwanted Software', 'Low', 'C:\\Users\\m.novak\\Downloads\\setup_free.exe', 'Remove', 'CORP\\m.novak'),
    detection(106, 9500, 1116, 'WS13.corp.example.com', 'Virus:DOS/EICAR_Test_File', 'Virus', 'Severe', 'C:\\Users\\it.admin\\Desktop\\eicar.com', 'Not Applicable', 'CORP\\it.admin'),
    // trap: Defender's health reports (1150, 1151) and another provider's event 1116
    evtxRow({ n: 107, t: hms(9600), id: 1151, provider: DEFENDER, channel: CHANNEL, computer: 'WS13.corp.example.com', map: 'Endpoint Protection client health report', data: { 'Product Status': '0x00080000' } }),
    evtxRow({ n: 108, t: hms(9700), id: 1116, provider: 'Microsoft-Windows-Kernel-PnP', channel: 'System', computer: 'WS13.corp.example.com', map: 'Device configured', data: { DeviceInstanceId: 'USB\\VID_046D&PID_C52B\\5&1A2B3C', DriverName: 'usbccgp.inf' } }),
  ];
}

const EXPORT_HEADER = ['#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord', '"Message","Id","Version","Qualifiers","Level","Task","Opcode","Keywords","RecordId","ProviderName","ProviderId","LogName","ProcessId","ThreadId","MachineName","UserId","TimeCreated","ContainerLog","MatchedQueryIds","Bookmark","LevelDisplayName","OpcodeDisplayName","TaskDisplayName","KeywordsDisplayNames","Properties"'];
const exportRow = (message: string, id: number, record: number, time: string): string =>
  [q(message.replace(/\n/g, '\r\n')), q(String(id)), '"0"', '""', '"3"', '"0"', '"0"', '"-9223372036854775808"', q(String(record)), q(DEFENDER), '"11cd958a-c507-4ef3-b3f2-5fd9dfbd2c78"', q(CHANNEL), '"3880"', '"5120"', '"FS02.corp.example.com"', '"S-1-5-18"', q(time), q(CHANNEL), '""', '"System.Diagnostics.Eventing.Reader.EventBookmark"', '"Warning"', '"Info"', '"None"', '""', '"System.Collections.Generic.List`1[System.Diagnostics.Eventing.Reader.EventProperty]"'].join(',');
const changed = (value: string): string =>
  `Microsoft Defender Antivirus Configuration has changed. If this is an unexpected event you should review the settings as this may be the result of malware.\n \tOld value: \n \tNew value: ${value}`;

/** FS02's Defender log (Export-Csv): real-time protection turned off and Users\Public excluded at night; the backup vendor's folder excluded in the day, and a signature setting changed. */
export function defenderExport(): string[] {
  return [
    ...EXPORT_HEADER,
    exportRow(changed('HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Exclusions\\Paths\\C:\\Program Files\\Veeam\\Backup = 0x0'), 5007, 40001, '3/10/2026 10:15:00 AM'),
    exportRow(changed('HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates\\SignatureUpdateInterval = 0x4'), 5007, 40002, '3/10/2026 10:16:00 AM'),
    exportRow('Microsoft Defender Antivirus Real-time Protection scanning for malware and other potentially unwanted software was disabled.', 5001, 40101, '3/10/2026 3:58:00 AM'),
    exportRow(changed('HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Exclusions\\Paths\\C:\\Users\\Public = 0x0'), 5007, 40102, '3/10/2026 3:58:30 AM'),
  ];
}
