// Distributed credential stuffing: many sources, each failing a few times, on the same login
// target inside the same time window. One finding per target, with the campaign's addresses and the
// logins of theirs that worked.
import { loginService } from './bruteForce';
import type { DetectorDef, DraftFinding, ProfileRow, StuffingRow, WebLoginRow } from '../types';
import { ipScope } from '../net';
import { count, overSpan, qv, scoreOver, span } from './util';

export const credentialStuffing: DetectorDef = {
  name: 'credentialStuffing',
  title: 'Distributed credential stuffing',
  description:
    'Splits time into windows and counts, per login target (a login path, or SSH), how many distinct sources failed to log in within one window. Many sources each failing a few times on the same target is a botnet spreading its guesses to stay under per-source limits. A login form posted and answered 200 counts as a failure (the form shown again) unless the path refuses logins with 401/403 and never redirects one: there, as on a JSON login API, 200 is a login that worked. A path that neither refuses nor redirects any login answers 200 to both, so its 200s are not counted by window; the addresses that did nothing but post to it are still named. The campaign behind a finding is counted over its whole span: the addresses that did nothing but post to the path, their attempts, and those whose login worked, named first.',
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
    {
      key: 'answerSizeShare',
      default: 0.8,
      description: 'on a login path that answers every login 200, the share of the post-only addresses\' answers that must have one size (the refusal an API writes in its body) before answers of another size are named as logins that may have worked',
    },
    { key: 'answerSizeBytes', default: 64, description: 'how many bytes an answer must differ from that usual size by to be of another size' },
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
    const kinds = loginPathKinds(ctx.agg.webLogin);
    const blind = blindByPath(ctx.agg.webLogin, ctx.agg.profile, kinds);
    for (const [target, rows] of byTarget) {
      // a path that never refuses a login (401/403) nor redirects one answers 200 to both: its 200s
      // are not failures to count by window (customers logging in would be "failing sources")
      if (target.startsWith('web:') && kinds.get(target.slice(4)) === 'ambiguous') continue;
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
      const campaign = ssh ? null : campaignOf(blind.get(target.slice(4).toLowerCase()) ?? [], first, last);
      out.push({
        detector: 'credentialStuffing',
        severity: campaign !== null && campaign.okIps.length > 0 ? 'critical' : peak.sources >= 3 * minSources ? 'high' : 'medium',
        entity: target.slice(4),
        entityType: 'path',
        title: `Credential stuffing on ${what}: ${count(peak.sources)} sources in ${ctx.num('windowMinutes')} min${campaign !== null && campaign.okIps.length > 0 ? `, ${count(campaign.okIps.length)} of its sources logged in` : ''}`,
        explanation:
          (campaign !== null ? campaign.text : '') +
          `In ${rows.length} window(s) of ${ctx.num('windowMinutes')} minutes, at least ${minSources} distinct sources failed on ${what}; at the peak ${count(peak.sources)} sources failed ${count(peak.fails)} times (${perSource.toFixed(1)} per source), ${count(fails)} failures in those windows in all. ` +
          `Each source stays low, which defeats per-source limits: together they are one distributed guessing campaign. The threshold is ${minSources} sources per window (credentialStuffing.minSources). ` +
          `A benign cause would be an outage of the login backend making every real user fail at once: then the failures come from your usual clients and stop when the service is fixed.`,
        numbers: { peakSources: peak.sources, peakFailures: peak.fails, windows: rows.length, failures: fails, failuresPerSource: Math.round(perSource * 10) / 10, ...(campaign !== null ? campaign.numbers : {}) },
        threshold: { metric: 'distinct failing sources in a window', value: peak.sources, threshold: minSources, setting: 'credentialStuffing.minSources' },
        windowMs,
        firstSeen: Number.isFinite(first) ? first : null,
        lastSeen: last || null,
        query: ssh ? `action:auth_failure,invalid_user,auth_max_attempts,auth_abandoned ts:${first}..${last}` : `path:${qv(target.slice(4))} ts:${first}..${last}`,
        score: scoreOver(peak.sources, minSources),
      });
    }
    const sizes = { share: ctx.num('answerSizeShare'), bytes: ctx.num('answerSizeBytes') };
    out.push(...blindLogins(blind, kinds, ctx.agg.webLogin, ctx.num('blindSources'), ctx.num('blindShare'), sizes, new Set(out.map((f) => f.entity))));
    return out;
  },
};

/**
 * How a login path answers, over every source: `api` refuses a login with 401/403 and never
 * redirects one (its 200 is a login that worked, a JSON API); `form` redirects a login that worked
 * (its 200 is the form shown again); `ambiguous` does neither, so its 200s may be either.
 */
type PathKind = 'api' | 'form' | 'ambiguous';
function loginPathKinds(rows: readonly WebLoginRow[]): Map<string, PathKind> {
  const refuses = new Set<string>();
  const redirects = new Set<string>();
  const paths = new Set<string>();
  for (const r of rows) {
    if (!r.topPath) continue;
    const p = r.topPath.toLowerCase();
    paths.add(p);
    if (r.formRefused > 0) refuses.add(p);
    if (r.loginOk > 0) redirects.add(p);
  }
  return new Map([...paths].map((p) => [p, redirects.has(p) ? 'form' : refuses.has(p) ? 'api' : 'ambiguous']));
}

/** A source's login attempts on its path, told by how the path answers: failures, logins that worked, answers that do not say. */
interface BlindSource { row: WebLoginRow; fails: number; ok: number; unknown: number }

/**
 * Outside addresses that did nothing on the site but post to one login path (and at most fetch the
 * form for its token): whatever their answers, a person loads the site around a login. By path.
 */
function blindByPath(rows: readonly WebLoginRow[], profile: readonly ProfileRow[], kinds: ReadonlyMap<string, PathKind>): Map<string, BlindSource[]> {
  const rowOf = new Map<string, WebLoginRow>();
  for (const r of rows) if (r.topPath && ipScope(r.ip) !== 'internal') rowOf.set(r.ip, r);
  const out = new Map<string, BlindSource[]>();
  for (const p of profile) {
    const r = rowOf.get(p.ip);
    if (!r || p.events !== r.loginFails + r.loginPosts + r.loginOk + (r.formViews ?? 0)) continue;
    const path = r.topPath!.toLowerCase();
    const kind = kinds.get(path) ?? 'ambiguous';
    const b: BlindSource = kind === 'api' ? { row: r, fails: r.loginFails, ok: r.loginPosts, unknown: 0 } : kind === 'form' ? { row: r, fails: r.loginFails + r.loginPosts, ok: r.loginOk, unknown: 0 } : { row: r, fails: r.loginFails, ok: r.loginOk, unknown: r.loginPosts };
    if (b.fails + b.ok + b.unknown === 0) continue;
    const l = out.get(path);
    if (l) l.push(b);
    else out.set(path, [b]);
  }
  return out;
}

/**
 * The campaign behind a window finding, over its whole span: the addresses that did nothing but
 * post to the path, their attempts, and those whose login worked (the accounts to check first).
 */
function campaignOf(list: readonly BlindSource[], first: number, last: number): { text: string; numbers: Record<string, number | string>; okIps: string[] } | null {
  const inSpan = list.filter((b) => b.row.first != null && b.row.last != null && b.row.last >= first && b.row.first <= last);
  if (inSpan.length === 0) return null;
  const attempts = inSpan.reduce((a, b) => a + b.fails + b.ok + b.unknown, 0);
  const okIps = inSpan.filter((b) => b.ok > 0).map((b) => b.row.ip);
  const okLogins = inSpan.reduce((a, b) => a + b.ok, 0);
  const text =
    (okIps.length > 0
      ? `What matters most: a login worked ${count(okLogins)} time(s) from ${count(okIps.length)} of these sources (${okIps.slice(0, 12).join(', ')}${okIps.length > 12 ? ' …' : ''}): the accounts they logged in to are likely taken over, check them first (their sessions, and what they did next). `
      : 'No login from these sources worked, as far as the answers tell. ') +
    `Over ${span(first, last)}, ${count(inSpan.length)} outside addresses did nothing on this site but post to this login path (at most fetching the form), ${count(attempts)} attempts in all (${(attempts / inSpan.length).toFixed(1)} per address); logged in a moment later after a typo or not, people load the site around a login and are not counted. `;
  return { text, okIps, numbers: { campaignSources: inSpan.length, campaignAttempts: attempts, campaignLoginsOk: okLogins, ...(okIps.length > 0 ? { loggedInFrom: okIps.slice(0, 50).join(',') } : {}) } };
}

/**
 * Slow stuffing: addresses that did nothing but fail a login on one path, each once or twice over
 * hours. A person loads the site before logging in, and mostly gets in after a typo; a bot posts the
 * form cold. Found by path over the whole log, when those blind sources are most of its failing ones.
 * On a path that answers every login 200 (ambiguous) their answers do not say whether a login failed.
 */
function blindLogins(blind: ReadonlyMap<string, BlindSource[]>, kinds: ReadonlyMap<string, PathKind>, rows: readonly WebLoginRow[], minBlind: number, minShare: number, sizes: { share: number; bytes: number }, reported: ReadonlySet<string>): DraftFinding[] {
  const failing = new Map<string, number>();
  for (const r of rows) {
    if (!r.topPath) continue;
    const path = r.topPath.toLowerCase();
    const fails = kinds.get(path) === 'api' ? r.loginFails : r.loginFails + r.loginPosts;
    if (fails > 0) failing.set(path, (failing.get(path) ?? 0) + 1);
  }
  const byPath = new Map<string, WebLoginRow[]>();
  // sources whose logins all failed, or (ambiguous path) were all answered 200 without a word on which worked
  for (const [path, list] of blind) byPath.set(path, list.filter((b) => b.ok === 0).map((b) => b.row));
  const out: DraftFinding[] = [];
  for (const [path, list] of byPath) {
    const all = failing.get(path) ?? list.length;
    if (list.length < minBlind || list.length < minShare * all || reported.has(path)) continue;
    const attempts = list.reduce((a, r) => a + r.loginFails + r.loginPosts, 0);
    const first = list.reduce<number | null>((t, r) => (r.first != null && (t == null || r.first < t) ? r.first : t), null);
    const last = list.reduce<number | null>((t, r) => (r.last != null && (t == null || r.last > t) ? r.last : t), null);
    const ips = list.map((r) => r.ip);
    const ambiguous = kinds.get(path) === 'ambiguous';
    const did = ambiguous ? `post to log in on ${path}, every time answered 200` : `fail to log in on ${path}`;
    const odd = ambiguous ? otherSizes(list, sizes.share, sizes.bytes) : null;
    out.push({
      detector: 'credentialStuffing',
      severity: list.length >= 3 * minBlind ? 'high' : 'medium',
      entity: path,
      entityType: 'path',
      title: `Slow credential stuffing on the login path ${path}: ${count(list.length)} sources that only ${ambiguous ? 'posted to log in' : 'failed to log in'}`,
      explanation:
        `${count(list.length)} outside addresses (${ips.slice(0, 6).join(', ')}${ips.length > 6 ? ' …' : ''}) did nothing on this site but ${did} (at most fetching the form itself, none of its files), ${count(attempts)} attempts in all (${(attempts / list.length).toFixed(1)} per address) ${overSpan(first, last)}; they are ${Math.round((list.length / all) * 100)} % of the ${count(all)} sources that ${ambiguous ? 'posted' : 'failed'} there. ` +
        (ambiguous
          ? `This path answers every login 200 and never refuses (401/403) or redirects one, so the log cannot say which of these logins failed and which worked (the answer's body says it): the addresses' logins are the ones to check in the application's own log. ` +
            (odd === null
              ? ''
              : `Their answers were mostly ${count(odd.usual)} bytes (${count(odd.usualCount)} of ${count(odd.all)}, the refusal such an API writes); ${count(odd.ips.length)} address(es) got an answer of another size (${odd.examples}): those are the likely logins that worked, the accounts to check first (credentialStuffing.answerSizeShare, credentialStuffing.answerSizeBytes). `)
          : '') +
        `A person loads the site before logging in and mostly gets in after a typo; an address that only posts the form${ambiguous ? '' : ', is refused'} and never returns is a bot trying one password per address, spread too thin in time for the per-window count (credentialStuffing.windowMinutes) to show it. Thresholds: ${minBlind} such sources (credentialStuffing.blindSources), at least ${Math.round(minShare * 100)} % of the ${ambiguous ? 'posting' : 'failing'} ones (credentialStuffing.blindShare). ` +
        `A benign cause would be an app whose clients post credentials without loading anything else, after a password reset that failed for everyone: then the addresses are your users' and the failures stop when it is fixed.`,
      numbers: { blindSources: list.length, failingSources: all, attempts, ...(odd !== null ? { usualAnswerBytes: odd.usual, otherSizeSources: odd.ips.length, otherSizeFrom: odd.ips.slice(0, 50).join(',') } : {}) },
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

/**
 * The answers of another size among post-only addresses' logins answered 200: when one size is most
 * of them (an API's refusal), the addresses that got another are the likely logins that worked.
 */
function otherSizes(list: readonly WebLoginRow[], minShare: number, minDiff: number): { usual: number; usualCount: number; all: number; ips: string[]; examples: string } | null {
  const bySize = new Map<number, number>();
  let all = 0;
  for (const r of list)
    for (const b of r.postSizes ?? []) {
      bySize.set(b, (bySize.get(b) ?? 0) + 1);
      all++;
    }
  let usual = -1;
  let usualCount = 0;
  for (const [b, n] of bySize) if (n > usualCount) [usual, usualCount] = [b, n];
  if (all === 0 || usualCount < minShare * all) return null;
  const odd = list.map((r) => ({ ip: r.ip, sizes: (r.postSizes ?? []).filter((b) => Math.abs(b - usual) > minDiff) })).filter((x) => x.sizes.length > 0);
  if (odd.length === 0) return null;
  const examples = odd.slice(0, 12).map((x) => `${x.ip}: ${x.sizes.map((b) => `${count(b)} bytes`).join(', ')}`).join('; ') + (odd.length > 12 ? ' …' : '');
  return { usual, usualCount, all, ips: odd.map((x) => x.ip), examples };
}
