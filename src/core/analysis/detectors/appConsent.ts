// An app consented to with the right to read, send or keep a mailbox's mail or an account's files
// (illicit consent grant, OAuth phishing): the intruder's app keeps that access through its refresh
// token after the password is reset and MFA is turned on. Read from the Unified Audit Log's
// "Consent to application." records (Entra ID's audit log), which carry no client address, so the
// finding is the account's. Sign-in apps asking for a profile (User.Read, openid, email) stay quiet.
import type { CloudRow } from '../cloudAudit';
import type { IdpAct } from '../identityEvents';
import type { DetectorDef, DraftFinding } from '../types';
import { formatList, qv } from './util';

const iso = (ts: number | null): string => (ts == null ? 'at an unknown time' : new Date(ts).toISOString().replace('.000Z', 'Z'));

export const appConsent: DetectorDef = {
  name: 'appConsent',
  title: 'Apps consented to with mail or file access',
  description:
    'Reads "Consent to application." records in the Microsoft 365 Unified Audit Log and reports, per account, an app granted permissions that read, send or keep mail or files (Mail.ReadWrite, Mail.Send, Files.ReadWrite.All, full_access_as_user…: appConsent.riskyScopes): an intruder\'s app keeps that access through its own refresh token after the password is reset. Admin consent, which grants it for the whole tenant, is said. Apps asking only for a sign-in profile (User.Read, openid, email, offline_access) stay quiet.',
  settings: [
    { key: 'riskyScopes', default: 'Mail.ReadWrite,Mail.Read,Mail.Send,Mail.ReadBasic.All,MailboxSettings.ReadWrite,Files.ReadWrite.All,Files.Read.All,Sites.ReadWrite.All,Sites.Read.All,full_access_as_user,EWS.AccessAsUser.All,Directory.ReadWrite.All,User.ReadWrite.All,Contacts.Read,Notes.Read.All', description: 'delegated permissions whose grant to an app is reported (comma-separated, any case)' },
    { key: 'minRiskyScopes', default: 1, description: 'of those, how many one consent must grant to be reported' },
  ],
  needs: ['cloud'],
  // a finding on an account gathers several addresses; the live analyzer folds and reports by address
  incremental: false,
  detect(ctx) {
    const risky = new Set(ctx.text('riskyScopes').split(',').map((w) => w.trim().toLowerCase()).filter((w) => w !== ''));
    const min = Math.max(1, ctx.num('minRiskyScopes'));
    const byUser = new Map<string, { act: IdpAct; granted: string[] }[]>();
    for (const r of ctx.agg.cloud as readonly CloudRow[])
      for (const act of r.idp?.acts ?? []) {
        if (act.what !== 'consent' || !act.consent) continue;
        const granted = act.consent.scopes.filter((x) => risky.has(x.toLowerCase()));
        if (granted.length >= min) (byUser.get(act.user) ?? byUser.set(act.user, []).get(act.user)!).push({ act, granted });
      }
    const out: DraftFinding[] = [];
    for (const [user, cs] of byUser) out.push(finding(user, cs, min));
    return out;
  },
};

function finding(user: string, cs: { act: IdpAct; granted: string[] }[], min: number): DraftFinding {
  cs.sort((a, b) => (a.act.ts ?? 0) - (b.act.ts ?? 0));
  const admin = cs.some((c) => c.act.consent!.admin);
  const apps = [...new Set(cs.map((c) => c.act.consent!.app))];
  const granted = [...new Set(cs.flatMap((c) => c.granted))];
  const times = cs.map((c) => c.act.ts).filter((t): t is number => t != null);
  return {
    detector: 'appConsent',
    severity: 'high',
    entity: user,
    entityType: 'user',
    title: `${user} consented to ${formatList(apps.map((a) => `"${a}"`), 2)} with ${formatList(granted, 4)}${admin ? ' for the whole tenant' : ''}`,
    explanation:
      `${user} granted ${cs.slice(0, 6).map((c) => `"${c.act.consent!.app.slice(0, 120)}" ${c.act.consent!.scopes.slice(0, 20).join(' ').slice(0, 600)}${c.act.consent!.admin ? ' (admin consent: for every user of the tenant)' : ''} at ${iso(c.act.ts)}`).join('; ')}. ` +
      `${formatList(granted, 6)} let${granted.length === 1 ? 's' : ''} the app read, send or keep the account's mail or files through its own refresh token, which outlives a password reset and MFA: an intruder who got the owner to click "Accept" (or used their session to) keeps that access. ` +
      `Check the app in Entra ID (Enterprise applications), revoke its grant and sessions, and look for mail it sent; the record names no client address. Threshold: ${min} such permission${min === 1 ? '' : 's'} in one consent (appConsent.minRiskyScopes, from appConsent.riskyScopes).`,
    numbers: { consents: cs.length, riskyScopes: granted.length, adminConsent: admin ? 1 : 0, apps: apps.join(',') },
    threshold: { metric: 'mail or file permissions granted to an app', value: Math.max(...cs.map((c) => c.granted.length)), threshold: min, setting: 'appConsent.minRiskyScopes' },
    windowMs: null,
    firstSeen: times.length ? Math.min(...times) : null,
    lastSeen: times.length ? Math.max(...times) : null,
    query: `user:${qv(user)}`,
    sampleIds: cs.slice(0, 20).map((c) => c.act.id),
    score: 0.85 + Math.min(0.15, granted.length * 0.02),
  };
}
