// Okta's System Log of the day as its API returns it (GET /api/v1/logs, one event object a line as
// an export script writes them): each morning a session start, a push to Okta Verify and the MFA
// step that passed, then SSO to apps; erin's phone is sent push after push by someone who has her
// password, and she gives in; grace rejects one push by mistake and approves the next.
import { at, BOMBED, BOMBER, guid, HOPPER, OFFICE, rng, TOR, TWICE, USERS } from './day';

/** erin's phone, where she taps "No, it's not me" */
export const PHONE = '192.0.2.99';
const AMS = { city: 'Amsterdam', state: 'North Holland', country: 'Netherlands', postalCode: '1012', geolocation: { lat: 52.3759, lon: 4.8975 } };
const BER = { city: 'Berlin', state: 'Land Berlin', country: 'Germany', postalCode: '10117', geolocation: { lat: 52.52, lon: 13.405 } };

/** the request each event type comes from */
const URI: Readonly<Record<string, string>> = { 'user.session.start': '/idp/idx/identify', 'system.push.send_factor_verify_push': '/idp/idx/challenge', 'user.authentication.auth_via_mfa': '/idp/idx/authenticators/poll', 'user.mfa.okta_verify.deny_push': '/idp/authenticators/okta-verify/deny', 'user.authentication.sso': '/app/office365/exk1fxyz/sso/wsfed/passive' };

interface Ev { ts: number; user: string; ip: string; type: string; result: string; reason?: string | null; message: string; where?: typeof AMS; proxy?: boolean }

function event(r: () => number, e: Ev): string {
  const name = e.user.split('@')[0];
  const mobile = e.ip === PHONE || e.type === 'user.mfa.okta_verify.deny_push';
  return JSON.stringify({
    actor: { id: `00u${name.padEnd(17, 'x').slice(0, 17)}`, type: 'User', alternateId: e.user, displayName: name[0].toUpperCase() + name.slice(1), detailEntry: null },
    client: { userAgent: { rawUserAgent: mobile ? 'Okta Verify/9.3.0 (iPhone; iOS 17.3.1)' : 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36', os: mobile ? 'iOS' : 'Windows 10', browser: mobile ? 'UNKNOWN' : 'CHROME' }, zone: 'null', device: mobile ? 'Mobile' : 'Computer', id: null, ipAddress: e.ip, geographicalContext: e.where ?? BER },
    device: null,
    authenticationContext: { authenticationProvider: e.type.includes('mfa') || e.type.includes('push') ? 'FACTOR_PROVIDER' : null, credentialProvider: e.type.includes('mfa') || e.type.includes('push') ? 'OKTA_CREDENTIAL_PROVIDER' : null, credentialType: e.type.includes('mfa') ? 'OTP' : null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: `102${guid(r).slice(0, 20)}` },
    displayMessage: e.message, eventType: e.type, outcome: { result: e.result, reason: e.reason ?? null }, published: new Date(e.ts).toISOString(),
    securityContext: { asNumber: e.ip === BOMBER ? 60781 : 3320, asOrg: e.ip === BOMBER ? 'leaseweb' : 'deutsche telekom ag', isp: e.ip === BOMBER ? 'leaseweb' : 'deutsche telekom ag', domain: e.ip === BOMBER ? null : 't-ipconnect.de', isProxy: e.proxy ?? false },
    severity: e.result === 'SUCCESS' ? 'INFO' : 'WARN',
    debugContext: { debugData: { requestId: guid(r).replace(/-/g, '').slice(0, 24), requestUri: URI[e.type] ?? '/api/v1/authn', url: `${URI[e.type] ?? '/api/v1/authn'}?` } },
    legacyEventType: e.type === 'user.session.start' ? (e.result === 'SUCCESS' ? 'core.user_auth.login_success' : 'core.user_auth.login_failed') : null,
    transaction: { type: 'WEB', id: guid(r).replace(/-/g, '').slice(0, 24), detail: {} },
    uuid: guid(r), version: '0', request: { ipChain: [{ ip: e.ip, geographicalContext: e.where ?? BER, version: 'V4', source: null }] },
    target: [{ id: 'pfd1abcd', type: 'AuthenticatorEnrollment', alternateId: 'unknown', displayName: 'Okta Verify', detailEntry: null }],
  });
}

const push = (ts: number, user: string, ip: string, where?: typeof AMS): Ev => ({ ts, user, ip, type: 'system.push.send_factor_verify_push', result: 'SUCCESS', message: 'Push notification sent for verification', where });
const mfa = (ts: number, user: string, ip: string, ok: boolean, where?: typeof AMS, reason?: string): Ev => ({ ts, user, ip, type: 'user.authentication.auth_via_mfa', result: ok ? 'SUCCESS' : 'FAILURE', reason: ok ? null : reason ?? 'INVALID_CREDENTIALS', message: 'Authentication of user via MFA', where });
const deny = (ts: number, user: string): Ev => ({ ts, user, ip: PHONE, type: 'user.mfa.okta_verify.deny_push', result: 'SUCCESS', message: 'User rejected Okta push verify' });

/** The day's System Log, one event a line, in time order. */
export function systemLog(): string[] {
  const r = rng(42);
  const evs: Ev[] = [];
  USERS.forEach((user) => {
    const t = at(7, 30) + Math.floor(r() * 100) * 60_000 + Math.floor(r() * 60_000);
    evs.push({ ts: t, user, ip: OFFICE, type: 'user.session.start', result: 'SUCCESS', message: 'User login to Okta' });
    evs.push(push(t + 2000, user, OFFICE));
    if (user === TWICE) {
      evs.push(deny(t + 9000, user), mfa(t + 9500, user, OFFICE, false, undefined, 'User rejected Okta push verify'), push(t + 30_000, user, OFFICE), mfa(t + 41_000, user, OFFICE, true));
    } else evs.push(mfa(t + 8000, user, OFFICE, true));
    for (let k = 1; k < 6; k++) evs.push({ ts: t + k * 5_000_000 + Math.floor(r() * 900_000), user, ip: OFFICE, type: 'user.authentication.sso', result: 'SUCCESS', message: 'User single sign on to app' });
  });
  // 21:00: someone with erin's password asks her phone again and again; at 21:31 she approves
  for (let k = 0; k < 16; k++) {
    const t = at(21, 0) + k * 110_000;
    if (k % 8 === 0) evs.push({ ts: t - 3000, user: BOMBED, ip: BOMBER, type: 'user.session.start', result: 'SUCCESS', message: 'User login to Okta', where: AMS });
    evs.push(push(t, BOMBED, BOMBER, AMS));
    if (k % 4 === 3) evs.push(mfa(t + 60_000, BOMBED, BOMBER, false, AMS, 'VERIFICATION_ERROR'));
    else evs.push(deny(t + 12_000, BOMBED), mfa(t + 12_500, BOMBED, BOMBER, false, AMS, 'User rejected Okta push verify'));
  }
  evs.push(push(at(21, 31), BOMBED, BOMBER, AMS), mfa(at(21, 31, 20), BOMBED, BOMBER, true, AMS));
  evs.push({ ts: at(21, 32), user: BOMBED, ip: BOMBER, type: 'user.authentication.sso', result: 'SUCCESS', message: 'User single sign on to app', where: AMS });
  // frank's session started over Tor: Okta names the address a proxy
  evs.push({ ts: at(14, 30), user: HOPPER, ip: TOR, type: 'user.session.start', result: 'SUCCESS', message: 'User login to Okta', where: { ...AMS, city: 'Amsterdam' }, proxy: true });
  evs.push(push(at(14, 30, 5), HOPPER, TOR, AMS), mfa(at(14, 30, 30), HOPPER, TOR, true, AMS));
  return evs.sort((a, b) => a.ts - b.ts).map((e) => event(r, e));
}
