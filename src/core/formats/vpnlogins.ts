// VPN logins whose lines must be read together: OpenVPN's PAM plugin names the account on the line
// before the failure that names the client, strongSwan's charon names client, account and outcome on
// separate lines of one IKE_SA. typeMessage marks such lines (`extra._carry_user`, `_passed`, `_peer`,
// `_ike`) and each line parser's LoginCarry joins them within the block it parses.
import type { CellValue } from './types';
import { C } from './cols';
import { normalizeIp } from './clean';

/**
 * charon's line head: the thread and subsystem (`09[IKE] `), then with `ike_name = yes` the IKE_SA:
 * its unique id (`<12> `), with its config's name once one is chosen (`<rw-eap|12> `)
 */
const CHARON_HEAD = /^(?:\d{1,3}\[[A-Z]{2,4}\] )?(?:<(?:[^<>|\s]{0,64}\|)?(\d{1,10})> )?/;
const SWAN_PACKET = /^received packet: from ([0-9A-Fa-f:.]{2,45})\[(\d{1,5})\] to /;
const SWAN_INITIATING = /^([0-9A-Fa-f:.]{2,45}) is initiating an IKE_SA/;
const SWAN_ESTABLISHED = /^IKE_SA [^\s[]{0,64}\[\d{1,10}\] established between [^\s]{0,300}\.\.\.([0-9A-Fa-f:.]{2,45})\[/;
const SWAN_IDENTITY = /^received EAP identity '([^']{0,256})'/;
/** a refused password: checked here (EAP-MS-CHAPv2), or by the RADIUS server (eap-radius); an account the secrets do not hold */
const SWAN_FAIL = /^(?:EAP-MS-CHAPv2 verification failed|RADIUS authentication of '([^']{0,256})' failed|no EAP key found for hosts '[^']{0,256}' - '([^']{0,256})')/;
const SWAN_OK = /^authentication of '([^']{0,256})' with EAP successful/;

/** strongSwan's daemon as syslog tags it */
export const isCharon = (program: string | null): boolean => program !== null && /^(?:charon(?:-systemd)?|ipsec|strongswan)$/.test(program);

/**
 * strongSwan charon (IKEv2 road warriors with EAP): a refused password (`EAP-MS-CHAPv2 verification
 * failed, retry (1)`, `RADIUS authentication of 'alice' failed`, an unknown account's `no EAP key
 * found for hosts 'S' - 'alice'`) is one failure, `authentication of 'alice' with EAP successful` a
 * login. The client is on the IKE_SA's packet lines (`received packet: from A[4500]`) and the account
 * on `received EAP identity 'alice'`: with `ike_name = yes` every line carries the IKE_SA
 * (`<rw-eap|12>`), and LoginCarry gives its client and account to its login lines (`extra._ike`).
 * An IKE identity that is an address (Windows sends its own, often private, one) is no account.
 */
export function strongswanLogin(msg: string, row: CellValue[], extra: Record<string, string>, setIp: (ip: string, port: string | undefined) => void): boolean {
  const h = CHARON_HEAD.exec(msg)!;
  if (h[0] === '') return false;
  if (h[1] !== undefined) extra._ike = h[1];
  const body = msg.slice(h[0].length, h[0].length + 1024);
  const account = (u: string | undefined): void => {
    if (u !== undefined && u !== '' && normalizeIp(u) === null) row[C.user] = u;
  };
  let m: RegExpExecArray | null;
  if ((m = SWAN_PACKET.exec(body))) setIp(m[1], m[2]);
  else if ((m = SWAN_INITIATING.exec(body)) || (m = SWAN_ESTABLISHED.exec(body))) setIp(m[1], undefined);
  else if ((m = SWAN_IDENTITY.exec(body))) account(m[1]);
  else if ((m = SWAN_FAIL.exec(body))) {
    row[C.action] = 'auth_failure';
    account(m[1] ?? m[2]);
  } else if ((m = SWAN_OK.exec(body))) {
    row[C.action] = 'auth_success';
    account(m[1]);
  }
  return true;
}

/** seconds between OpenVPN's PAM plugin line and the failure line it belongs to, at most */
const CARRY_MS = 5000;

/**
 * What one login's lines tell each other, within one parsed block (a parser's own state; a block
 * edge between the two lines loses only that pairing): OpenVPN's PAM plugin names the account on
 * the line before the `A:port TLS Auth Error` it belongs to, which gets the account; a password that
 * passed (`authentication succeeded for username`) is the login, so the same client's `Peer
 * Connection Initiated` just after it is that login's session (`session_open`), not a second login.
 */
export class LoginCarry {
  private user: string | null = null;
  private userTs = NaN;
  private passed: string | null = null;
  /** strongSwan IKE_SAs of this block: the client and account their lines named */
  private readonly sas = new Map<string, { ip: CellValue; port: CellValue; user: CellValue }>();

  /** Called with each typed row before its extra is written: reads and removes the `_carry_user`, `_passed`, `_peer` marks. */
  apply(row: CellValue[], extra: Record<string, string>): void {
    if (extra._ike !== undefined) {
      this.ikeSa(extra._ike, row);
      delete extra._ike;
      return;
    }
    const at = row[C.ts];
    const ts = typeof at === 'number' ? at : NaN;
    if (extra._carry_user !== undefined) {
      this.user = extra._carry_user;
      this.userTs = ts;
      delete extra._carry_user;
      return;
    }
    const program = row[C.program];
    const openvpn = program === null || (typeof program === 'string' && /^(?:openvpn|ovpn-)/.test(program));
    if (this.user !== null && openvpn && row[C.action] === 'auth_failure' && row[C.user] === null && row[C.src_ip] !== null) {
      if (!(Math.abs(ts - this.userTs) > CARRY_MS)) {
        row[C.user] = this.user;
        extra.user_from = 'AUTH-PAM';
      }
      this.user = null;
    }
    if (extra._passed !== undefined) {
      this.passed = extra._passed;
      delete extra._passed;
    } else if (extra._peer !== undefined) {
      if (this.passed === extra._peer) row[C.action] = 'session_open';
      this.passed = null;
      delete extra._peer;
    }
  }

  /** An IKE_SA's line: remembers the client and account it names, gives them to a line that lacks them. */
  private ikeSa(key: string, row: CellValue[]): void {
    let sa = this.sas.get(key);
    if (sa === undefined) {
      if (this.sas.size >= 4096) this.sas.clear();
      sa = { ip: null, port: null, user: null };
      this.sas.set(key, sa);
    }
    if (row[C.src_ip] !== null) {
      sa.ip = row[C.src_ip];
      sa.port = row[C.src_port];
    } else if (sa.ip !== null) {
      row[C.src_ip] = sa.ip;
      row[C.src_port] = sa.port;
    }
    if (row[C.user] !== null) sa.user = row[C.user];
    else if (sa.user !== null && row[C.action] !== null) row[C.user] = sa.user;
  }
}
