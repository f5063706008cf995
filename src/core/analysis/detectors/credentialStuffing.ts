// Distributed credential stuffing: many sources, each failing a few times, on the same login
// target inside the same time window. One finding per target.
import { loginService } from './bruteForce';
import type { DetectorDef, DraftFinding, ProfileRow, StuffingRow, WebLoginRow } from '../types';
import { ipScope } from '../net';
import { count, qv, scoreOver, span } from './util';

export const credentialStuffing: DetectorDef = {
  name: 'credentialStuffing',
  title: 'Distributed credential stuffing',
  description:
    'Splits time into windows and counts, per login target (a login path, or SSH), how many distinct sources failed to log in within one window. Many sources each failing a few times on the same target is a botnet spreading its guesses to stay under per-source limits. A login form posted and answered 200 counts as a failure (the form shown again) unless the path refuses logins with 401/403 and never redirects one: there, as on a JSON login API, 200 is a login that worked.',
  settings: [
    { key: 'windowMinutes', default: 10, description: 'window length in minutes' },
    { key: 'minSources', default: 10, description: 'distinct failing sources in one window' },
    {
      key: 'blindSources',
      default: 20,
      description:
        'outside sources over the whole log whose every request was a failed login on one path, or the login form itself fetched (no other page, no asset, no login that worked): a botnet trying one password per address, too slow for any window',
    },
    { key: 'blindShare', default: 0.5, description: 'share of all the sources that failed on that path the blind ones must be (real users who mistype load the site and mostly log in afterwards)' },
  ],
  needs: ['stuffing', 'webLogin', 'profile'],
  incremental: false,
  detect(ctx) {
    const minSources = ctx.num('minSources');
    const windowMs = ctx.num('windowMinutes') * 60_000;
    const byTarget = new Map<string, StuffingRow[]>();
    for (const r of ctx.agg.stuffing) {
      if (r.sources < minSources) continue;
      const l = byTarget.get(r.target) ?? [];
      l.push(r);
      byTarget.set(r.target, l);
    }
    const out: DraftFinding[] = [];
    for (const [target, rows] of byTarget) {
      rows.sort((a, b) => b.sources - a.sources);
      const peak = rows[0]!;
      const first = Math.min(...rows.map((r) => r.first ?? Infinity));
      const last = Math.max(...rows.map((r) => r.last ?? 0));
      const fails = rows.reduce((s, r) => s + r.fails, 0);
      const ssh = target.startsWith('ssh:');
      // the service named as a responder says it (Windows logon, SSH), the program as logged beside it
      const svc = ssh ? loginService(target.slice(4)) : '';
      const what = ssh ? `${svc === 'Login' ? 'logins' : svc} (${target.slice(4)})` : `the login path ${target.slice(4)}`;
      const perSource = peak.fails / peak.sources;
      out.push({
        detector: 'credentialStuffing',
        severity: peak.sources >= 3 * minSources ? 'high' : 'medium',
        entity: target.slice(4),
        entityType: 'path',
        title: `Credential stuffing on ${what}: ${count(peak.sources)} sources in ${ctx.num('windowMinutes')} min`,
        explanation:
          `In ${rows.length} window(s) of ${ctx.num('windowMinutes')} minutes, at least ${minSources} distinct sources failed on ${what}; at the peak ${count(peak.sources)} sources failed ${count(peak.fails)} times (${perSource.toFixed(1)} per source), ${count(fails)} failures in those windows in all. ` +
          `Each source stays low, which defeats per-source limits: together they are one distributed guessing campaign. The threshold is ${minSources} sources per window (credentialStuffing.minSources). ` +
          `A benign cause would be an outage of the login backend making every real user fail at once: then the failures come from your usual clients and stop when the service is fixed.`,
        numbers: { peakSources: peak.sources, peakFailures: peak.fails, windows: rows.length, failures: fails, failuresPerSource: Math.round(perSource * 10) / 10 },
        threshold: { metric: 'distinct failing sources in a window', value: peak.sources, threshold: minSources, setting: 'credentialStuffing.minSources' },
        windowMs,
        firstSeen: Number.isFinite(first) ? first : null,
        lastSeen: last || null,
        query: ssh ? `action:auth_failure,invalid_user,auth_max_attempts,auth_abandoned ts:${first}..${last}` : `path:${qv(target.slice(4))} ts:${first}..${last}`,
        score: scoreOver(peak.sources, minSources),
      });
    }
    out.push(...blindLogins(ctx.agg.webLogin, ctx.agg.profile, ctx.num('blindSources'), ctx.num('blindShare'), new Set(out.map((f) => f.entity))));
    return out;
  },
};

/**
 * Slow stuffing: addresses that did nothing but fail a login on one path, each once or twice over
 * hours. A person loads the site before logging in, and mostly gets in after a typo; a bot posts the
 * form cold. Found by path over the whole log, when those blind sources are most of its failing ones.
 */
function blindLogins(rows: readonly WebLoginRow[], profile: readonly ProfileRow[], minBlind: number, minShare: number, reported: ReadonlySet<string>): DraftFinding[] {
  const candidates = new Map<string, WebLoginRow>();
  const failing = new Map<string, number>();
  // a path whose form is refused with 401/403 and never redirected is a login API: its 200s are
  // logins that worked (judged over every source, as the per-window count does)
  const refuses = new Set<string>();
  const redirects = new Set<string>();
  for (const r of rows) {
    if (!r.topPath) continue;
    if (r.formRefused > 0) refuses.add(r.topPath.toLowerCase());
    if (r.loginOk > 0) redirects.add(r.topPath.toLowerCase());
  }
  for (const r of rows) {
    if (!r.topPath) continue;
    const api = refuses.has(r.topPath.toLowerCase()) && !redirects.has(r.topPath.toLowerCase());
    const fails = api ? r.loginFails : r.loginFails + r.loginPosts;
    const ok = api ? r.loginPosts : r.loginOk;
    if (fails === 0) continue;
    const path = r.topPath.toLowerCase();
    failing.set(path, (failing.get(path) ?? 0) + 1);
    if (ok === 0 && ipScope(r.ip) !== 'internal') candidates.set(r.ip, r);
  }
  const byPath = new Map<string, WebLoginRow[]>();
  for (const p of profile) {
    const r = candidates.get(p.ip);
    // every request it made was one of those login attempts, or the form they were posted from (fetched
    // for its CSRF token: a bot takes the page and none of its files, a browser loads its styles and scripts)
    if (!r || p.events !== r.loginFails + r.loginPosts + r.loginOk + (r.formViews ?? 0)) continue;
    const path = r.topPath!.toLowerCase();
    byPath.set(path, [...(byPath.get(path) ?? []), r]);
  }
  const out: DraftFinding[] = [];
  for (const [path, list] of byPath) {
    const all = failing.get(path) ?? list.length;
    if (list.length < minBlind || list.length < minShare * all || reported.has(path)) continue;
    const attempts = list.reduce((a, r) => a + r.loginFails + r.loginPosts, 0);
    const first = list.reduce<number | null>((t, r) => (r.first != null && (t == null || r.first < t) ? r.first : t), null);
    const last = list.reduce<number | null>((t, r) => (r.last != null && (t == null || r.last > t) ? r.last : t), null);
    const ips = list.map((r) => r.ip);
    out.push({
      detector: 'credentialStuffing',
      severity: list.length >= 3 * minBlind ? 'high' : 'medium',
      entity: path,
      entityType: 'path',
      title: `Slow credential stuffing on the login path ${path}: ${count(list.length)} sources that only failed to log in`,
      explanation:
        `${count(list.length)} outside addresses (${ips.slice(0, 6).join(', ')}${ips.length > 6 ? ' …' : ''}) did nothing on this site but fail to log in on ${path} (at most fetching the form itself, none of its files), ${count(attempts)} attempts in all (${(attempts / list.length).toFixed(1)} per address) over ${span(first, last)}; they are ${Math.round((list.length / all) * 100)} % of the ${count(all)} sources that failed there. ` +
        `A person loads the site before logging in and mostly gets in after a typo; an address that only posts the form, is refused and never returns is a bot trying one password per address, spread too thin in time for the per-window count (credentialStuffing.windowMinutes) to show it. Thresholds: ${minBlind} such sources (credentialStuffing.blindSources), at least ${Math.round(minShare * 100)} % of the failing ones (credentialStuffing.blindShare). ` +
        `A benign cause would be an app whose clients post credentials without loading anything else, after a password reset that failed for everyone: then the addresses are your users' and the failures stop when it is fixed.`,
      numbers: { blindSources: list.length, failingSources: all, attempts },
      threshold: { metric: 'sources that only failed to log in', value: list.length, threshold: minBlind, setting: 'credentialStuffing.blindSources' },
      windowMs: null,
      firstSeen: first,
      lastSeen: last,
      query: `path:${qv(path)} src_ip:${ips.slice(0, 100).map(qv).join(',')}`,
      score: scoreOver(list.length, minBlind),
    });
  }
  return out;
}
