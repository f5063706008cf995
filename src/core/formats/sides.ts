// Sessions counted both ways: which field is the source's side. A flow's `bytes` and `packets`
// are what its source sent (exfiltration is measured on them), so a both-ways total must not take
// the role when the export also says what each side sent.
import { normalizeFieldName } from './fieldNames';

/**
 * Both-ways totals and the source's side of a session, by role. Firewall exports (PAN-OS `Bytes`
 * beside `Bytes Sent`/`Bytes Received`, ECS `network.bytes` beside `source.bytes`) carry both; the
 * total counts every download as the client's upload, so the sent side is what `bytes` means.
 */
const TWO_WAY: Record<'bytes' | 'packets', { total: readonly string[]; sent: readonly string[]; received: readonly string[] }> = {
  bytes: {
    total: ['bytes', 'totalbytes', 'networkbytes', 'octets', 'bytestransferred'],
    sent: ['sourcebytes', 'bytessent', 'sentbytes', 'sentbyte', 'bytesout', 'outbytes', 'srcbytes', 'origbytes', 'clientoutboundbytes', 'bytestoserver', 'bytessrctodst', 'byteso'],
    received: ['destinationbytes', 'bytesreceived', 'receivedbytes', 'rcvdbyte', 'rcvdbytes', 'bytesrcvd', 'bytesin', 'inbytes', 'dstbytes', 'respbytes', 'clientinboundbytes', 'bytestoclient', 'bytesdsttosrc', 'bytesi'],
  },
  packets: {
    total: ['packets', 'totalpackets', 'networkpackets', 'pkts', 'packetcount'],
    sent: ['sourcepackets', 'packetssent', 'sentpkt', 'pktssent', 'srcpackets', 'origpkts', 'pktsout', 'packetsout'],
    received: ['destinationpackets', 'packetsreceived', 'rcvdpkt', 'pktsreceived', 'pktsrcvd', 'dstpackets', 'resppkts', 'pktsin', 'packetsin'],
  },
};

/** When `bytes`/`packets` went to a both-ways total and the source's sent side has a field (with its received partner), the sent side takes the role. */
export function preferSentSide(fields: readonly string[], mapping: Record<string, string>): void {
  const norm = fields.map(normalizeFieldName);
  for (const role of ['bytes', 'packets'] as const) {
    const cur = mapping[role];
    const { total, sent, received } = TWO_WAY[role];
    if (cur === undefined || !total.includes(normalizeFieldName(cur))) continue;
    if (!norm.some((n) => received.includes(n))) continue;
    const i = norm.findIndex((n) => sent.includes(n));
    if (i >= 0) mapping[role] = fields[i]!;
  }
}

/**
 * Defender for Endpoint's DeviceNetworkEvents name the machine's side Local and the other Remote
 * (RemoteIP is otherwise a client's address, as in its logon tables): a connection the machine
 * opened (ConnectionSuccess, ConnectionFailed, ConnectionAttempt …) goes from LocalIP:LocalPort to
 * RemoteIP:RemotePort. Rows whose action is inbound are turned around by `inboundSwap`.
 */
export function localRemoteSides(fields: readonly string[], mapping: Record<string, string>): void {
  const norm = fields.map(normalizeFieldName);
  const at = (n: string): string | undefined => fields[norm.indexOf(n)];
  if (!norm.includes('localip') || !norm.includes('remoteip') || !norm.includes('actiontype')) return;
  mapping.src_ip = at('localip')!;
  mapping.dst_ip = at('remoteip')!;
  if (norm.includes('localport')) mapping.src_port = at('localport')!;
  else delete mapping.src_port;
  if (norm.includes('remoteport')) mapping.dst_port = at('remoteport')!;
}

/**
 * SiLK's rwcut (`sIP|dIP|sPort|dPort|pro|packets|bytes|flags|sTime|…`): sIP is the flow's source,
 * where IIS's `s-ip` (the same name, normalised) is the server. A layout with both sIP and dIP and no
 * client address is SiLK's: source and destination by those names, and `pro` is the protocol number.
 */
export function silkSides(fields: readonly string[], mapping: Record<string, string>): void {
  const norm = fields.map(normalizeFieldName);
  if (!norm.includes('sip') || !norm.includes('dip') || norm.includes('cip')) return;
  const at = (n: string): string => fields[norm.indexOf(n)]!;
  mapping.src_ip = at('sip');
  mapping.dst_ip = at('dip');
  if (mapping.proto === undefined && norm.includes('pro')) mapping.proto = at('pro');
}

/** The ActionType field's index (in the normalised field names) when rows map LocalIP as the source (see localRemoteSides), or -1. */
export function inboundActionIndex(norm: readonly string[], mapping: Readonly<Record<string, string>>): number {
  return mapping.src_ip !== undefined && normalizeFieldName(mapping.src_ip) === 'localip' && norm.includes('remoteip') ? norm.indexOf('actiontype') : -1;
}

/** A DeviceNetworkEvents row the machine accepted (InboundConnectionAccepted): the remote side is the source. */
export function inboundSwap(action: string, row: unknown[], cols: { src_ip: number; dst_ip: number; src_port: number; dst_port: number }): void {
  if (!/^Inbound/i.test(action.trim())) return;
  [row[cols.src_ip], row[cols.dst_ip]] = [row[cols.dst_ip], row[cols.src_ip]];
  [row[cols.src_port], row[cols.dst_port]] = [row[cols.dst_port], row[cols.src_port]];
}
