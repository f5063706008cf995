// MFA fatigue (push bombing): someone who has an account's password asks its owner's phone to
// approve sign-in after sign-in until the owner, tired or confused, approves one (Uber 2022, Cisco
// 2022, Lapsus$). Read from Entra ID's sign-ins (500121: "MFA denied; user declined the
// authentication" or "did not respond to mobile app notification") and Okta's System Log (Okta
// Verify pushes sent and rejected, MFA steps failed), per account across addresses: the refusals
// come from the owner's phone, the prompts and the approval from wherever the sign-in was asked.
import type { CloudRow } from '../cloudAudit';
import type { IdpAct } from '../identityEvents';
import { ipScope } from '../net';
import type { DetectorDef, DraftFinding } from '../types';
import { count, formatList, qv, scoreOver, span } from './util';

/** An Okta push rejected logs twice (the phone's deny_push and the sign-in's failed MFA step): seconds apart, one refusal. */
const SAME_REFUSAL_MS = 20_000;
const iso = (ts: number): string => new Date(ts).toISOString().replace('.000Z', 'Z');

interface Seen { act: IdpAct; ip: string }

export const mfaFatigue: DetectorDef = {
  name: 'mfaFatigue',
  title: 'MFA fatigue (push bombing)',
  description:
    'Reads the second-factor steps of Entra ID sign-ins (error 500121, the Graph JSON, the portal\'s CSV or Log Analytics\' SigninLogs) and Okta\'s System Log (user.mfa.okta_verify.deny_push, user.authentication.auth_via_mfa, system.push.send_factor_verify_push) and reports, per account, many second factors refused or left unanswered within a window: someone who holds the password is asking the owner\'s phone again and again. Critical when a sign-in then passed MFA from an address that was refused: the owner gave in. A user whose phone asks twice, or who rejects one prompt by mistake, stays quiet. These refusals are not counted as failed passwords by bruteForce.',
  settings: [
    { key: 'minRefusals', default: 5, description: 'second factors refused or unanswered for one account within mfaFatigue.windowMinutes to report (a phone that missed one prompt refuses once or twice)' },
    { key: 'windowMinutes', default: 60, description: 'minutes in which those refusals fall; an approval within as long again after the last is the owner giving in' },
  ],
  needs: ['cloud'],
  // a finding on an account gathers several addresses; the live analyzer folds and reports by address
  incremental: false,
  detect(ctx) {
    const min = Math.max(1, ctx.num('minRefusals'));
    const windowMs = ctx.num('windowMinutes') * 60_000;
    const byUser = new Map<string, { denied: Seen[]; ok: Seen[]; pushes: number }>();
    const of = (u: string) => byUser.get(u) ?? (byUser.set(u, { denied: [], ok: [], pushes: 0 }).get(u)!);
    for (const r of ctx.agg.cloud as readonly CloudRow[]) {
      if (!r.idp) continue;
      for (const a of r.idp.acts) if (a.ts != null && (a.what === 'mfaDenied' || a.what === 'mfaOk')) of(a.user)[a.what === 'mfaDenied' ? 'denied' : 'ok'].push({ act: a, ip: r.ip });
      for (const [u, n] of r.idp.pushes) if (byUser.has(u)) of(u).pushes += n;
    }
    const out: DraftFinding[] = [];
    for (const [user, v] of byUser) {
      const f = judge(user, v.denied, v.ok, v.pushes, min, windowMs);
      if (f) out.push(f);
    }
    return out;
  },
};

function judge(user: string, denied: Seen[], ok: Seen[], pushes: number, min: number, windowMs: number): DraftFinding | null {
  if (denied.length < min) return null;
  const ts = (x: Seen): number => x.act.ts!;
  const sorted = [...denied].sort((a, b) => ts(a) - ts(b));
  const refusals: Seen[] = [];
  for (const d of sorted) if (!refusals.length || ts(d) - ts(refusals[refusals.length - 1]!) > SAME_REFUSAL_MS || d.ip === refusals[refusals.length - 1]!.ip) refusals.push(d);
  // the busiest window of refusals
  let best = 0;
  let from = 0;
  for (let i = 0, j = 0; i < refusals.length; i++) {
    while (ts(refusals[i]!) - ts(refusals[j]!) > windowMs) j++;
    if (i - j + 1 > best) [best, from] = [i - j + 1, j];
  }
  if (best < min) return null;
  const run = refusals.slice(from, from + best);
  const first = ts(run[0]!);
  const last = ts(run[run.length - 1]!);
  const asked = new Set(run.map((d) => d.ip));
  // the owner giving in: MFA passed after the run began, within a window of its last refusal, from an address that was refused (the sign-in's, not the phone's)
  const gaveIn = ok.filter((o) => ts(o) > first && ts(o) <= last + windowMs && asked.has(o.ip)).sort((a, b) => ts(a) - ts(b))[0];
  const how = [...new Set(run.map((d) => d.act.detail).filter((d): d is string => !!d))];
  const fromIps = [...asked].map((ip) => `${ip} (${ipScope(ip)})`);
  const text =
    `${user}'s second factor was refused or left unanswered ${count(best)} times within ${span(first, last)} (${formatList(how, 3) || 'no reason given'}), from ${formatList(fromIps, 4)}` +
    (pushes ? `; ${count(pushes)} Okta Verify push${pushes === 1 ? ' was' : 'es were'} sent to the account's phone in all` : '') +
    '. Someone who already has the password is asking the owner\'s phone again and again, hoping the owner approves one to make it stop (MFA fatigue, push bombing). ' +
    (gaveIn
      ? `Then, at ${iso(ts(gaveIn))}, a sign-in passed MFA from ${gaveIn.ip}: the owner gave in, and whoever asked is signed in as ${user}. Revoke the account's sessions and refresh tokens, reset its password, check its mailbox rules, forwarding and the apps it consented to, and ask the owner what they approved. `
      : 'No sign-in passed MFA after it: the owner held out, but the password is known to someone; reset it and tell the owner not to approve prompts they did not start. ') +
    `Threshold: ${min} refusals within ${windowMs / 60_000} min (mfaFatigue.minRefusals, mfaFatigue.windowMinutes); a phone that misses a prompt or a mistaken tap refuses once or twice, not ${count(best)} times. Number matching and a sign-in's location on the prompt stop this.`;
  return {
    detector: 'mfaFatigue',
    severity: gaveIn ? 'critical' : 'high',
    entity: user,
    entityType: 'user',
    title: `MFA fatigue against ${user}: ${count(best)} second factors refused${gaveIn ? `, then approved from ${gaveIn.ip}` : ''}`,
    explanation: text,
    numbers: { refusals: best, pushes, addresses: asked.size, ...(gaveIn ? { approvedFrom: gaveIn.ip } : {}) },
    threshold: { metric: 'second factors refused within the window', value: best, threshold: min, setting: 'mfaFatigue.minRefusals' },
    windowMs,
    firstSeen: first,
    lastSeen: gaveIn ? ts(gaveIn) : last,
    query: `user:${qv(user)}`,
    sampleIds: [...run.slice(0, 19), ...(gaveIn ? [gaveIn] : [])].map((d) => d.act.id),
    score: gaveIn ? 1 : scoreOver(best, min),
  };
}
