// Sign-ins of one account from places no traveller could join in the time between (impossible
// travel), and sign-ins that worked from an anonymizer (Tor, a proxy or VPN service), as an
// identity provider placed and judged the address: Entra ID's location and ID Protection's
// anonymizedIPAddress, Okta's geographicalContext and securityContext.isProxy. A stolen session or
// password used from abroad shows this way; a traveller who flies once does not.
import type { CloudRow } from '../cloudAudit';
import type { Place } from '../identityEvents';
import { ipScope } from '../net';
import type { DetectorDef, DraftFinding } from '../types';
import { count, formatList, qv } from './util';

interface Point { ts: number; id: number; ip: string; place: Place }
interface Hop { from: Point; to: Point; km: number; kmh: number }

const iso = (ts: number): string => new Date(ts).toISOString().replace('.000Z', 'Z');
const where = (p: Place): string => `${p.city ? `${p.city}, ` : ''}${p.country}`;

/** Great-circle distance in km. */
export function kmBetween(a: Place, b: Place): number | null {
  if (a.lat == null || a.lon == null || b.lat == null || b.lon == null) return null;
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const signInTravel: DetectorDef = {
  name: 'signInTravel',
  title: 'Impossible travel and anonymizer sign-ins',
  description:
    'Reads the sign-ins that worked in Entra ID (Graph JSON with location.geoCoordinates and riskEventTypes) and Okta\'s System Log (client.geographicalContext, securityContext.isProxy) and reports, per account, two sign-ins from places farther apart than anyone could travel in the time between (faster than signInTravel.maxKmPerHour over more than signInTravel.minKm), and sign-ins that worked from an address the identity provider named an anonymizer (Tor, a proxy or VPN service). A traveller who flies once is slower than an airliner and stays quiet; the provider\'s own coordinates are used, so an export without them (the portal\'s CSV) is judged on anonymizers only.',
  settings: [
    { key: 'maxKmPerHour', default: 900, description: 'speed between two sign-ins of one account above which no traveller could have made both (an airliner cruises at about 900 km/h)' },
    { key: 'minKm', default: 500, description: 'distance below which two places are not compared (the same region placed differently, a mobile network)' },
    { key: 'reportAnonymizers', default: true, description: 'report a sign-in that worked from an address the identity provider named an anonymizer (Tor, a proxy or VPN service)' },
  ],
  needs: ['cloud'],
  // a finding on an account gathers several addresses; the live analyzer folds and reports by address
  incremental: false,
  detect(ctx) {
    const maxKmh = ctx.num('maxKmPerHour');
    const minKm = ctx.num('minKm');
    const anon = ctx.flag('reportAnonymizers');
    const byUser = new Map<string, Point[]>();
    for (const r of ctx.agg.cloud as readonly CloudRow[])
      for (const [user, seen] of r.idp?.places ?? []) {
        const list = byUser.get(user) ?? byUser.set(user, []).get(user)!;
        seen.times.forEach((ts, i) => list.push({ ts, id: seen.ids[i]!, ip: r.ip, place: seen.place }));
      }
    const out: DraftFinding[] = [];
    for (const [user, pts] of byUser) {
      const f = judge(user, pts.sort((a, b) => a.ts - b.ts), maxKmh, minKm, anon);
      if (f) out.push(f);
    }
    return out;
  },
};

function judge(user: string, pts: Point[], maxKmh: number, minKm: number, anon: boolean): DraftFinding | null {
  const hops: Hop[] = [];
  for (let i = 1; i < pts.length; i++) {
    const [a, b] = [pts[i - 1]!, pts[i]!];
    if (a.ip === b.ip) continue;
    const km = kmBetween(a.place, b.place);
    if (km == null || km < minKm) continue;
    const kmh = km / Math.max((b.ts - a.ts) / 3_600_000, 1 / 60);
    if (kmh > maxKmh) hops.push({ from: a, to: b, km, kmh });
  }
  const hidden = anon ? [...new Map(pts.filter((p) => p.place.anonymizer).map((p) => [p.ip, p])).values()] : [];
  if (!hops.length && !hidden.length) return null;
  const parts: string[] = [];
  if (hops.length) {
    const hop = (h: Hop): string => `${where(h.from.place)} (${h.from.ip}) at ${iso(h.from.ts)}, then ${where(h.to.place)} (${h.to.ip}) at ${iso(h.to.ts)}: ${count(Math.round(h.km))} km in ${Math.max(1, Math.round((h.to.ts - h.from.ts) / 60_000))} min, ${count(Math.round(h.kmh))} km/h`;
    parts.push(
      `${user} signed in from places no traveller could join in the time between: ${hops.slice(0, 4).map(hop).join('; ')}${hops.length > 4 ? `; and ${count(hops.length - 4)} more` : ''}. ` +
        `One of the two is not the owner, or the owner's session or password is used by someone else: find which sign-ins the owner made, revoke the account's sessions and refresh tokens and reset its password. ` +
        `Thresholds: faster than ${maxKmh} km/h over more than ${minKm} km (signInTravel.maxKmPerHour, signInTravel.minKm); a corporate VPN or a cloud proxy that exits abroad looks the same, so check the addresses first.`,
    );
  }
  if (hidden.length)
    parts.push(
      `${hops.length ? 'It' : user} signed in from ${formatList(hidden.map((p) => `${p.ip} in ${where(p.place)} at ${iso(p.ts)}, which the identity provider named ${p.place.anonymizer}`), 3)}. ` +
        'Staff rarely sign in to work over Tor or an anonymizing proxy; an intruder with a stolen password or session does, to hide where they are (signInTravel.reportAnonymizers).',
    );
  const severity = hops.length && hidden.length ? 'high' : 'medium';
  const ips = [...new Set([...hops.flatMap((h) => [h.from.ip, h.to.ip]), ...hidden.map((p) => p.ip)])];
  const evidence = [...hops.flatMap((h) => [h.from, h.to]), ...hidden];
  const times = evidence.map((p) => p.ts);
  const fastest = hops.reduce((m, h) => Math.max(m, h.kmh), 0);
  return {
    detector: 'signInTravel',
    severity,
    entity: user,
    entityType: 'user',
    title: `${user}: ${[hops.length ? `impossible travel (${formatList([...new Set(hops.flatMap((h) => [h.from.place.country, h.to.place.country]))], 4)}, ${count(Math.round(fastest))} km/h)` : null, hidden.length ? `sign-in from an anonymizer (${formatList(hidden.map((p) => p.ip), 2)})` : null].filter(Boolean).join('; ')}`,
    explanation: parts.join(' ') + ` Addresses: ${formatList(ips.map((ip) => `${ip} (${ipScope(ip)})`), 6)}.`,
    numbers: { impossibleHops: hops.length, fastestKmPerHour: Math.round(fastest), anonymizerSignIns: hidden.length, addresses: ips.join(',') },
    threshold: hops.length ? { metric: 'speed between two sign-ins (km/h)', value: Math.round(fastest), threshold: maxKmh, setting: 'signInTravel.maxKmPerHour' } : { metric: 'sign-ins from an anonymizer', value: hidden.length, threshold: 1, setting: 'signInTravel.reportAnonymizers' },
    windowMs: null,
    firstSeen: Math.min(...times),
    lastSeen: Math.max(...times),
    query: `user:${qv(user)}`,
    sampleIds: [...new Set(evidence.map((p) => p.id))].slice(0, 20),
    score: severity === 'high' ? 0.9 : 0.6,
  };
}
