// VPN gateways' login logs, written as each product writes them: OpenVPN (2.4 and 2.6 files,
// syslog), Cisco ASA AnyConnect, FortiGate SSL-VPN, Palo Alto GlobalProtect (syslog and headerless)
// and Pulse/Ivanti Connect Secure. Every one must give each attempt a time, the client, the account
// and its outcome, so the guesser and the sprayer are found, counted once per try, and the member of
// staff who mistypes once (and the branch office whose people do) stay quiet.
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles } from './plantedKit';
import { parseText } from '../formats/helpers';
import { BRANCH, GUESSER, GUESSES, MISTYPER, MISTYPER_USER, SPRAYED, SPRAYER, morning } from './vpnLogins/scenario';
import { openvpn24, openvpn26, openvpnSyslog } from './vpnLogins/openvpn';
import { asaLog } from './vpnLogins/asa';
import { fortiLog } from './vpnLogins/fortigate';
import { gpRecords, gpSyslog } from './vpnLogins/globalprotect';
import { pulseLog } from './vpnLogins/pulse';
import { charonLog } from './vpnLogins/strongswan';
import { npsEvents } from './vpnLogins/nps';

afterAll(cleanupPlanted);

const attempts = morning();

/** The guesser and the sprayer found with their true counts; the mistyper and the branch office quiet. */
function judged(found: Finding[], service: RegExp): void {
  const g = expectFound(found, 'bruteForce', GUESSER, 'medium');
  expect(g.title, listFindings(found)).toMatch(new RegExp(`brute force from ${GUESSER.replace(/\./g, '\\.')}: ${GUESSES} failed logins`));
  expect(g.title).toMatch(service);
  const s = expectFound(found, 'bruteForce', SPRAYER, 'medium');
  expect(s.title).toContain(`password spraying from ${SPRAYER}: ${SPRAYED} user names, ${SPRAYED} failed logins`);
  expect(s.title).toMatch(service);
  // an info note (an outlier of volume) is not a finding against them
  const loud = found.filter((f) => f.severity !== 'info').filter((f) => f.entity === MISTYPER || f.entity === BRANCH || (f.entityType !== 'ip' && /192\.0\.2\.44|198\.51\.100\.200/.test(String(f.numbers.sources ?? ''))));
  expect(loud.map((f) => `${f.detector}:${f.entity}:${f.severity}`)).toEqual([]);
}

describe('OpenVPN server logs', () => {
  it('types the PAM plugin\'s account onto the failure after it, and a password that passed as the login (its tunnel as a session)', () => {
    const r = parseText(openvpn24(attempts.filter((a) => a.ip === MISTYPER)).join('\n') + '\n', { year: 2026 });
    expect(r.detected.layout.format).toBe('text');
    const logins = r.rows.filter((e) => e.action !== null).map((e) => [e.ts !== null, e.src_ip, e.user, e.action]);
    expect(logins).toEqual([
      [true, MISTYPER, MISTYPER_USER, 'auth_failure'],
      [true, MISTYPER, MISTYPER_USER, 'auth_success'],
      [true, MISTYPER, MISTYPER_USER, 'session_open'],
    ]);
  });

  it('2.4 log-append file (ctime stamps, the plugin\'s line without one)', async () => {
    const found = await analysePlanted('vpn-ovpn24', (dir) => {
      const { put, files } = logFiles(dir);
      put('openvpn.log', openvpn24(attempts));
      return files;
    });
    judged(found, /^VPN login /);
  });

  it('2.6 file (ISO stamps)', async () => {
    const found = await analysePlanted('vpn-ovpn26', (dir) => {
      const { put, files } = logFiles(dir);
      put('openvpn.log', openvpn26(attempts));
      return files;
    });
    judged(found, /^VPN login /);
  });

  it('syslog under the ovpn-server tag (no stamp of its own)', async () => {
    const found = await analysePlanted('vpn-ovpnsys', (dir) => {
      const { put, files } = logFiles(dir);
      put('syslog', openvpnSyslog(attempts));
      return files;
    });
    judged(found, /^VPN login /);
  });
});

describe('Cisco ASA AnyConnect', () => {
  it('a refused login logged as 113005 (name masked) and 716039 counts once; 113039 is the login that passed', async () => {
    const r = parseText(asaLog(attempts.filter((a) => a.ip === MISTYPER)).join('\n') + '\n', { year: 2026 });
    expect(r.rows.filter((e) => e.action !== null).map((e) => [e.program, e.src_ip, e.user, e.action])).toEqual([
      ['%ASA-6-113005', MISTYPER, null, 'auth_failure'],
      ['%ASA-6-716039', MISTYPER, MISTYPER_USER, 'auth_failure'],
      ['%ASA-6-716038', MISTYPER, MISTYPER_USER, 'auth_success'],
      ['%ASA-6-113039', MISTYPER, MISTYPER_USER, 'auth_success'],
    ]);
    const found = await analysePlanted('vpn-asa', (dir) => {
      const { put, files } = logFiles(dir);
      put('asa.log', asaLog(attempts));
      return files;
    });
    judged(found, /^VPN login /);
    expect(expectFound(found, 'bruteForce', GUESSER, 'medium').explanation).toContain(`logged ${GUESSES} failed VPN login(s) twice`);
  });
});

describe('FortiGate SSL-VPN', () => {
  it('ssl-login-fail refused, tunnel-up in tunnel mode passed', async () => {
    const r = parseText(fortiLog(attempts.filter((a) => a.ip === MISTYPER)).join('\n') + '\n', { year: 2026 });
    expect(r.rows.filter((e) => e.action === 'auth_failure' || e.action === 'auth_success').map((e) => [e.src_ip, e.user, e.action])).toEqual([
      [MISTYPER, MISTYPER_USER, 'auth_failure'],
      [MISTYPER, MISTYPER_USER, 'auth_success'],
    ]);
    const found = await analysePlanted('vpn-forti', (dir) => {
      const { put, files } = logFiles(dir);
      put('fortigate.log', fortiLog(attempts));
      return files;
    });
    judged(found, /^VPN login /);
  });
});

describe('Palo Alto GlobalProtect (GLOBALPROTECT log type)', () => {
  it('portal authentication by its status, with the public address and the user; the tunnel is no second login', () => {
    const r = parseText(gpRecords(attempts.filter((a) => a.ip === MISTYPER)).join('\n') + '\n', { year: 2026 });
    expect(r.detected.layout.format).toBe('panos');
    expect(r.rows.map((e) => [e.src_ip, e.user, e.action])).toEqual([
      [MISTYPER, null, null],
      [MISTYPER, MISTYPER_USER, 'auth_failure'],
      [MISTYPER, null, null],
      [MISTYPER, MISTYPER_USER, 'auth_success'],
      [MISTYPER, MISTYPER_USER, null],
    ]);
  });

  it('through syslog', async () => {
    const found = await analysePlanted('vpn-gpsys', (dir) => {
      const { put, files } = logFiles(dir);
      put('pa.log', gpSyslog(attempts));
      return files;
    });
    judged(found, /^VPN login /);
  });

  it('headerless', async () => {
    const found = await analysePlanted('vpn-gpcsv', (dir) => {
      const { put, files } = logFiles(dir);
      put('globalprotect.csv', gpRecords(attempts));
      return files;
    });
    judged(found, /^VPN login /);
  });
});

describe('Pulse / Ivanti Connect Secure', () => {
  it('Login failed using auth server counted once per try, Login succeeded the login', async () => {
    const found = await analysePlanted('vpn-pulse', (dir) => {
      const { put, files } = logFiles(dir);
      put('pulse.log', pulseLog(attempts));
      return files;
    });
    judged(found, /^VPN login /);
  });
});

describe('strongSwan charon (IKEv2 EAP-MS-CHAPv2, ike_name = yes)', () => {
  it('gives each IKE_SA\'s client and EAP identity to its verification failure and its EAP success', async () => {
    const r = parseText(charonLog(attempts.filter((a) => a.ip === MISTYPER)).join('\n') + '\n', { year: 2026 });
    expect(r.rows.filter((e) => e.action !== null).map((e) => [e.src_ip, e.user, e.action])).toEqual([
      [MISTYPER, MISTYPER_USER, 'auth_failure'],
      [MISTYPER, MISTYPER_USER, 'auth_success'],
    ]);
    const found = await analysePlanted('vpn-charon', (dir) => {
      const { put, files } = logFiles(dir);
      put('charon.log', charonLog(attempts));
      return files;
    });
    judged(found, /^VPN login /);
  });
});

describe('Microsoft NPS (RADIUS for a Windows VPN)', () => {
  it('6273 for a credentials mismatch is a failure from the Calling Station ID, 6272 a login; the RADIUS client is no source', async () => {
    const events = npsEvents(attempts.filter((a) => a.ip === MISTYPER));
    // a refusal by policy (48: no network policy matched) is no guessed password
    events.push(events[0]!.replace("<Data Name='ReasonCode'>16</Data>", "<Data Name='ReasonCode'>48</Data>"));
    const r = parseText(events.join('\n') + '\n', { year: 2026 });
    expect(r.detected.layout.format).toBe('winxml');
    expect(r.rows.map((e) => [e.program, e.src_ip, e.user, e.action])).toEqual([
      ['Network Policy Server', MISTYPER, MISTYPER_USER, 'auth_failure'],
      ['Network Policy Server', MISTYPER, MISTYPER_USER, 'auth_success'],
      ['Network Policy Server', MISTYPER, MISTYPER_USER, null],
    ]);
    const found = await analysePlanted('vpn-nps', (dir) => {
      const { put, files } = logFiles(dir);
      put('Security.xml', npsEvents(attempts));
      return files;
    });
    judged(found, /^VPN login /);
    expect(found.filter((f) => f.entity === '10.0.0.20')).toEqual([]);
  });
});
