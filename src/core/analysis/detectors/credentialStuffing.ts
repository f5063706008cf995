// Distributed credential stuffing: many sources, each failing a few times, on the same login
// target inside the same time window. One finding per target.
import { loginService } from './bruteForce';
import type { DetectorDef, DraftFinding, StuffingRow } from '../types';
import { count, qv, scoreOver } from './util';

export const credentialStuffing: DetectorDef = {
  name: 'credentialStuffing',
  title: 'Distributed credential stuffing',
  description:
    'Splits time into windows and counts, per login target (a login path, or SSH), how many distinct sources failed to log in within one window. Many sources each failing a few times on the same target is a botnet spreading its guesses to stay under per-source limits. A login form posted and answered 200 counts as a failure (the form shown again) unless the path refuses logins with 401/403 and never redirects one: there, as on a JSON login API, 200 is a login that worked.',
  settings: [
    { key: 'windowMinutes', default: 10, description: 'window length in minutes' },
    { key: 'minSources', default: 10, description: 'distinct failing sources in one window' },
  ],
  needs: ['stuffing'],
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
    return out;
  },
};
