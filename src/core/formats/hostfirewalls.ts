// Host and packet firewalls that log one packet per line: the Linux kernel's netfilter LOG
// target (UFW, iptables, firewalld, Shorewall) and pfSense/OPNsense `filterlog`. Each line is
// typed like a one-packet flow with a verdict.
import type { CellValue } from './types';
import { C } from './cols';
import { normalizeIp } from './clean';
import { digits } from './netdevices';

const TCP_FLAGS: readonly [string, string][] = [['URG', 'U'], ['ACK', 'A'], ['PSH', 'P'], ['RST', 'R'], ['SYN', 'S'], ['FIN', 'F']];

/**
 * A kernel netfilter log line (UFW `[UFW BLOCK]`, iptables `LOG --log-prefix`, firewalld
 * `FINAL_REJECT:`): one packet, typed like a one-packet flow. The action comes from the prefix
 * (block, drop, deny, reject / allow, accept); TCP flags are written nfdump-style (`S` for a bare SYN).
 */
export function netfilter(msg: string, row: CellValue[], extra: Record<string, string>): void {
  const kv = new Map<string, string>();
  const words = new Set<string>();
  for (const tok of msg.split(' ')) {
    const eq = tok.indexOf('=');
    if (eq > 0) kv.set(tok.slice(0, eq), tok.slice(eq + 1));
    else if (tok !== '') words.add(tok);
  }
  const src = normalizeIp(kv.get('SRC') ?? '');
  if (src === null) return;
  // Shorewall glues its prefix to the first field: `Shorewall:net-fw:DROP:IN=eth0`
  const prefixEnd = msg.search(/(?:^|[\s:])IN=/);
  const prefix = (prefixEnd > 0 ? msg.slice(0, prefixEnd) : '').replace(/^\[\s*\d+\.\d+\]\s*/, '').trim();
  if (prefix !== '') extra.rule = prefix.slice(0, 80);
  if (/block|drop|deny|reject/i.test(prefix)) row[C.action] = 'reject';
  else if (/allow|accept|pass/i.test(prefix)) row[C.action] = 'accept';
  row[C.src_ip] = src;
  row[C.dst_ip] = normalizeIp(kv.get('DST') ?? '');
  const proto = (kv.get('PROTO') ?? '').toUpperCase();
  row[C.proto] = proto === '' ? null : proto === 'ICMPV6' ? 'ICMP6' : proto;
  const len = Number(kv.get('LEN'));
  if (Number.isInteger(len) && len >= 0) row[C.bytes] = len;
  row[C.packets] = 1;
  const iface = kv.get('IN');
  if (iface) extra.in = iface;
  if (proto === 'ICMP' || proto === 'ICMPV6') {
    const t = kv.get('TYPE');
    if (t !== undefined && /^\d+$/.test(t)) row[C.flags] = `${t}.${/^\d+$/.test(kv.get('CODE') ?? '') ? kv.get('CODE') : '0'}`;
    return;
  }
  const spt = Number(kv.get('SPT'));
  const dpt = Number(kv.get('DPT'));
  if (Number.isInteger(spt) && spt >= 0 && spt <= 65535) row[C.src_port] = spt;
  if (Number.isInteger(dpt) && dpt >= 0 && dpt <= 65535) row[C.dst_port] = dpt;
  if (proto === 'TCP') {
    let f = '';
    for (const [w, c] of TCP_FLAGS) if (words.has(w)) f += c;
    if (f !== '') row[C.flags] = f;
  }
}

const ICMP_TYPES: Readonly<Record<string, string>> = { request: '8.0', reply: '0.0', unreachport: '3.3', unreachhost: '3.1', unreachnet: '3.0', unreachproto: '3.2', timexceed: '11.0' };

/**
 * pfSense / OPNsense `filterlog`: one packet as CSV after the common fields rule, sub-rule,
 * anchor, tracker, interface, reason, action, direction, IP version; then IPv4 (tos, ecn, ttl,
 * id, offset, flags, protocol id, protocol, length, src, dst) or IPv6 (class, flow label, hop
 * limit, protocol, protocol id, length, src, dst); then ports and data length for TCP/UDP and
 * the TCP flags. Typed like a one-packet flow, `block` as reject and `pass` as accept.
 */
export function filterlog(msg: string, row: CellValue[], extra: Record<string, string>): boolean {
  const f = msg.split(',');
  if (f.length < 17) return false;
  const v6 = f[8] === '6';
  if (!v6 && f[8] !== '4') return false;
  const at = v6 ? 15 : 18;
  const src = normalizeIp(f[at] ?? '');
  if (src === null) return false;
  row[C.src_ip] = src;
  row[C.dst_ip] = normalizeIp(f[at + 1] ?? '');
  const action = f[6];
  row[C.action] = action === 'block' || action === 'reject' ? 'reject' : action === 'pass' ? 'accept' : action || null;
  const proto = (v6 ? f[12] : f[16])?.toUpperCase() ?? '';
  row[C.proto] = proto === '' ? null : proto === 'IPV6-ICMP' || proto === 'ICMPV6' ? 'ICMP6' : proto;
  const len = digits(v6 ? f[14] : f[17]);
  if (len !== null) row[C.bytes] = len;
  row[C.packets] = 1;
  extra.interface = f[4] ?? '';
  extra.direction = f[7] ?? '';
  if (f[0]) extra.rule = f[0];
  if (proto === 'TCP' || proto === 'UDP') {
    const sp = digits(f[at + 2]);
    const dp = digits(f[at + 3]);
    if (sp !== null && sp <= 65535) row[C.src_port] = sp;
    if (dp !== null && dp <= 65535) row[C.dst_port] = dp;
    // pfSense writes the flags as letters already (S, SA, FPA…)
    if (proto === 'TCP' && f[at + 5]) row[C.flags] = f[at + 5]!.replace(/[^UAPRSFEW]/g, '') || null;
  } else if (proto === 'ICMP' && f[at + 2]) {
    // type and code as the other flow sources write them, so echo requests are told from replies
    const t = f[at + 2]!;
    extra.icmp = t;
    const code = ICMP_TYPES[t] ?? (t.startsWith('unreach') ? '3.0' : undefined);
    if (code !== undefined) row[C.flags] = code;
  }
  return true;
}
