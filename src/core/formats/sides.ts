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
