// Identity-provider and mailbox events a business-email-compromise investigation starts from, read
// out of a row's extra (the keys the mapper left there) beside the cloud audit trails: second
// factors refused (Entra ID 500121, Okta Verify pushes rejected or unanswered) and passed, inbox
// rules and mailbox forwarding made in Exchange Online (the Unified Audit Log's New-InboxRule,
// Set-InboxRule, Set-Mailbox), and how much mail and how many files an address read. Kept per
// source address in the cloud fold (cloudAudit.ts); mfaFatigue and mailboxRules judge them.

type Json = Record<string, unknown>;
const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/** An inbox rule's or a forward's settings, as Exchange's cmdlet took them. */
export interface MailRule {
  /** New-InboxRule, Set-InboxRule, Set-Mailbox… */
  op: string;
  name: string | null;
  /** whose mailbox (Set-Mailbox's Identity; an inbox rule is in the caller's own) */
  mailbox: string | null;
  forwardTo: string[];
  deletes: boolean;
  moveTo: string | null;
  markRead: boolean;
  /** the words a rule looks for in the subject, the body or the sender's address */
  words: string | null;
}

/** Where a sign-in came from, as the identity provider placed its address, and whether it named the address an anonymizer. */
export interface Place {
  country: string;
  city: string | null;
  lat: number | null;
  lon: number | null;
  /** why the address hides who is behind it (Entra ID Protection's anonymizedIPAddress, Okta's isProxy), or null */
  anonymizer: string | null;
}

/** One identity or mailbox event of an account from an address. */
export interface IdpEvent {
  what: 'mfaDenied' | 'mfaOk' | 'signIn' | 'push' | 'rule' | 'read' | 'consent';
  /** an app consented to: its name, the permissions granted, and whether for the whole tenant (admin consent) */
  consent?: { app: string; scopes: string[]; admin: boolean };
  /** a sign-in that worked: where from */
  place?: Place | null;
  user: string;
  /** how the second factor failed (Entra's additional details, Okta's reason) */
  detail?: string | null;
  rule?: MailRule;
  /** MailItemsAccessed: the items read; FileDownloaded: one file */
  items?: number;
  files?: number;
}

/** Exchange cmdlets that make or change an inbox rule or a mailbox's forwarding. */
const RULE_OPS = new Set(['New-InboxRule', 'Set-InboxRule', 'Set-Mailbox', 'New-TransportRule', 'Set-TransportRule']);
// (Outlook's and OWA's own rules arrive as UpdateInboxRules, read by clientRule)
const bool = (v: string | undefined): boolean => v !== undefined && /^true$/i.test(v);
const strip = (a: string): string => a.trim().replace(/^smtp:/i, '').replace(/^"|"$/g, '');

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string' || v.length > 256 * 1024) return v;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}

/** Exchange's Parameters ([{Name, Value}]) as a map. */
function params(v: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const list = parseJson(v);
  if (Array.isArray(list)) for (const p of list.slice(0, 100)) if (p && typeof p === 'object' && typeof (p as Json).Name === 'string') out.set((p as Json).Name as string, s((p as Json).Value) ?? '');
  return out;
}

function mailRule(op: string, p: Map<string, string>): MailRule | null {
  const forwardTo = ['ForwardTo', 'ForwardAsAttachmentTo', 'RedirectTo', 'ForwardingSmtpAddress', 'ForwardingAddress', 'BlindCopyTo', 'RedirectMessageTo']
    .flatMap((k) => (p.get(k) ?? '').split(/[;,]/))
    .map(strip)
    .filter((a) => a !== '');
  const deletes = bool(p.get('DeleteMessage')) || bool(p.get('SoftDeleteMessage')) || p.has('DeleteMessage') && p.get('DeleteMessage') === '';
  const moveTo = p.get('MoveToFolder')?.slice(0, 120) ?? null;
  const words = ['SubjectOrBodyContainsWords', 'SubjectContainsWords', 'BodyContainsWords', 'FromAddressContainsWords', 'HeaderContainsWords', 'SubjectOrBodyMatchesPatterns'].map((k) => p.get(k)).filter((w): w is string => !!w).join(';');
  if (!forwardTo.length && !deletes && !moveTo && !bool(p.get('MarkAsRead'))) return null;
  return { op, name: p.get('Name')?.slice(0, 120) ?? null, mailbox: p.get('Identity')?.slice(0, 320) ?? null, forwardTo: forwardTo.slice(0, 10).map((a) => a.slice(0, 320)), deletes, moveTo, markRead: bool(p.get('MarkAsRead')), words: words.slice(0, 2000) || null };
}

/** An Outlook or OWA rule (UpdateInboxRules): RuleName, RuleCondition and RuleActions, read as text since clients word them differently. */
function clientRule(p: Map<string, string>): MailRule | null {
  if (/^(?:Remove|Delete)/i.test(p.get('RuleOperation') ?? '')) return null;
  const actions = (p.get('RuleActions') ?? '').slice(0, 4000);
  const forwardTo = [...new Set(actions.match(/[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+/g) ?? [])];
  const deletes = /\b(?:Delete|PermanentDelete)\b/i.test(actions);
  const moveTo = /"?(?:Folder|FolderName|MoveToFolder)"?\s*[:=]\s*"?([^",}\]]{1,80})/i.exec(actions)?.[1]?.trim() ?? null;
  const markRead = /MarkAsRead/i.test(actions);
  if (!forwardTo.length && !deletes && !moveTo && !markRead) return null;
  return { op: 'UpdateInboxRules', name: p.get('RuleName')?.slice(0, 120) ?? null, mailbox: null, forwardTo: forwardTo.slice(0, 10), deletes, moveTo, markRead, words: p.get('RuleCondition')?.slice(0, 2000) ?? null };
}

const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** Okta's client.geographicalContext and securityContext.isProxy (a proxy, VPN service or Tor). */
function oktaPlace(x: Json): Place | null {
  const country = s(x['client.geographicalContext.country']);
  if (!country) return null;
  return { country, city: s(x['client.geographicalContext.city']), lat: num(x['client.geographicalContext.geolocation.lat']), lon: num(x['client.geographicalContext.geolocation.lon']), anonymizer: s(x['securityContext.isProxy']) === 'true' ? 'a proxy or Tor (Okta securityContext.isProxy)' : null };
}

/** Entra ID's location (Graph's location.*, the portal CSV's "City, State, CC") and ID Protection's anonymizedIPAddress risk. */
function entraPlace(x: Json): Place | null {
  const risk = `${s(x.riskEventTypes_v2) ?? ''} ${s(x.riskEventTypes) ?? ''} ${s(x.RiskEventTypes_V2) ?? ''}`;
  const anonymizer = /anonymizedIPAddress|anonymousIP/i.test(risk) ? 'an anonymizer (Entra ID Protection: anonymizedIPAddress)' : null;
  const country = s(x['location.countryOrRegion']);
  if (country) return { country, city: s(x['location.city']), lat: num(x['location.geoCoordinates.latitude']), lon: num(x['location.geoCoordinates.longitude']), anonymizer };
  const where = s(x.Location)?.split(',').map((p) => p.trim());
  if (where && where.length >= 2 && /^[A-Z]{2}$/.test(where[where.length - 1]!)) return { country: where[where.length - 1]!, city: where[0] || null, lat: null, lon: null, anonymizer };
  return null;
}

/** Entra ID's audit record of a consent (in the UAL): ModifiedProperties' ConsentAction.Permissions (`Scope: Mail.Read …,`) and ConsentContext.IsAdminConsent, the app's name in Target. */
function consentOf(a: Json): { app: string; scopes: string[]; admin: boolean } | null {
  const mods = parseJson(a.ModifiedProperties);
  if (!Array.isArray(mods)) return null;
  const prop = (name: string): string => {
    const m = mods.find((p) => p && typeof p === 'object' && (p as Json).Name === name) as Json | undefined;
    return s(m?.NewValue) ?? '';
  };
  const perms = prop('ConsentAction.Permissions').slice(0, 8000);
  const scopes = [...new Set([...perms.matchAll(/Scope:\s*([^,\]]*)/g)].flatMap((m) => m[1]!.trim().split(/\s+/)).filter((x) => x !== ''))].slice(0, 60);
  const targets = parseJson(a.Target);
  const named = Array.isArray(targets) ? (targets.find((t) => t && typeof t === 'object' && String((t as Json).Type) === '1') as Json | undefined) : undefined;
  return { app: (s(named?.ID) ?? s(a.ObjectId) ?? 'an application').slice(0, 120), scopes: scopes.map((x) => x.slice(0, 80)), admin: /^true$/i.test(prop('ConsentContext.IsAdminConsent')) };
}

/** Entra ID's code and the words beside it (Graph JSON, the portal's CSV, Log Analytics' SigninLogs). */
function entraCode(x: Json): string | null {
  return s(x['status.errorCode']) ?? s(x['Sign-in error code']) ?? (s(x.ResultType) !== null && s(x.userPrincipalName ?? x.UserPrincipalName) !== null ? s(x.ResultType) : null);
}

/**
 * The identity or mailbox event a row holds (its extra, parsed), or null. `user` is the row's
 * account. Okta's push rejected (user.mfa.okta_verify.deny_push) comes from the phone; the MFA
 * step that failed or passed (user.authentication.auth_via_mfa) from where the sign-in was asked.
 */
export function identityEvent(x: Json, user: string | null): IdpEvent | null {
  const type = s(x.eventType);
  if (type !== null) {
    const who = s(x['actor.alternateId']) ?? user;
    if (!who) return null;
    const result = (s(x['outcome.result']) ?? '').toUpperCase();
    if (type === 'user.mfa.okta_verify.deny_push') return { what: 'mfaDenied', user: who, detail: s(x.displayMessage) ?? 'push rejected' };
    if (type === 'system.push.send_factor_verify_push') return { what: 'push', user: who };
    const ok = result === 'SUCCESS' || result === 'ALLOW';
    if (type === 'user.authentication.auth_via_mfa') return ok ? { what: 'mfaOk', user: who, place: oktaPlace(x) } : result === 'FAILURE' || result === 'DENY' ? { what: 'mfaDenied', user: who, detail: s(x['outcome.reason']) } : null;
    return ok && (type === 'user.session.start' || type === 'user.authentication.sso') ? { what: 'signIn', user: who, place: oktaPlace(x) } : null;
  }
  const code = entraCode(x);
  if (code !== null) {
    if (!user) return null;
    if (code === '500121') return { what: 'mfaDenied', user, detail: s(x['status.additionalDetails']) ?? s(x['Multifactor authentication result']) ?? s(x.ResultDescription) };
    return code === '0' ? { what: 'mfaOk', user, place: entraPlace(x) } : null;
  }
  // the Unified Audit Log: Purview's CSV keeps the record in AuditData; the JSON-lines export at the top
  const audit = x.AuditData !== undefined ? parseJson(x.AuditData) : x;
  if (!audit || typeof audit !== 'object' || Array.isArray(audit)) return null;
  const a = audit as Json;
  const op = s(a.Operation) ?? s(x.Operation) ?? s(x.Operations);
  const who = s(a.UserId) ?? user;
  if (!op || !who) return null;
  if (RULE_OPS.has(op)) {
    const rule = mailRule(op, params(a.Parameters));
    return rule ? { what: 'rule', user: who, rule } : null;
  }
  // a rule made in Outlook or OWA (UpdateInboxRules): its condition and actions are text in OperationProperties
  if (op === 'UpdateInboxRules') {
    const rule = clientRule(params(a.OperationProperties));
    return rule ? { what: 'rule', user: who, rule } : null;
  }
  if (op === 'Consent to application.' || op === 'Consent to application') {
    const c = consentOf(a);
    return c ? { what: 'consent', user: who, consent: c } : null;
  }
  if (op === 'MailItemsAccessed') {
    const n = Number(a.OperationCount);
    return { what: 'read', user: who, items: Number.isFinite(n) && n > 0 ? Math.min(n, 100_000) : 1 };
  }
  if (op === 'FileDownloaded' || op === 'FileSyncDownloadedFull') return { what: 'read', user: who, files: 1 };
  return null;
}

/** What one address did to accounts: second factors refused and passed, rules made, mail and files read. */
export interface IdpAcc {
  acts: IdpAct[];
  /** per account: where its sign-ins from this address were placed, and when (a few times, minutes apart) */
  places: Map<string, PlaceSeen>;
  /** per account: pushes sent to its phone, mail items and files read from this address */
  pushes: Map<string, number>;
  items: Map<string, number>;
  files: Map<string, number>;
}
/** An account's sign-ins from one address: the place and some of the times, with their rows. */
export interface PlaceSeen { place: Place; times: number[]; ids: number[] }
const PLACE_TIMES = 24;
const PLACE_GAP = 10 * 60_000;

/** An event kept with the row that proves it. */
export type IdpAct = IdpEvent & { id: number; ts: number | null };

const ACTS = 500;
const ACCOUNTS = 2000;
export const newIdp = (): IdpAcc => ({ acts: [], places: new Map(), pushes: new Map(), items: new Map(), files: new Map() });

const bump = (m: Map<string, number>, k: string, n: number): void => {
  if (m.has(k) || m.size < ACCOUNTS) m.set(k, (m.get(k) ?? 0) + n);
};

export function addIdp(acc: IdpAcc, e: IdpEvent, id: number, ts: number | null): void {
  if (e.what === 'push') return bump(acc.pushes, e.user, 1);
  if (e.what === 'read') {
    if (e.items) bump(acc.items, e.user, e.items);
    if (e.files) bump(acc.files, e.user, e.files);
    return;
  }
  if (e.place && ts != null) {
    let p = acc.places.get(e.user);
    if (!p && acc.places.size < ACCOUNTS) acc.places.set(e.user, (p = { place: e.place, times: [], ids: [] }));
    // the first and last sign-ins matter most: the list keeps the first ones and moves its end along
    if (p && (!p.times.length || Math.abs(ts - p.times[p.times.length - 1]!) >= PLACE_GAP)) {
      if (p.times.length >= PLACE_TIMES) {
        p.times.pop();
        p.ids.pop();
      }
      p.times.push(ts);
      p.ids.push(id);
      if (e.place.anonymizer && !p.place.anonymizer) p.place = e.place;
    }
  }
  if (e.what === 'signIn') return;
  // a sign-in that passed is kept only where this account's second factor was refused first: the one approval after a run of refusals
  if (e.what === 'mfaOk' && !acc.acts.some((a) => a.what === 'mfaDenied' && a.user === e.user)) return;
  if (acc.acts.length < ACTS) acc.acts.push({ ...e, id, ts });
}
