// Entra ID (Azure AD) sign-in logs of the day, as Microsoft Graph's /auditLogs/signIns returns them
// (one JSON object a line, as `Get-MgAuditLogSignIn | ConvertTo-Json -Compress` or a Graph pager
// writes) and as the portal's Sign-in logs "Download CSV" writes them. The attacks ride on an
// ordinary day: MFA prompts on the first sign-in, "keep me signed in" interrupts, silent SSO misses.
import { at, BOMBED, BOMBER, DOMAIN, guid, HOME, HOPPER, HOPPER_IP, LEGACY, OFFICE, rng, SPRAY, SPRAYED, TOR, TRAVELLER, TWICE, USERS } from './day';

export interface SignIn {
  ts: number;
  user: string;
  ip: string;
  code: number;
  app?: string;
  client?: string;
  where?: [city: string, state: string, cc: string];
  mfa?: string;
  details?: string;
  risk?: string[];
}

const REASON: Readonly<Record<number, string>> = {
  0: '',
  50126: 'Error validating credentials due to invalid username or password.',
  50074: 'Strong Authentication is required.',
  50140: "This error occurred due to 'Keep me signed in' interrupt when the user was signing in.",
  50058: 'Session information is not sufficient for single-sign-on.',
  500121: 'Authentication failed during strong authentication request.',
  50053: 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.',
};
const BERLIN: [string, string, string] = ['Berlin', 'Berlin', 'DE'];
const APPS = ['Office 365 Exchange Online', 'Microsoft Teams', 'OfficeHome', 'Office 365 SharePoint Online', 'Microsoft Outlook'];

/** The tenant's day and the attacks, in time order. */
export function signIns(): SignIn[] {
  const r = rng(24);
  const out: SignIn[] = [];
  USERS.forEach((user, i) => {
    const ip = i % 6 === 5 ? HOME(i) : OFFICE;
    const start = at(7, 30) + Math.floor(r() * 90) * 60_000;
    // the day's first sign-in asks for MFA (or "keep me signed in"), then works
    if (user === TWICE) {
      // her phone was in her bag: the first push timed out, the second she approved
      out.push({ ts: start, user, ip, code: 50074, app: 'OfficeHome' });
      out.push({ ts: start + 65_000, user, ip, code: 500121, app: 'OfficeHome', details: 'MFA denied; user did not respond to mobile app notification' });
      out.push({ ts: start + 90_000, user, ip, code: 50074, app: 'OfficeHome' });
      out.push({ ts: start + 120_000, user, ip, code: 0, app: 'OfficeHome', mfa: 'MFA successfully completed' });
    } else if (user !== TRAVELLER) {
      out.push({ ts: start, user, ip, code: i % 2 ? 50074 : 50140, app: 'OfficeHome' });
      out.push({ ts: start + 30_000, user, ip, code: 0, app: 'OfficeHome', mfa: i % 2 ? 'MFA successfully completed' : 'MFA requirement satisfied by claim in the token' });
    }
    for (let k = 0; k < 7 && user !== TRAVELLER; k++) {
      const ts = start + (k + 1) * (50 + Math.floor(r() * 20)) * 60_000;
      // Outlook and Teams try a silent sign-in first: a miss (50058) is followed by a working one
      if (k % 3 === 2) out.push({ ts: ts - 5000, user, ip, code: 50058, app: APPS[k % APPS.length] });
      out.push({ ts, user, ip, code: 0, app: APPS[k % APPS.length], client: k % 2 ? 'Mobile Apps and Desktop clients' : 'Browser', mfa: 'MFA requirement satisfied by claim in the token' });
    }
    // one mistyped password, then the right one
    if (i === 7) out.push({ ts: start + 3 * 3_600_000, user, ip, code: 50126, app: 'Microsoft Teams' }, { ts: start + 3 * 3_600_000 + 20_000, user, ip, code: 0, app: 'Microsoft Teams', mfa: 'MFA completed in Azure AD' });
  });
  // heidi flies: Frankfurt at 07:00, New York at 18:30 (11½ hours for 6,200 km)
  out.push({ ts: at(7, 0), user: TRAVELLER, ip: '192.0.2.60', code: 0, app: 'Microsoft Outlook', where: ['Frankfurt am Main', 'Hessen', 'DE'], mfa: 'MFA successfully completed' });
  out.push({ ts: at(18, 30), user: TRAVELLER, ip: '192.0.2.61', code: 0, app: 'Microsoft Outlook', where: ['New York', 'New York', 'US'], mfa: 'MFA successfully completed' });
  // password spray at night: one wrong password for 25 accounts from two addresses, then dave's works
  USERS.slice(0, 25).forEach((user, i) => out.push({ ts: at(2, 0) + i * 70_000, user, ip: SPRAY[i % 2], code: user === SPRAYED ? 50126 : 50126, app: 'Azure Active Directory PowerShell', client: 'Mobile Apps and Desktop clients' }));
  out.push({ ts: at(2, 40), user: SPRAYED, ip: SPRAY[1], code: 0, app: 'Office 365 Exchange Online', client: 'Mobile Apps and Desktop clients', mfa: 'MFA requirement skipped due to location' });
  // push bombing: erin's password is known; fourteen pushes declined or left unanswered, the fifteenth approved
  for (let k = 0; k < 14; k++) {
    const ts = at(21, 0) + k * 100_000;
    out.push({ ts, user: BOMBED, ip: BOMBER, code: 50074, app: 'OfficeHome', where: ['Amsterdam', 'Noord-Holland', 'NL'] });
    out.push({ ts: ts + 60_000, user: BOMBED, ip: BOMBER, code: 500121, app: 'OfficeHome', where: ['Amsterdam', 'Noord-Holland', 'NL'], details: k % 3 ? 'MFA denied; user declined the authentication' : 'MFA denied; user did not respond to mobile app notification' });
  }
  out.push({ ts: at(21, 25), user: BOMBED, ip: BOMBER, code: 50074, app: 'OfficeHome', where: ['Amsterdam', 'Noord-Holland', 'NL'] });
  out.push({ ts: at(21, 25, 40), user: BOMBED, ip: BOMBER, code: 0, app: 'OfficeHome', where: ['Amsterdam', 'Noord-Holland', 'NL'], mfa: 'MFA successfully completed' });
  // IMAP and Authenticated SMTP guessing of three mailboxes
  for (let k = 0; k < 60; k++) out.push({ ts: at(4, 0) + k * 20_000, user: USERS[10 + (k % 3)], ip: LEGACY, code: k === 59 ? 50053 : 50126, app: 'Office 365 Exchange Online', client: k % 2 ? 'IMAP4' : 'Authenticated SMTP', where: ['Hanoi', 'Ha Noi', 'VN'] });
  // frank: the office at 09:10, Lagos at 09:50, then over Tor
  out.push({ ts: at(13, 50), user: HOPPER, ip: HOPPER_IP, code: 0, app: 'OfficeHome', where: ['Lagos', 'Lagos', 'NG'], mfa: 'MFA requirement satisfied by claim in the token' });
  out.push({ ts: at(14, 30), user: HOPPER, ip: TOR, code: 0, app: 'Office 365 Exchange Online', where: ['Amsterdam', 'Noord-Holland', 'NL'], mfa: 'MFA requirement satisfied by claim in the token', risk: ['anonymizedIPAddress'] });
  return out.sort((a, b) => a.ts - b.ts);
}

/** where Entra's geolocation puts each city */
const COORDS: Readonly<Record<string, [number, number]>> = { Berlin: [52.52, 13.405], 'Frankfurt am Main': [50.1109, 8.6821], 'New York': [40.7128, -74.006], Ashburn: [39.0438, -77.4874], Amsterdam: [52.3676, 4.9041], Lagos: [6.5244, 3.3792], Hanoi: [21.0278, 105.8342] };
const iso = (ts: number): string => new Date(ts).toISOString().replace('.000Z', 'Z');
const placeOf = (s: SignIn): [string, string, string] => s.where ?? (s.ip === OFFICE || s.ip.startsWith('192.0.2.') ? BERLIN : ['Ashburn', 'Virginia', 'US']);

/** Graph's signIn resource, one a line, fields in the order Graph sends them. */
export function graphJson(rows: readonly SignIn[]): string[] {
  const r = rng(7);
  return rows.map((s) => {
    const [city, state, cc] = placeOf(s);
    const name = s.user.split('@')[0];
    return JSON.stringify({
      id: guid(r), createdDateTime: iso(s.ts), userDisplayName: name[0].toUpperCase() + name.slice(1), userPrincipalName: s.user, userId: guid(r), appId: guid(r), appDisplayName: s.app ?? 'OfficeHome', ipAddress: s.ip, clientAppUsed: s.client ?? 'Browser', correlationId: guid(r), conditionalAccessStatus: s.code === 0 ? 'success' : 'notApplied', isInteractive: true,
      riskDetail: 'none', riskLevelAggregated: 'none', riskLevelDuringSignIn: s.risk ? 'medium' : 'none', riskState: s.risk ? 'atRisk' : 'none', riskEventTypes: s.risk ?? [], riskEventTypes_v2: s.risk ?? [], resourceDisplayName: 'Office 365 Exchange Online', resourceId: '00000002-0000-0ff1-ce00-000000000000',
      status: { errorCode: s.code, failureReason: REASON[s.code] ?? 'Other.', additionalDetails: s.details ?? s.mfa ?? null },
      deviceDetail: { deviceId: '', displayName: '', operatingSystem: 'Windows10', browser: 'Edge 122.0.0', isCompliant: false, isManaged: false, trustType: '' },
      location: { city, state, countryOrRegion: cc, geoCoordinates: { altitude: null, latitude: COORDS[city]?.[0] ?? null, longitude: COORDS[city]?.[1] ?? null } },
      appliedConditionalAccessPolicies: [],
    });
  });
}

const CSV_HEAD = ['Date (UTC)', 'Request ID', 'User agent', 'Correlation ID', 'User ID', 'User', 'Username', 'User type', 'Cross tenant access type', 'Incoming token type', 'Authentication Protocol', 'Unique token identifier', 'Client credential type', 'Application', 'Application ID', 'Resource', 'Resource ID', 'Resource tenant ID', 'Home tenant ID', 'IP address', 'Location', 'Status', 'Sign-in error code', 'Failure reason', 'Client app', 'Device ID', 'Browser', 'Operating System', 'Compliant', 'Managed', 'Join Type', 'Multifactor authentication result', 'Multifactor authentication auth method', 'Multifactor authentication auth detail', 'Authentication requirement', 'Sign-in identifier', 'Session ID', 'IP address (seen by resource)', 'Through Global Secure Access', 'Global Secure Access IP address', 'Autonomous system  number', 'Flagged for review', 'Token issuer type', 'Token issuer name', 'Latency', 'Conditional Access', 'Managed Identity type', 'Associated Resource Id', 'Federated Token Id', 'Federated Token Issuer'];
const q = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const STATUS = (code: number): string => (code === 0 ? 'Success' : code === 50074 || code === 50140 || code === 50058 ? 'Interrupted' : 'Failure');

/** The portal's Sign-in logs → Download → CSV (interactive sign-ins), with its byte-order mark. */
export function portalCsv(rows: readonly SignIn[]): string[] {
  const r = rng(9);
  const lines = [CSV_HEAD.map(q).join(',')];
  for (const s of rows) {
    const [city, state, cc] = placeOf(s);
    const name = s.user.split('@')[0];
    const v: Record<string, string> = {
      'Date (UTC)': iso(s.ts), 'Request ID': guid(r), 'User agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.0.0', 'Correlation ID': guid(r), 'User ID': guid(r), User: name[0].toUpperCase() + name.slice(1), Username: s.user, 'User type': 'Member', 'Cross tenant access type': 'none', 'Incoming token type': 'none', 'Authentication Protocol': 'none', 'Unique token identifier': guid(r).slice(0, 22), 'Client credential type': 'none',
      Application: s.app ?? 'OfficeHome', 'Application ID': '4765445b-32c6-49b0-83e6-1d93765276ca', Resource: 'Office 365 Exchange Online', 'Resource ID': '00000002-0000-0ff1-ce00-000000000000', 'Resource tenant ID': 'a1b2c3d4-0000-4000-8000-00000000c0de', 'Home tenant ID': 'a1b2c3d4-0000-4000-8000-00000000c0de', 'IP address': s.ip, Location: `${city}, ${state}, ${cc}`, Status: STATUS(s.code), 'Sign-in error code': String(s.code), 'Failure reason': REASON[s.code] ?? 'Other.', 'Client app': s.client ?? 'Browser',
      Browser: 'Edge 122.0.0', 'Operating System': 'Windows10', Compliant: 'No', Managed: 'No', 'Multifactor authentication result': s.details ?? s.mfa ?? '', 'Multifactor authentication auth method': s.code === 500121 || s.mfa === 'MFA successfully completed' ? 'Mobile app notification' : '', 'Authentication requirement': s.code === 50074 || s.code === 500121 || s.mfa ? 'Multifactor authentication' : 'Single-factor authentication', 'Sign-in identifier': s.user, 'Session ID': guid(r), 'IP address (seen by resource)': s.ip, 'Through Global Secure Access': 'No', 'Flagged for review': 'No', 'Token issuer type': 'AzureAD', Latency: String(50 + Math.floor(r() * 300)), 'Conditional Access': s.code === 0 ? 'Success' : 'Not Applied',
    };
    lines.push(CSV_HEAD.map((h) => q(v[h] ?? '')).join(','));
  }
  return lines;
}
export { DOMAIN };
