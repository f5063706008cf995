// Round 12 free-text logs whose dotted numbers are versions, not addresses: Windows servicing's
// CBS.log (package identities `~~6.1.1.1`, `wcp.dll version 0.0.0.6`, `v6.1.7601.23505`), a Hadoop
// MapReduce application master's log4j log (Java's `host/address:port`), and a .NET service's log
// (assembly `Version=4.0.0.0`) that also names real clients in its text.

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const T0 = Date.UTC(2016, 8, 28, 4, 30, 31);

/** CBS.log's `2016-09-28 04:30:31, Info                  CBS    …` (local time, no zone; level padded to 22, component to 7) */
function cbsLine(ms: number, level: string, comp: string, text: string): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}, ${level.padEnd(22)}${comp.padEnd(7)}${text}`;
}

/** the packages a Windows 7 SP1 servicing run reads out, as CBS names them (name~key~arch~lang~version) */
const PACKAGES = [
  'Package_for_KB2504637~31bf3856ad364e35~amd64~~6.1.1.1',
  'Package_for_KB2533552~31bf3856ad364e35~amd64~~6.1.1.1',
  'Package_for_KB976902~31bf3856ad364e35~amd64~~6.1.1.17514',
  'Package_for_KB2999226~31bf3856ad364e35~amd64~~6.1.1.0',
  'Package_for_KB3177467~31bf3856ad364e35~amd64~~6.1.2.0',
  'Microsoft-Windows-IE-Troubleshooters-Package~31bf3856ad364e35~amd64~~6.1.7601.17514',
  'Package_for_KB4019990~31bf3856ad364e35~amd64~~6.1.1.2',
  'Package_for_KB2870699~31bf3856ad364e35~amd64~~6.1.1.1',
];

/** A Windows 7 servicing stack starting and reading its packages, three times over a day. */
export function cbsLog(): string[] {
  const out: string[] = [];
  for (let run = 0; run < 3; run++) {
    const t = T0 + run * 8 * 3_600_000;
    const csi = (n: number): string => `${pad(n, 8)}@2016/9/${27 + Math.floor((run * 8 + 20) / 24)}:${pad((20 + run * 8) % 24)}:30:31.${455 + n}`;
    out.push(cbsLine(t, 'Info', 'CBS', 'Loaded Servicing Stack v6.1.7601.23505 with Core: C:\\Windows\\winsxs\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_6.1.7601.23505_none_681aa442f6fed7f0\\cbscore.dll'));
    out.push(cbsLine(t, 'Info', 'CSI', `${csi(1)} WcpInitialize (wcp.dll version 0.0.0.6) called (stack @0x7fed806eb5d @0x7fefa1c8728 @0x7fefa1c8856 @0xff83e474 @0xff83d7de @0xff83db2f)`));
    out.push(cbsLine(t, 'Info', 'CSI', `${csi(2)} WcpInitialize (wcp.dll version 0.0.0.6) called (stack @0x7fed806eb5d @0x7fefa20a616 @0x7fefa1d5a65 @0x7fefa1c8887 @0xff83e474 @0xff83d7de)`));
    out.push(cbsLine(t, 'Info', 'CSI', `${csi(3)} WcpInitialize (wcp.dll version 0.0.0.6) called (stack @0x7fed806eb5d @0x7fefa7c7f32 @0x7fefa7a5f49 @0x7fefa7a5dd1 @0x7fefa1c88c1 @0xff83e474)`));
    out.push(cbsLine(t, 'Info', 'CBS', 'Ending TrustedInstaller initialization.'));
    out.push(cbsLine(t, 'Info', 'CBS', 'Starting the TrustedInstaller main loop.'));
    out.push(cbsLine(t, 'Info', 'CBS', 'TrustedInstaller service starts successfully.'));
    out.push(cbsLine(t, 'Info', 'CBS', 'SQM: Initializing online with Windows opt-in: False'));
    out.push(cbsLine(t, 'Info', 'CBS', 'SQM: Failed to start upload with file pattern: C:\\Windows\\servicing\\sqm\\*_std.sqm, flags: 0x2 [HRESULT = 0x80004005 - E_FAIL]'));
    out.push(cbsLine(t, 'Info', 'CBS', 'No startup processing required, TrustedInstaller service was not set as autostart, or else a reboot is still pending.'));
    out.push(cbsLine(t + 1000, 'Info', 'CBS', `Session: 30546173_${4261722401 + run} initialized by client WindowsUpdateAgent.`));
    for (const [i, p] of PACKAGES.entries()) {
      out.push(cbsLine(t + 1000 + i * 17, 'Info', 'CBS', `Read out cached package applicability for package: ${p}, ApplicableState: 112, CurrentState:112`));
      out.push(cbsLine(t + 1000 + i * 17, 'Info', 'CBS', `Appl: detect Parent, Package: ${p}, Parent: Microsoft-Windows-Foundation-Package~31bf3856ad364e35~amd64~~6.1.7601.17514, Disposition = Detect, VersionComp: EQ, BuildComp: EQ, RevisionComp: GE, Exist: present`));
    }
    out.push(cbsLine(t + 2000, 'Info', 'CBS', 'Exec: Processing complete.  Session: 30546173_4261722401, Package: Package_for_KB2999226~31bf3856ad364e35~amd64~~6.1.1.0 [HRESULT = 0x00000000 - S_OK]'));
  }
  return out;
}

/** `2015-10-18 18:01:47,978` */
const log4j = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())},${pad(d.getUTCMilliseconds(), 3)}`;
};

/** The ResourceManager a Hadoop job's application master connects to, as Java prints an InetAddress. */
export const HADOOP_RM = '10.190.173.170';
/** the node managers its containers run on */
export const HADOOP_NODES = ['10.86.169.121', '10.86.165.66', '10.190.173.170'];

/** A MapReduce application master's syslog (log4j): its versions, and the machines it talks to. */
export function hadoopLog(): string[] {
  const t0 = Date.UTC(2015, 9, 18, 18, 1, 47, 978);
  const out: string[] = [];
  const at = (i: number): string => log4j(t0 + i * 1_377);
  let i = 0;
  out.push(`${at(i++)} INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_1445144423722_0020_000001`);
  out.push(`${at(i++)} INFO [main] org.apache.hadoop.util.VersionInfo: Hadoop version 2.7.0.2.2 (compiled by jenkins on 2015-04-10T03:22Z)`);
  out.push(`${at(i++)} INFO [main] org.mortbay.log: jetty-6.1.26.hwx, build 1.2.0.4`);
  out.push(`${at(i++)} INFO [main] org.apache.hadoop.yarn.client.RMProxy: Connecting to ResourceManager at MSRA-SA-41/${HADOOP_RM}:8030`);
  out.push(`${at(i++)} INFO [main] org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator: maxContainerCapability: <memory:8192, vCores:32>`);
  for (let k = 0; k < 30; k++) {
    const node = HADOOP_NODES[k % HADOOP_NODES.length]!;
    out.push(`${at(i++)} INFO [ContainerLauncher #${k % 10}] org.apache.hadoop.yarn.client.api.impl.ContainerManagementProtocolProxy: Opening proxy : ${node}:${['62270', '56430', '49213'][k % 3]}`);
    out.push(`${at(i++)} INFO [RMCommunicator Allocator] org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator: Container version 3.0.0.1 of container_1445144423722_0020_01_0000${pad(k + 2)} is on node ${['MININT-FNANLI5', 'MININT-75DGDAM1', 'MSRA-SA-41'][k % 3]}`);
  }
  return out;
}

/** The .NET service's real clients, named in its text (`connection from A port P`). */
export const NET_CLIENTS = ['10.2.3.4', '10.2.3.5', '192.168.40.17'];

/** A .NET service's text log (Serilog's default file layout): assembly versions in its messages, real clients in others. */
export function dotnetLog(): string[] {
  const t0 = Date.UTC(2026, 2, 3, 9, 0, 0);
  const out: string[] = [];
  const at = (ms: number): string => {
    const d = new Date(ms);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} +00:00`;
  };
  out.push(`${at(t0)} [INF] Starting Billing.Service version 1.4.2.0 on .NET Framework 4.8.4515.0`);
  out.push(`${at(t0 + 5)} [INF] Loaded System.Data, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089`);
  out.push(`${at(t0 + 9)} [WRN] Could not load file or assembly 'Newtonsoft.Json, Version=12.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed' or one of its dependencies; binding redirect to 13.0.0.0`);
  out.push(`${at(t0 + 12)} [INF] Listening on 0.0.0.0:8443 (build 2.3.0.117, firmware v1.0.0.9)`);
  for (let k = 0; k < 45; k++) {
    const ip = NET_CLIENTS[k % NET_CLIENTS.length]!;
    out.push(`${at(t0 + 60_000 + k * 20_000)} [INF] Accepted connection from ${ip} port ${5555 + k}; client agent BillingClient v3.1.0.2 (protocol version 2.0.0.1)`);
  }
  return out;
}

/** An endpoint agent's JSON heartbeats: its own version beside the machine's address (both dotted quads). */
export const AGENT_HOSTS = ['10.20.1.17', '10.20.1.18'];
export function agentHeartbeats(): string[] {
  const t0 = Date.UTC(2026, 2, 3, 9, 0, 0);
  return Array.from({ length: 40 }, (_, i) =>
    JSON.stringify({ timestamp: new Date(t0 + i * 300_000).toISOString(), hostname: `WS-0${17 + (i % 2)}`, agent_version: i < 20 ? '7.11.0.3' : '7.12.1.0', sensor_build: '2.3.0.117', event: 'heartbeat', local_ip: AGENT_HOSTS[i % 2] }),
  );
}
