// Envoy's default access log, as Envoy, Istio's sidecars and gateways, Contour, Emissary and App
// Mesh write it (one line per request or TCP connection), read by the text format after its
// `[start time]` (text.ts: the proxy's own messages between the requests stay timestamped text):
//   [START_TIME] "METHOD PATH PROTOCOL" CODE FLAGS BYTES_RECEIVED BYTES_SENT DURATION UPSTREAM_TIME
//     "X-FORWARDED-FOR" "USER-AGENT" "X-REQUEST-ID" "AUTHORITY" "UPSTREAM_HOST"
// Istio adds after FLAGS the response code details, the connection termination details and the
// quoted upstream transport failure reason, and after UPSTREAM_HOST the upstream cluster, upstream
// local, downstream local and downstream remote addresses, the SNI and the route. The client is
// the downstream remote address (Istio), or the address X-Forwarded-For names behind a private
// peer or a CDN edge (the peer kept as extra.proxy_ip), as in access logs; with no peer logged
// (plain Envoy) the header's rightmost public address. Response flags (UF, NR, UAEX, RL…) stay
// in extra.response_flags; a code of 0 (no HTTP answer: a TCP proxy line, a reset) is no status.
import type { CellValue } from './types';
import { C } from './cols';
import { normalizeIp } from './clean';
import { forwardedClient } from './access';

const COUNT_RE = /^(?:\d{1,15}|-)$/;
/** a token that was written quoted */
const QUOTED = '\u0001';

/** Splits after the time: quoted strings (a quote ends at `"` before a space or the end) and bare tokens; quoted ones are marked. */
function tokens(s: string, from: number, out: string[]): number {
  let n = 0;
  let i = from;
  const len = s.length;
  while (i < len) {
    while (i < len && s.charCodeAt(i) === 32) i++;
    if (i >= len) break;
    if (s.charCodeAt(i) === 34) {
      let e = i + 1;
      while (e < len && !(s.charCodeAt(e) === 34 && (e + 1 === len || s.charCodeAt(e + 1) === 32))) e++;
      out[n++] = QUOTED + s.slice(i + 1, e);
      i = e + 1;
    } else {
      let e = i;
      while (e < len && s.charCodeAt(e) !== 32) e++;
      out[n++] = s.slice(i, e);
      i = e;
    }
  }
  return n;
}

const quoted = (t: string | undefined): boolean => t !== undefined && t.charCodeAt(0) === 1;
const text = (t: string): string => (t.charCodeAt(0) === 1 ? t.slice(1) : t);

/** Where the five quoted headers (X-Forwarded-For … upstream host) start, after the four counts; -1 when the line has no such run. */
function headersAt(b: readonly string[], n: number): number {
  for (let j = 7; j + 5 <= n; j++) {
    if (!(quoted(b[j]) && quoted(b[j + 1]) && quoted(b[j + 2]) && quoted(b[j + 3]) && quoted(b[j + 4]))) continue;
    if (COUNT_RE.test(b[j - 1]!) && COUNT_RE.test(b[j - 2]!) && COUNT_RE.test(b[j - 3]!) && COUNT_RE.test(b[j - 4]!)) return j;
  }
  return -1;
}

/** `10.1.2.9:51234`, `[2001:db8::1]:443` or a bare address -> address and port; null for `-` or anything else. */
function hostPort(v: string): { ip: string; port: number | null } | null {
  if (v === '-' || v === '') return null;
  let host = v;
  let port: number | null = null;
  if (v.charCodeAt(0) === 91) {
    const e = v.indexOf(']');
    if (e < 0) return null;
    host = v.slice(1, e);
    if (v.charCodeAt(e + 1) === 58) port = Number(v.slice(e + 2));
  } else {
    const c = v.indexOf(':');
    // one colon: address and port; more: a bare IPv6 address
    if (c > 0 && c === v.lastIndexOf(':')) {
      host = v.slice(0, c);
      port = Number(v.slice(c + 1));
    }
  }
  const ip = normalizeIp(host);
  if (ip === null) return null;
  return { ip, port: port !== null && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : null };
}

const buf: string[] = [];
const given = (v: string): boolean => v !== '-' && v !== '';

/**
 * Types an Envoy access line after its time (`message` starts at the quoted request): false, and
 * nothing written, when it is not one (a line without the four counts and five quoted headers).
 */
export function envoyAccess(message: string, row: CellValue[], extra: Record<string, string>): boolean {
  if (message.charCodeAt(0) !== 34) return false;
  const b = buf;
  const n = tokens(message, 0, b);
  if (n < 12 || !quoted(b[0]) || !/^\d{1,3}$/.test(b[1]!)) return false;
  const j = headersAt(b, n);
  if (j < 0) return false;
  const request = text(b[0]!);
  if (request !== '- - -') {
    const sp1 = request.indexOf(' ');
    const sp2 = request.lastIndexOf(' ');
    const method = sp1 > 0 ? request.slice(0, sp1) : request;
    if (given(method)) row[C.method] = method;
    const target = sp1 > 0 ? (sp2 > sp1 ? request.slice(sp1 + 1, sp2) : request.slice(sp1 + 1)) : '';
    if (given(target)) {
      const q = target.indexOf('?');
      row[C.path] = q < 0 ? target : target.slice(0, q);
      if (q >= 0) row[C.query] = target.slice(q + 1);
    }
    if (sp2 > sp1 && sp1 > 0 && given(request.slice(sp2 + 1))) row[C.protocol] = request.slice(sp2 + 1);
  }
  const code = Number(b[1]);
  if (code >= 100) row[C.status] = code;
  if (given(b[2]!)) extra.response_flags = b[2]!;
  // Istio's response code details (via_upstream, ext_authz_denied…) and upstream failure reason
  if (j - 4 > 3 && given(text(b[3]!))) extra.response_details = text(b[3]!);
  if (j - 4 > 5 && given(text(b[5]!))) extra.upstream_failure = text(b[5]!);
  const [received, sent, duration] = [b[j - 4]!, b[j - 3]!, b[j - 2]!];
  if (given(sent)) row[C.bytes] = Number(sent);
  if (given(received)) extra.bytes_received = received;
  if (given(duration)) row[C.duration] = Number(duration) / 1000;
  const xff = text(b[j]!);
  const agent = text(b[j + 1]!);
  if (given(agent)) row[C.user_agent] = agent;
  if (given(text(b[j + 2]!))) extra.request_id = text(b[j + 2]!);
  if (given(text(b[j + 3]!))) row[C.host] = text(b[j + 3]!);
  if (given(text(b[j + 4]!))) extra.upstream = text(b[j + 4]!);
  // Istio: cluster, upstream local, downstream local (the service asked), downstream remote (the peer)
  const tail = n - (j + 5);
  if (tail >= 1 && given(b[j + 5]!)) extra.upstream_cluster = b[j + 5]!;
  const local = tail >= 3 ? hostPort(b[j + 7]!) : null;
  if (local !== null) {
    row[C.dst_ip] = local.ip;
    if (local.port !== null) row[C.dst_port] = local.port;
  }
  const peer = tail >= 4 ? hostPort(b[j + 8]!) : null;
  // no peer logged (plain Envoy): the header is all there is, read as a private proxy's
  const client = given(xff) ? forwardedClient(xff, peer?.ip ?? '10.0.0.0') : null;
  if (given(xff)) extra.x_forwarded_for = xff;
  if (client !== null) {
    row[C.src_ip] = client;
    if (peer !== null) extra.proxy_ip = peer.ip;
  } else if (peer !== null) {
    row[C.src_ip] = peer.ip;
    if (peer.port !== null) row[C.src_port] = peer.port;
  }
  if (tail >= 5 && given(b[j + 9]!)) extra.sni = b[j + 9]!;
  if (tail >= 6 && given(b[j + 10]!)) extra.route = b[j + 10]!;
  return true;
}
