// Network appliances' own message layouts, wherever the line came from (syslog, a bare export):
// Palo Alto PAN-OS CSV records, Cisco ASA / FTD / IOS messages, Juniper SRX RT_FLOW sessions and
// Check Point Log Exporter fields. Each becomes a connection with a verdict, or a login.
import { FTD_EVENTS, ftdEvent } from './ftd';
import type { CellValue } from './types';
import { appLogin } from './appwording';
import { C } from './cols';
import { normalizeIp } from './clean';
import { readCsvQuoted } from './quoted';

/** A field of decimal digits as a number (`0x50`, `1e3`, ` 7 ` are not numbers here), else null. */
export function digits(s: string | undefined): number | null {
  return s !== undefined && /^\d{1,15}$/.test(s) ? Number(s) : null;
}

// ---------------------------------------------------------------- Palo Alto PAN-OS

/** `1,2024/03/05 10:00:00,SERIAL,TRAFFIC,drop,…`: PAN-OS syslog in its CSV layout, with the type fourth. */
export const PANOS_HEAD = /^\d{1,2},(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}),[^,]*,(TRAFFIC|THREAT|SYSTEM|CONFIG|GLOBALPROTECT|AUTH|USERID|DECRYPTION|HIPMATCH|TUNNEL|CORRELATION),/;
const PANOS_AUTH_FAIL = /failed authentication for user '([^']*)'.*?From: ([0-9A-Fa-f:.]+?)\.?(?:\s|$|")/i;
const PANOS_GP_FAIL = /GlobalProtect (?:gateway|portal) user authentication failed\. Login from: ([0-9A-Fa-f:.]+),.*?User name: ([^,]+)/;
const PANOS_AUTH_OK = /authenticated for user '([^']*)'.*?From: ([0-9A-Fa-f:.]+?)\.?(?:\s|$|")/i;

/** CSV fields with double-quoted values (PAN-OS quotes URLs and descriptions that hold commas); an unclosed quote takes the rest. */
function csvFields(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let p = i;
    if (s.charCodeAt(i) === 34) {
      const q = readCsvQuoted(s, i);
      out.push(q.value);
      p = q.end;
    }
    const c = s.indexOf(',', p);
    if (p === i) out.push(c < 0 ? s.slice(i) : s.slice(i, c));
    if (c < 0) return out;
    i = c + 1;
  }
}

/**
 * Palo Alto firewalls: TRAFFIC and THREAT records are connections (source, destination, ports,
 * protocol, action; TRAFFIC with bytes and packets, THREAT with the threat's name), SYSTEM
 * authentication failures are failed logins. The record's own full date (second field) is the
 * time, in `extra._time` for the syslog parser: the syslog header in front of it has no year.
 */
export function panos(msg: string, row: CellValue[], extra: Record<string, string>): boolean {
  const head = PANOS_HEAD.exec(msg);
  if (head === null) return false;
  extra._time = head[1];
  const type = head[2];
  const f = csvFields(msg);
  extra.log_type = type;
  if (f[4]) extra.subtype = f[4];
  if (type === 'TRAFFIC' || type === 'THREAT') {
    row[C.src_ip] = normalizeIp(f[7] ?? '') ?? row[C.src_ip];
    row[C.dst_ip] = normalizeIp(f[8] ?? '') ?? row[C.dst_ip];
    if (f[12]) row[C.user] = f[12];
    if (f[14]) row[C.program] = f[14];
    if (f[11]) extra.rule = f[11];
    const sp = digits(f[24]);
    const dp = digits(f[25]);
    if (sp !== null && sp <= 65535) row[C.src_port] = sp;
    if (dp !== null && dp <= 65535) row[C.dst_port] = dp;
    const proto = (f[29] ?? '').toUpperCase();
    if (proto !== '') row[C.proto] = proto;
    const action = (f[30] ?? '').toLowerCase();
    row[C.action] = /^(?:allow|alert|continue|override)$/.test(action) ? 'accept' : /deny|drop|reset|block|sinkhole/.test(action) ? 'reject' : action || null;
    if (type === 'TRAFFIC') {
      const bytes = digits(f[31]);
      const packets = digits(f[34]);
      if (bytes !== null) row[C.bytes] = bytes;
      if (packets !== null) row[C.packets] = packets;
      const elapsed = Number(f[36]);
      if (f[36] !== '' && Number.isFinite(elapsed) && elapsed >= 0) row[C.duration] = elapsed;
    } else {
      // the URL or file the threat was seen in: a vulnerability or URL record's is the request (for the payload detectors)
      if (f[31] && (f[4] === 'vulnerability' || f[4] === 'url')) row[C.path] = f[31];
      else if (f[31]) extra.url_or_file = f[31];
      if (f[32]) row[C.message] = f[32];
      if (f[33]) row[C.category] = f[33];
      if (f[34]) extra.severity = f[34];
    }
    return true;
  }
  if (type === 'GLOBALPROTECT') {
    globalProtect(f, row, extra);
    return true;
  }
  let m: RegExpExecArray | null;
  // the description sits in the first fields; a bounded head keeps the lazy patterns linear
  const text = msg.length > 2048 ? msg.slice(0, 2048) : msg;
  if ((m = PANOS_AUTH_FAIL.exec(text))) {
    row[C.action] = 'auth_failure';
    row[C.user] = m[1];
    row[C.src_ip] = normalizeIp(m[2]);
  } else if ((m = PANOS_GP_FAIL.exec(text))) {
    row[C.action] = 'auth_failure';
    row[C.user] = m[2].trim();
    row[C.src_ip] = normalizeIp(m[1]);
  } else if ((m = PANOS_AUTH_OK.exec(text))) {
    row[C.action] = 'auth_success';
    row[C.user] = m[1];
    row[C.src_ip] = normalizeIp(m[2]);
  }
  return true;
}

/** GlobalProtect's sign-in events: the portal's and the gateway's authentication (`gw-auth` in some releases) */
const GP_AUTH_EVENT = /^(?:portal|gateway|gw)-auth$/;

/**
 * The GLOBALPROTECT log type (PAN-OS 9.1+): `…,GLOBALPROTECT,0,2305,generated,vsys1,event id,stage,
 * auth method,tunnel type,source user,region,machine,public IP,public IPv6,private IP,private IPv6,
 * host id,serial,client version,OS,OS version,repeat count,reason,error,description,status,…,portal,…`.
 * A portal or gateway authentication is a login, failed or passed by its status; the client is the
 * public address (the description's `Login from:` when that field is empty); the tunnel's inside
 * address stays in extra. Other events (connected, config release, HIP reports) keep user and address.
 */
function globalProtect(f: readonly string[], row: CellValue[], extra: Record<string, string>): void {
  const event = (f[8] ?? '').trim();
  if (event !== '') extra.event = event;
  if (f[9]) extra.stage = f[9];
  if (f[12]) row[C.user] = f[12];
  row[C.program] = 'GlobalProtect';
  const from = /Login from: ([0-9A-Fa-f:.]{2,45}?)[.,]?(?:\s|$)/.exec((f[27] ?? '').slice(0, 1024))?.[1];
  row[C.src_ip] = normalizeIp(f[15] ?? '') ?? normalizeIp(f[16] ?? '') ?? (from !== undefined ? normalizeIp(from) : null) ?? row[C.src_ip];
  if (row[C.src_ip] === '0.0.0.0' || row[C.src_ip] === '::') row[C.src_ip] = from !== undefined ? normalizeIp(from) : null;
  const inside = normalizeIp(f[17] ?? '');
  if (inside !== null && inside !== '0.0.0.0') extra.private_ip = inside;
  const status = (f[28] ?? '').trim().toLowerCase();
  if (status !== '') extra.status = status;
  if (f[26]) extra.error = f[26].slice(0, 200);
  if (f[33]) extra.portal = f[33];
  if (GP_AUTH_EVENT.test(event)) row[C.action] = status === 'failure' ? 'auth_failure' : status === 'success' ? 'auth_success' : null;
}

// ---------------------------------------------------------------- Cisco ASA / FTD / IOS

const A = String.raw`([0-9A-Fa-f:.]+)`;
/** `%ASA-4-106023`, `%FTD-6-302013`, `%SEC-6-IPACCESSLOGP` */
const CISCO_TAG = /^%(ASA|FTD|PIX|FWSM|SEC|SEC_LOGIN|SSH)-\d-(\w+)$/;
const ASA_DENY = new RegExp(String.raw`^Deny (\w+) src [^:\s]+:${A}(?:/(\d+))? dst [^:\s]+:${A}(?:/(\d+))?(?: \(type (\d+), code (\d+)\))?`);
const ASA_INBOUND_DENIED = new RegExp(String.raw`^Inbound (TCP|UDP) connection denied from ${A}/(\d+) to ${A}/(\d+) flags ([A-Z ]+?)\s+on interface`);
const ASA_DENY_INBOUND = new RegExp(String.raw`^Deny inbound (UDP|TCP|ICMP|\w+) from ${A}/(\d+) to ${A}/(\d+)`);
const ASA_NO_CONN = new RegExp(String.raw`^Deny (TCP|UDP) \(no connection\) from ${A}/(\d+) to ${A}/(\d+) flags ([A-Z ]+?)\s+on interface`);
const ASA_ACL = new RegExp(String.raw`^access-list \S+ (denied|permitted|est-allowed) (\w+) [^/\s]+/${A}\((\d+)\) -> [^/\s]+/${A}\((\d+)\)`);
/** an interface name: a word, or a few (`NP Identity Ifc`, the ASA itself), then the colon */
const IFACE = String.raw`[^:\s]+(?: [^:\s]+){0,3}:`;
const ASA_BUILT = new RegExp(String.raw`^Built (inbound|outbound) (TCP|UDP) connection \d+ for ${IFACE}${A}/(\d+) \([^)]*\)(?:\([^)]*\))? to ${IFACE}${A}/(\d+)`);
/**
 * `Teardown TCP connection 9 for outside:10.1.2.1/22 to inside:10.1.1.2/53496 duration 0:00:30
 * bytes 0 SYN Timeout` (302014, 302016 UDP): "for" and "to" are in the order of the connection's
 * Built message, whose inbound/outbound word the teardown does not repeat; the bytes are both
 * directions'. An identity-firewall user may follow a port: `/26436(LOCAL\bob)`.
 */
const ASA_TEARDOWN = new RegExp(String.raw`^Teardown (TCP|UDP) connection \d+ for ${IFACE}${A}/(\d+)(?: ?\([^)]*\))? to ${IFACE}${A}/(\d+)(?: ?\([^)]*\))? duration (?:(\d+)d)?(\d+):(\d\d):(\d\d) bytes (\d+)(?: ([^(]*[^(\s]))?`);
/** `Built outbound ICMP connection for faddr 198.51.100.8/0 gaddr 203.0.113.4/7 laddr 10.0.0.4/7` (302020): outbound is local to foreign */
const ASA_BUILT_ICMP = new RegExp(String.raw`^Built (inbound|outbound) (ICMP|ICMPv6) connection for faddr ${A}/\d+(?: ?\([^)]*\))? gaddr \S+ laddr ${A}/\d+`);
/**
 * `AAA user authentication Rejected : reason = … : server = … : user = bob : user IP = 198.51.100.1`.
 * Each skip stops at its literal (a tempered token, not `.*?` then `.*?`, which was quadratic on a
 * line of repeated `user = `).
 */
const ASA_AAA_REJECTED = new RegExp(String.raw`^AAA user authentication Rejected : (?:(?!user = ).)*user = ((?:(?! : user IP = ).)*) : user IP = ${A}`);
const ASA_LOGIN = new RegExp(String.raw`^Login (denied|permitted) from ${A}/(\d+) to \S+ for user "([^"]*)"`);
/** `%ASA-6-716039: Group <G> User <admin> IP <198.51.100.64> Authentication: rejected, Session Type: WebVPN.` (and 716038 successful) */
const ASA_VPN_AUTH = /^Group <[^>]*> User <([^>]*)> IP <([0-9A-Fa-f:.]+)> Authentication: (rejected|successful)/;
/** 716039 / 716038 as the message reference writes them: `Authentication: rejected, group = G user = bob, ip = 198.51.100.64, Session Type: WebVPN` */
const ASA_VPN_AUTH_EQ = /^Authentication: (rejected|successful), group = [^,]{0,128}? ?user = ([^,]{0,256}), ip = ([0-9A-Fa-f:.]{2,45})/;
/**
 * AnyConnect sessions: `%ASA-6-113039: Group <G> User <bob> IP <A> AnyConnect parent session started.`
 * (the login passed: the one success of a session, whatever else 716038 or 113004 logged), and the
 * session's other lines naming user and client (`722051 … IPv4 Address <10.10.10.5> … assigned to
 * session`, `722037`, `722028`…) with no outcome of their own.
 */
const ASA_GROUP_USER_IP = /^Group <[^>]*> User <([^>]*)> IP <([0-9A-Fa-f:.]{2,45})> (AnyConnect parent session started)?/;
/** `%ASA-4-113019: Group = G, Username = bob, IP = A, Session disconnected. …` */
const ASA_DISCONNECT = /^Group = [^,]{0,128}, Username = ([^,]{0,256}), IP = ([0-9A-Fa-f:.]{2,45}), Session disconnected/;
/** `%ASA-6-611102: User authentication failed: IP address: A, Uname: admin` (611101 succeeded): the ASA's own management logins */
const ASA_MGMT_AUTH = /^User authentication (succeeded|failed): IP address: ([0-9A-Fa-f:.]{2,45}), Uname: (\S{0,256})/;
/** `%ASA-6-113004: AAA user authentication Successful : server = 10.1.1.10 : user = bob` (no client: the session's 113039 names it) */
const ASA_AAA_OK = /^AAA user authentication Successful : server = {1,2}\S{1,64} : user = (\S{1,256})/;
/**
 * IOS `login on-failure log` / `login on-success log`: `Login failed [user: admin] [Source: 203.0.113.5]
 * [localport: 22] [Reason: …] at …`, `Login Success [user: u] [Source: A] …`; QUIET_MODE_ON (login
 * block-for tripped) names the last user and address without being an attempt of its own.
 */
const IOS_LOGIN = /^(?:Login (failed|Success) |Still timeleft for watching failures is \d{1,10} secs, )\[user: ([^\]]{0,256})\] \[Source: ([0-9A-Fa-f:.]{2,45})\] \[localport: (\d{1,5})\]/;
/** `%SSH-5-SSH2_USERAUTH: User 'admin' authentication for SSH2 Session from 203.0.113.5 (tty = 0) using crypto cipher '…', hmac '…' Failed` */
const IOS_SSH_AUTH = /^User '([^']{0,256})' authentication for SSH2 Session from ([0-9A-Fa-f:.]{2,45}) \([^)]{0,32}\)[^']{0,64}(?:'[^']{0,64}'[^']{0,64}){0,4}(Failed|Succeeded)\s*$/;
const IOS_ACL = new RegExp(String.raw`^list \S+ (denied|permitted) (\w+) ${A}\((\d+)\)(?: \([^)]*\))? -> ${A}\((\d+)\), (\d+) packets?`);

const WORD_FLAGS: Readonly<Record<string, string>> = { URG: 'U', ACK: 'A', PSH: 'P', RST: 'R', SYN: 'S', FIN: 'F' };
const flagLetters = (words: string): string => words.split(/\s+/).map((w) => WORD_FLAGS[w] ?? '').join('');

/**
 * Cisco ASA / Firepower / IOS firewall messages: denies and permits become connections with a
 * verdict, console and VPN sign-in failures become auth_failure. Returns false for other messages.
 */
export function cisco(program: string, msg: string, row: CellValue[], extra: Record<string, string>): boolean {
  const tag = CISCO_TAG.exec(program);
  if (tag === null) return false;
  const conn = (proto: string, src: string, sport: string | undefined, dst: string, dport: string | undefined, action: 'accept' | 'reject'): void => {
    row[C.proto] = proto.toUpperCase();
    row[C.src_ip] = normalizeIp(src);
    row[C.dst_ip] = normalizeIp(dst);
    const icmp = row[C.proto] === 'ICMP' || row[C.proto] === 'ICMP6';
    if (!icmp && sport !== undefined) row[C.src_port] = Number(sport);
    if (!icmp && dport !== undefined) row[C.dst_port] = Number(dport);
    row[C.action] = action;
  };
  extra.message_id = tag[2];
  if (tag[1] === 'FTD' && FTD_EVENTS.has(tag[2])) {
    ftdEvent(tag[2], msg, row, extra);
    return true;
  }
  let m: RegExpExecArray | null;
  if ((m = ASA_DENY.exec(msg))) {
    conn(m[1], m[2], m[3], m[4], m[5], 'reject');
    if (m[6] !== undefined) row[C.flags] = `${m[6]}.${m[7]}`;
  } else if ((m = ASA_INBOUND_DENIED.exec(msg)) || (m = ASA_NO_CONN.exec(msg))) {
    conn(m[1], m[2], m[3], m[4], m[5], 'reject');
    const f = flagLetters(m[6]);
    if (f !== '') row[C.flags] = f;
  } else if ((m = ASA_DENY_INBOUND.exec(msg))) {
    conn(m[1], m[2], m[3], m[4], m[5], 'reject');
  } else if ((m = ASA_ACL.exec(msg))) {
    conn(m[2], m[3], m[4], m[5], m[6], m[1] === 'denied' ? 'reject' : 'accept');
  } else if ((m = ASA_BUILT.exec(msg))) {
    // "for" is the outside end and "to" the inside one: an outbound connection was opened from inside
    if (m[1] === 'inbound') conn(m[2], m[3], m[4], m[5], m[6], 'accept');
    else conn(m[2], m[5], m[6], m[3], m[4], 'accept');
  } else if ((m = ASA_TEARDOWN.exec(msg))) {
    // the end of a connection its Built message already counted: bytes and duration, no new verdict
    const [forIp, forPort, toIp, toPort] = [m[2], Number(m[3]), m[4], Number(m[5])];
    // which end opened it is in the Built message only; the service end is the one on a
    // well-known port, else the lower port (an ephemeral client port is the higher)
    const toIsServer = toPort < 1024 !== forPort < 1024 ? toPort < 1024 : toPort < forPort;
    if (toIsServer) conn(m[1], forIp, m[3], toIp, m[5], 'accept');
    else conn(m[1], toIp, m[5], forIp, m[3], 'accept');
    // 'close': the end of a connection counted at its Built line (the analysis takes its bytes, not a second contact)
    row[C.action] = 'close';
    extra.direction_from = 'ports';
    row[C.duration] = Number(m[6] ?? 0) * 86400 + Number(m[7]) * 3600 + Number(m[8]) * 60 + Number(m[9]);
    row[C.bytes] = Number(m[10]);
    if (m[11] !== undefined) extra.teardown_reason = m[11];
  } else if ((m = ASA_BUILT_ICMP.exec(msg))) {
    if (m[1] === 'inbound') conn(m[2], m[3], undefined, m[4], undefined, 'accept');
    else conn(m[2], m[4], undefined, m[3], undefined, 'accept');
  } else if ((m = ASA_AAA_REJECTED.exec(msg))) {
    row[C.action] = 'auth_failure';
    // 113005 masks the name it does not trust (`user = *****`)
    if (m[1] !== '' && !/^\*+$/.test(m[1])) row[C.user] = m[1];
    row[C.src_ip] = normalizeIp(m[2]);
  } else if ((m = ASA_LOGIN.exec(msg))) {
    row[C.action] = m[1] === 'denied' ? 'auth_failure' : 'auth_success';
    row[C.src_ip] = normalizeIp(m[2]);
    row[C.src_port] = Number(m[3]);
    if (m[4] !== '') row[C.user] = m[4];
  } else if ((m = ASA_VPN_AUTH.exec(msg))) {
    row[C.action] = m[3] === 'rejected' ? 'auth_failure' : 'auth_success';
    if (m[1] !== '') row[C.user] = m[1];
    row[C.src_ip] = normalizeIp(m[2]);
  } else if ((m = ASA_VPN_AUTH_EQ.exec(msg))) {
    row[C.action] = m[1] === 'rejected' ? 'auth_failure' : 'auth_success';
    if (m[2] !== '') row[C.user] = m[2];
    row[C.src_ip] = normalizeIp(m[3]);
  } else if ((m = ASA_GROUP_USER_IP.exec(msg))) {
    if (m[3] !== undefined) row[C.action] = 'auth_success';
    if (m[1] !== '') row[C.user] = m[1];
    row[C.src_ip] = normalizeIp(m[2]);
  } else if ((m = ASA_DISCONNECT.exec(msg))) {
    if (m[1] !== '') row[C.user] = m[1];
    row[C.src_ip] = normalizeIp(m[2]);
  } else if ((m = ASA_MGMT_AUTH.exec(msg))) {
    row[C.action] = m[1] === 'failed' ? 'auth_failure' : 'auth_success';
    if (m[3] !== '') row[C.user] = m[3];
    row[C.src_ip] = normalizeIp(m[2]);
  } else if ((m = ASA_AAA_OK.exec(msg))) {
    if (!/^\*+$/.test(m[1])) row[C.user] = m[1];
  } else if ((m = IOS_LOGIN.exec(msg))) {
    if (m[1] !== undefined) row[C.action] = m[1] === 'failed' ? 'auth_failure' : 'auth_success';
    if (m[2] !== '') row[C.user] = m[2];
    row[C.src_ip] = normalizeIp(m[3]);
    row[C.dst_port] = Number(m[4]);
  } else if ((m = IOS_SSH_AUTH.exec(msg))) {
    row[C.action] = m[3] === 'Failed' ? 'auth_failure' : 'auth_success';
    if (m[1] !== '') row[C.user] = m[1];
    row[C.src_ip] = normalizeIp(m[2]);
    row[C.dst_port] = 22;
  } else if ((m = IOS_ACL.exec(msg))) {
    conn(m[2], m[3], m[4], m[5], m[6], m[1] === 'denied' ? 'reject' : 'accept');
    row[C.packets] = Number(m[7]);
  }
  return true;
}

// ---------------------------------------------------------------- Juniper SRX RT_FLOW

/** `session created|closed|denied` (after `RT_FLOW_SESSION_CREATE: `), a close reason, then `src/port->dst/port` */
const JUNOS_HEAD = /^(?:RT_FLOW_SESSION_\w{1,16}: )?session (created|closed|denied) (?:([^:]{1,80}): )?([0-9A-Fa-f:.]{2,45})\/(\d{1,5})->([0-9A-Fa-f:.]{2,45})\/(\d{1,5})(?: |$)/;
const PKT_BYTES = /^(\d{1,15})\((\d{1,20})\)$/;

/**
 * Juniper SRX session logs in the plain (non-structured) syslog format:
 * `session created S/sp->D/dp [0x0] service NAT-S/p->NAT-D/p [0x0] nat-types-and-rules proto policy from-zone to-zone id …`,
 * `session closed REASON: … id c2s-packets(c2s-bytes) s2c-packets(s2c-bytes) elapsed …`,
 * `session denied S/sp->D/dp [0x0] service proto(icmp-type) policy from-zone to-zone …`.
 * A created session is accepted, a denied one rejected; a closed one gives what the client sent
 * (packets, bytes) and the time, with the action `close` (the create line counted the contact).
 */
export function junosFlow(msg: string, row: CellValue[], extra: Record<string, string>): boolean {
  const m = JUNOS_HEAD.exec(msg);
  if (m === null) return false;
  row[C.src_ip] = normalizeIp(m[3]);
  row[C.src_port] = Number(m[4]);
  row[C.dst_ip] = normalizeIp(m[5]);
  row[C.dst_port] = Number(m[6]);
  row[C.action] = m[1] === 'denied' ? 'reject' : m[1] === 'closed' ? 'close' : 'accept';
  if (m[2] !== undefined) extra.close_reason = m[2];
  const t = msg.slice(m.index + m[0].length, m.index + m[0].length + 4096).split(' ');
  let i = /^0x[0-9a-f]+$/i.test(t[0] ?? '') ? 1 : 0;
  if (t[i] && t[i] !== 'None') extra.service = t[i];
  i++;
  let proto: string | undefined;
  if (m[1] === 'denied') {
    // `6(0)`: the protocol number and the ICMP type
    const p = /^(\d{1,3})\(\d{1,5}\)$/.exec(t[i] ?? '');
    if (p !== null) {
      proto = p[1];
      if (t[i + 1]) extra.policy = t[i + 1];
    }
  } else {
    // after the NAT pair and its rules: `proto policy from-zone to-zone session-id`
    for (let j = i; j + 4 < t.length && j < i + 24; j++) {
      if (!/^\d{1,3}$/.test(t[j]) || !/^\d{1,20}$/.test(t[j + 4])) continue;
      proto = t[j];
      extra.policy = t[j + 1];
      const c2s = PKT_BYTES.exec(t[j + 5] ?? '');
      const s2c = PKT_BYTES.exec(t[j + 6] ?? '');
      if (m[1] === 'closed' && c2s !== null) {
        row[C.packets] = Number(c2s[1]);
        row[C.bytes] = Number(c2s[2]);
        if (s2c !== null) extra.bytes_from_server = s2c[2];
        const el = digits(t[j + 7]);
        if (el !== null) row[C.duration] = el;
      }
      break;
    }
  }
  if (proto !== undefined) row[C.proto] = proto === '6' ? 'TCP' : proto === '17' ? 'UDP' : proto === '1' ? 'ICMP' : proto === '58' ? 'ICMP6' : proto;
  if (row[C.proto] === 'ICMP' || row[C.proto] === 'ICMP6') {
    row[C.src_port] = null;
    row[C.dst_port] = null;
  }
  return true;
}

// ---------------------------------------------------------------- MikroTik RouterOS

/** RouterOS puts its topics where the tag would be: `firewall,info`, `system,error,critical` */
const MT_TOPICS = /^([a-z]{2,16}(?:,[a-z]{2,16}){1,4}) (?=\S)/;
const MT_ADDR = String.raw`([0-9]{1,3}(?:\.[0-9]{1,3}){3}|\[[0-9A-Fa-f:.]{2,45}\]|[0-9A-Fa-f:.]{2,45})`;
/** `[prefix ]chain: in:ether1 out:(unknown 0), src-mac m, proto TCP (SYN), A:p->B:q[, NAT …], len 60` */
const MT_FIREWALL = new RegExp(String.raw`^(?:([^:]{1,64}) )?([\w-]{1,32}): in:(\S{1,64}) out:([^,]{1,64}), (?:(?:src|dst)-mac [0-9A-Fa-f:]{17}, )?proto ([\w-]{1,16})(?: \(([^)]{0,40})\))?, ${MT_ADDR}(?::(\d{1,5}))?->${MT_ADDR}(?::(\d{1,5}))?(?:, [^,]{0,200})*?, len (\d{1,6})$`);
const MT_LOGIN = /^(?:login failure for user (.{1,128}?)|user (.{1,128}?) logged in) from ([0-9A-Fa-f:.]{2,45}) via ([\w-]{1,16})/;

/**
 * MikroTik RouterOS syslog: firewall rules with `log=yes` (one packet: addresses, ports, protocol,
 * TCP flags, length; the verdict from the log prefix when it names one) and logins (winbox, ssh,
 * web, api) failed or succeeded. The topics are the program.
 */
export function mikrotik(msg: string, row: CellValue[], extra: Record<string, string>): boolean {
  const t = MT_TOPICS.exec(msg);
  if (t === null) return false;
  const rest = msg.slice(t[0].length, t[0].length + 4096);
  let m: RegExpExecArray | null;
  if (t[1].startsWith('firewall') && (m = MT_FIREWALL.exec(rest))) {
    const strip = (a: string): string => (a.charCodeAt(0) === 91 ? a.slice(1, -1) : a);
    row[C.program] = t[1];
    row[C.src_ip] = normalizeIp(strip(m[7]));
    row[C.dst_ip] = normalizeIp(strip(m[9]));
    const proto = m[5].toUpperCase();
    row[C.proto] = proto === 'ICMPV6' || proto === 'IPV6-ICMP' ? 'ICMP6' : proto;
    if (m[8] !== undefined) row[C.src_port] = Number(m[8]);
    if (m[10] !== undefined) row[C.dst_port] = Number(m[10]);
    if (proto === 'TCP' && m[6]) row[C.flags] = m[6].split(',').map((w) => ({ URG: 'U', ACK: 'A', PSH: 'P', RST: 'R', SYN: 'S', FIN: 'F' })[w.trim()] ?? '').join('') || null;
    row[C.bytes] = Number(m[11]);
    row[C.packets] = 1;
    const prefix = m[1] ?? '';
    if (/drop|reject|deny|block/i.test(prefix)) row[C.action] = 'reject';
    else if (/accept|allow|pass/i.test(prefix)) row[C.action] = 'accept';
    if (prefix !== '') extra.rule = prefix;
    extra.chain = m[2];
    extra.in = m[3];
    return true;
  }
  if ((m = MT_LOGIN.exec(rest))) {
    row[C.program] = t[1];
    row[C.action] = m[1] !== undefined ? 'auth_failure' : 'auth_success';
    row[C.user] = m[1] ?? m[2];
    row[C.src_ip] = normalizeIp(m[3]);
    extra.via = m[4];
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- messages in JSON / key=value exports

/** Azure Firewall (legacy diagnostics) `properties.msg`: `TCP request from A:p to B:q. Action: Deny.`, or `… was DNAT'ed to C:r` */
const AZFW = /^(TCP|UDP|HTTPS?) request from ([0-9A-Fa-f:.]{2,45}):(\d{1,5}) to ([^\s:]{1,255}):(\d{1,5})(?:\. Action: (\w{1,16})| was DNAT'ed to ([0-9A-Fa-f:.]{2,45}):(\d{1,5}))/;
/** Exchange SMTP receive protocol log: the server's reply to a failed AUTH (`535 5.7.3 Authentication unsuccessful`) */
const SMTP_AUTH_FAIL = /^535[ -]5\.7\.\d{1,3} /;
/** SonicWall `msg="Administrator login denied due to bad credentials"` (and `User login denied …`, `… login allowed`) */
const SONICWALL_LOGIN = /^(?:Administrator|User|Admin) login (denied|allowed)\b/;

/**
 * Appliance messages that arrive as a field of a JSON or key=value export with no program beside
 * them: Azure Firewall rule logs, SonicWall logins and Exchange's SMTP AUTH refusals; with `appWords`, an application's
 * own words for a login (appwording.ts; not for syslog carried in a table, whose programs have their own readers).
 * Fills empty cells only; false when the message is none of them.
 */
export function exportMessage(msg: string, row: CellValue[], appWords = true): boolean {
  let m: RegExpExecArray | null;
  const set = (col: number, v: CellValue): void => {
    if (row[col] === null && v !== null) row[col] = v;
  };
  if (msg.indexOf(' request from ') > 0 && (m = AZFW.exec(msg))) {
    set(C.proto, m[1] === 'UDP' ? 'UDP' : 'TCP');
    set(C.src_ip, normalizeIp(m[2]));
    set(C.src_port, Number(m[3]));
    const dnat = m[7] !== undefined;
    const dst = dnat ? m[7] : m[4];
    const ip = normalizeIp(dst);
    if (ip !== null) set(C.dst_ip, ip);
    else set(C.host, m[4]);
    set(C.dst_port, Number(dnat ? m[8] : m[5]));
    // a DNAT rule forwarded it; otherwise the rule's verdict
    set(C.action, dnat ? 'accept' : /^allow/i.test(m[6]!) ? 'accept' : /^deny/i.test(m[6]!) ? 'reject' : m[6]!.toLowerCase());
    return true;
  }
  if (SMTP_AUTH_FAIL.test(msg)) {
    set(C.action, 'auth_failure');
    return true;
  }
  if ((m = SONICWALL_LOGIN.exec(msg))) {
    set(C.action, m[1] === 'denied' ? 'auth_failure' : 'auth_success');
    return true;
  }
  // an application's own words, for a client the record names (a login with no address guessed nothing we can follow)
  const app = appWords && row[C.src_ip] !== null ? appLogin(msg, typeof row[C.program] === 'string' ? (row[C.program] as string) : null) : null;
  if (app !== null) {
    set(C.action, app.action);
    set(C.user, app.user);
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- WatchGuard Fireware

/** `[msg_id="3000-0148" ]Deny 1-Trusted 0-External 52 tcp 20 64 SRC DST [SPORT DPORT] … (policy)` */
const WG_TRAFFIC = /^(?:msg_id="[\d-]{1,16}" )?(Allow|Deny) (\S{1,64}) (\S{1,64}) (\d{1,6}) ([a-z][a-z0-9-]{0,15}) \d{1,3} \d{1,3} ([0-9A-Fa-f:.]{2,45}) ([0-9A-Fa-f:.]{2,45})(?: (\d{1,5}) (\d{1,5}))?/;
const WG_POLICY = /\(([^()]{1,128})\)\s*$/;
/** `Authentication of Firebox user [admin@Firebox-DB] from A was rejected, password is incorrect` (also SSLVPN, Mobile VPN users) */
const WG_AUTH = /^(?:msg_id="[\d-]{1,16}" )?Authentication of (?:[\w-]{1,32} ){0,3}user \[([^\]@]{1,128})(?:@[^\]]{0,64})?\] from ([0-9A-Fa-f:.]{2,45}) was (rejected|accepted)/;

/** WatchGuard Firebox traffic lines (one packet, allowed or denied, with the policy) and user authentication results. */
export function watchguard(msg: string, row: CellValue[], extra: Record<string, string>): boolean {
  let m: RegExpExecArray | null;
  if ((m = WG_TRAFFIC.exec(msg))) {
    row[C.action] = m[1] === 'Allow' ? 'accept' : 'reject';
    const proto = m[5].toUpperCase();
    row[C.proto] = proto;
    row[C.src_ip] = normalizeIp(m[6]);
    row[C.dst_ip] = normalizeIp(m[7]);
    if (m[8] !== undefined && proto !== 'ICMP') {
      row[C.src_port] = Number(m[8]);
      row[C.dst_port] = Number(m[9]);
    } else if (m[8] !== undefined) row[C.flags] = `${m[8]}.${m[9]}`;
    row[C.bytes] = Number(m[4]);
    row[C.packets] = 1;
    extra.in = m[2];
    extra.out = m[3];
    const p = WG_POLICY.exec(msg.length > 4096 ? msg.slice(-4096) : msg);
    if (p !== null) extra.rule = p[1];
    return true;
  }
  if ((m = WG_AUTH.exec(msg))) {
    row[C.action] = m[3] === 'rejected' ? 'auth_failure' : 'auth_success';
    row[C.user] = m[1];
    row[C.src_ip] = normalizeIp(m[2]);
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- Cisco Meraki

const MERAKI_CATEGORIES = new Set(['flows', 'firewall', 'vpn_firewall', 'cellular_firewall', 'bridge_anyconnect_client_vpn_firewall', 'urls', 'ids-alerts']);
const MERAKI_TAIL = /^(pattern|request|message):$/;

/**
 * Cisco Meraki MX syslog (category as the program): `flows`/`firewall` lines are connections with
 * the rule's verdict (`pattern: allow all`, `pattern: 1 deny all`), `urls` requests (`request: GET
 * http://…`), `ids-alerts` Snort alerts (`message: ET SCAN …`); `src=A[:p] dst=B[:q] sport= dport= protocol=`.
 */
export function meraki(program: string, msg: string, row: CellValue[], extra: Record<string, string>): boolean {
  if (!MERAKI_CATEGORIES.has(program)) return false;
  const t = msg.slice(0, 8192).split(' ');
  const kv = new Map<string, string>();
  let i = 0;
  for (; i < t.length && !MERAKI_TAIL.test(t[i]); i++) {
    const eq = t[i].indexOf('=');
    if (eq > 0) kv.set(t[i].slice(0, eq), t[i].slice(eq + 1));
  }
  const tail = i < t.length ? t.slice(i + 1).join(' ') : '';
  const addr = (v: string | undefined): [string | null, number | null] => {
    if (v === undefined) return [null, null];
    const c = v.lastIndexOf(':');
    const ip = normalizeIp(v);
    if (ip !== null || c < 0) return [ip, null];
    return [normalizeIp(v.slice(0, c)), digits(v.slice(c + 1))];
  };
  const [src, sp] = addr(kv.get('src'));
  const [dst, dp] = addr(kv.get('dst'));
  if (src === null) return false;
  row[C.src_ip] = src;
  row[C.dst_ip] = dst;
  const sport = sp ?? digits(kv.get('sport'));
  const dport = dp ?? digits(kv.get('dport'));
  if (sport !== null && sport <= 65535) row[C.src_port] = sport;
  if (dport !== null && dport <= 65535) row[C.dst_port] = dport;
  const proto = (kv.get('protocol') ?? '').replace(/\/ip$/i, '').toUpperCase();
  if (proto !== '') row[C.proto] = proto === 'ICMP6' || proto === 'IPV6-ICMP' ? 'ICMP6' : proto;
  const icmpType = digits(kv.get('type'));
  if ((proto === 'ICMP' || proto === 'ICMP6') && icmpType !== null) row[C.flags] = `${icmpType}.0`;
  if (t[i] === 'pattern:') {
    row[C.action] = /\ballow\b/.test(tail) ? 'accept' : /\bdeny\b/.test(tail) ? 'reject' : null;
    extra.rule = tail.slice(0, 200);
  } else if (t[i] === 'request:') {
    const sp2 = tail.indexOf(' ');
    const url = sp2 < 0 ? tail : tail.slice(sp2 + 1);
    if (sp2 > 0) row[C.method] = tail.slice(0, sp2);
    const m = /^https?:\/\/([^/?#\s]{1,255})([^?#\s]*)(?:\?([^#\s]*))?/.exec(url);
    if (m !== null) {
      row[C.host] = m[1];
      row[C.path] = m[2] === '' ? '/' : m[2];
      if (m[3] !== undefined) row[C.query] = m[3];
    } else if (url !== '') row[C.path] = url;
  } else if (t[i] === 'message:') {
    row[C.message] = tail;
    const sig = kv.get('signature');
    if (sig !== undefined) extra.signature = sig;
    if (kv.get('priority') !== undefined) extra.priority = kv.get('priority')!;
  }
  return true;
}
