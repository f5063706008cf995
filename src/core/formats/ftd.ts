// Cisco Firepower Threat Defense's own events in syslog (`%FTD-1-430001` … `430005`), beside the
// ASA-style messages netdevices.ts reads: a connection's start (430002) and end (430003) with the
// access rule's verdict, bytes and packets each way; an intrusion event (430001) with the Snort
// rule, its priority and whether the inline policy blocked it; file and malware events (430004,
// 430005). Their fields are `Key: Value, Key: Value`.
import type { CellValue } from './types';
import { C } from './cols';
import { normalizeIp } from './clean';

/** The FTD event ids read here. */
export const FTD_EVENTS = new Set(['430001', '430002', '430003', '430004', '430005']);

/** `Key: Value` pairs; a key is a capitalised word or two (`Prefilter Policy`), so a comma inside a value does not split it. */
export function ftdPairs(msg: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /(?:^|, )([A-Z][A-Za-z_]*(?: [A-Z][A-Za-z_]*)?): /g;
  const starts: { key: string; at: number; end: number }[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(msg)) !== null) starts.push({ key: m[1]!, at: m.index, end: m.index + m[0].length });
  starts.forEach((s, i) => {
    const value = msg.slice(s.end, i + 1 < starts.length ? starts[i + 1]!.at : msg.length).trim();
    if (!out.has(s.key)) out.set(s.key, value);
  });
  return out;
}

const ALLOWED = /^(?:Allow|Trust|Monitor|Fastpath)$/i;
const BLOCKED = /^(?:Block|Block with reset|Interactive Block|Interactive Block with reset|Blacklist|Deny)$/i;
const NO_USER = /^(?:No Authentication Required|Not Found|Unknown|Pending|-)?$/i;

/** Reads one FTD event into the row (id: 430001-430005); extra gets the fields the columns do not hold. */
export function ftdEvent(id: string, msg: string, row: CellValue[], extra: Record<string, string>): void {
  const f = ftdPairs(msg);
  const num = (k: string): number | null => {
    const v = f.get(k);
    return v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : null;
  };
  const src = f.get('SrcIP');
  const dst = f.get('DstIP');
  if (src !== undefined) row[C.src_ip] = normalizeIp(src);
  if (dst !== undefined) row[C.dst_ip] = normalizeIp(dst);
  const proto = f.get('Protocol');
  if (proto !== undefined && /^[a-z0-9-]{2,12}$/i.test(proto)) row[C.proto] = proto.toUpperCase();
  const icmp = row[C.proto] === 'ICMP' || row[C.proto] === 'IPV6-ICMP';
  if (!icmp) {
    row[C.src_port] = num('SrcPort');
    row[C.dst_port] = num('DstPort');
  }
  row[C.bytes] = num('InitiatorBytes');
  row[C.packets] = num('InitiatorPackets');
  const dur = num('ConnectionDuration');
  if (dur !== null) row[C.duration] = dur;
  const user = f.get('User');
  if (user !== undefined && !NO_USER.test(user)) row[C.user] = user;
  const verdict = f.get('AccessControlRuleAction') ?? '';
  const inline = f.get('InlineResult') ?? '';
  if (id === '430001') {
    // an intrusion event: the Snort rule (gid:sid:rev) and its priority make it an IDS alert
    const sid = f.get('SID');
    if (sid !== undefined) extra.signature_id = `${f.get('GID') ?? '1'}:${sid}:${f.get('Revision') ?? '1'}`;
    const prio = f.get('Priority');
    if (prio !== undefined) extra.priority = prio;
    const sig = f.get('Message');
    if (sig !== undefined) row[C.message] = sig;
    const cls = f.get('Classification');
    if (cls !== undefined) row[C.category] = cls;
    row[C.action] = /^(?:Blocked|Dropped)$/i.test(inline) ? 'reject' : ALLOWED.test(verdict) || verdict === '' ? 'accept' : BLOCKED.test(verdict) ? 'reject' : null;
  } else {
    // an allowed connection is usually logged at its end only (430003), a blocked one at its start (430002):
    // each record is one contact (unlike ASA, FTD need not log both ends)
    row[C.action] = BLOCKED.test(verdict) ? 'reject' : ALLOWED.test(verdict) ? 'accept' : null;
  }
  for (const k of ['ResponderBytes', 'ResponderPackets', 'AccessControlRuleName', 'ApplicationProtocol', 'Client', 'WebApplication', 'URL', 'URLCategory', 'DNSQuery', 'ThreatName', 'FileName', 'Disposition', 'SHA_Disposition', 'FileAction', 'IngressZone', 'EgressZone', 'InlineResult', 'EventPriority', 'ConnectionID']) {
    const v = f.get(k);
    if (v !== undefined && v !== '') extra[k] = v;
  }
}
