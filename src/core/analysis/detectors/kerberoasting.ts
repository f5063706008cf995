// Kerberoasting: one address asking a domain controller for RC4-encrypted service tickets for many
// different user-account services within minutes (Windows 4769, Ticket Encryption Type 0x17). Each
// ticket is encrypted with the service account's password hash and can be cracked offline, so
// Rubeus, Impacket's GetUserSPNs and PowerView ask for every service account at once, in RC4.
import type { DetectorDef, DraftFinding } from '../types';
import type { AsRepAccount } from '../kerberos';
import { ipScope } from '../net';
import { count, formatList, qv, scoreOver, span } from './util';
import { formatTime } from '../../../shared/format';

const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/;

/**
 * One account's TGT taken without pre-authentication, in RC4, once or twice from an address: a
 * targeted AS-REP roast (GetNPUsers for one known account). A device or an old application whose
 * account has pre-authentication off asks for its own TGT all day from its own address; that
 * address is the account's usual one, named when the request came from somewhere else.
 */
function oneAccountRoasted(ip: string, accounts: readonly AsRepAccount[], few: number, usual: ReadonlyMap<string, { ip: string; times: number }>): DraftFinding | null {
  const hit = accounts.find((p) => p.rc4 && p.times <= few);
  if (!hit) return null;
  const home = usual.get(hit.account);
  const elsewhere = home && home.ip !== ip && home.times > few ? home : null;
  return {
    detector: 'kerberoasting',
    severity: 'medium',
    entity: ip,
    entityType: 'ip',
    title: `AS-REP roasting from ${ip}? An RC4 TGT without pre-authentication for ${hit.account}${elsewhere ? `, usually asked for from ${elsewhere.ip}` : ''}`,
    explanation:
      `${ip} (${ipScope(ip)}) got a Kerberos TGT for ${hit.account} without pre-authentication (event 4768, Pre-Authentication Type 0), encrypted with RC4 (0x17), ${hit.times === 1 ? 'once' : `${count(hit.times)} times`} over the whole log, first at ${formatTime(hit.first)}. ` +
      `The reply to such a request is encrypted with the account's password hash, so one request is enough to crack it offline (Rubeus asreproast /user:, Impacket GetNPUsers for one account, MITRE T1558.004), and RC4 is the fastest to crack. ` +
      (elsewhere
        ? `${hit.account}'s TGT is usually asked for from ${elsewhere.ip} (${count(elsewhere.times)} times): this request came from another machine. `
        : `No other address asked for this account's TGT in the log. `) +
      `Threshold: at most ${few} such requests for one account from one address (kerberoasting.asRepFewRequests; several accounts at once are kerberoasting.minAsRepAccounts, high); a device or legacy application logging on as its own account asks for its TGT regularly and is not reported. ` +
      `It is medium because a machine that logs on as that account only rarely looks the same: check what runs on ${ip}, and turn pre-authentication back on for ${hit.account} (or give it a long random password).`,
    numbers: { account: hit.account, requests: hit.times, ...(elsewhere ? { usualAddress: elsewhere.ip, usualRequests: elsewhere.times } : {}) },
    threshold: { metric: 'TGTs without pre-authentication for the account from this address', value: hit.times, threshold: few, setting: 'kerberoasting.asRepFewRequests' },
    windowMs: null,
    firstSeen: hit.first,
    lastSeen: hit.first,
    query: `src_ip:${qv(ip)} 4768`,
    score: 0.6,
  };
}

export const kerberoasting: DetectorDef = {
  name: 'kerberoasting',
  title: 'Kerberoasting',
  description:
    'Reads Kerberos service-ticket requests (Windows Security event 4769 on domain controllers, from EvtxECmd CSV, Export-Csv, XML or Winlogbeat exports) and reports an address that got RC4-encrypted tickets (encryption type 0x17/0x18) for many different user-account services within minutes: the requests a Kerberoasting tool makes to crack service-account passwords offline. Computer accounts (names ending in $) and krbtgt are not counted; an old system asking for RC4 tickets for its one or two services all day is not reported.',
  settings: [
    { key: 'minServices', default: 5, description: 'different user-account services one address got RC4 tickets (0x17/0x18) for within kerberoasting.windowMinutes' },
    { key: 'windowMinutes', default: 10, description: 'minutes in which those RC4 tickets were asked for (a tool asks for all of them within seconds)' },
    { key: 'minAnyServices', default: 15, description: 'different user-account services one address got tickets of any encryption type (AES too) for within kerberoasting.windowMinutes, when too few were RC4 for kerberoasting.minServices: a tool asking for AES tickets (medium)' },
    { key: 'asRepFewRequests', default: 2, description: 'TGTs without pre-authentication, in RC4, for one account from one address over the whole log, at most, for a medium finding on a single account roasted (under kerberoasting.minAsRepAccounts); a device or legacy application asking for its own account asks more often and is not reported' },
    { key: 'minAsRepAccounts', default: 2, description: 'different accounts one address got a TGT for without pre-authentication (4768, PreAuthType 0) within kerberoasting.windowMinutes: AS-REP roasting' },
  ],
  needs: ['kerberos'],
  incremental: true,
  detect(ctx) {
    const min = ctx.num('minServices');
    const minutes = ctx.num('windowMinutes');
    const out: DraftFinding[] = [];
    const minAs = ctx.num('minAsRepAccounts');
    const few = ctx.num('asRepFewRequests');
    const singles: DraftFinding[] = [];
    // where each account's TGT is usually asked for from: the address asking most often
    const usual = new Map<string, { ip: string; times: number }>();
    for (const r of ctx.agg.kerberos) for (const p of r.asRep?.perAccount ?? []) if ((usual.get(p.account)?.times ?? 0) < p.times) usual.set(p.account, { ip: r.ip, times: p.times });
    for (const r of ctx.agg.kerberos) {
      const a = r.asRep;
      if (a && few > 0 && !(minAs > 0 && a.windowAccounts >= minAs) && !LOOPBACK.test(r.ip)) {
        const one = oneAccountRoasted(r.ip, a.perAccount ?? [], few, usual);
        if (one) singles.push(one);
      }
      if (a && minAs > 0 && a.windowAccounts >= minAs) {
        const rc4 = a.enc.some((e) => e === '0x17' || e === '0x18');
        out.push({
          detector: 'kerberoasting',
          severity: 'high',
          entity: r.ip,
          entityType: 'ip',
          title: `AS-REP roasting from ${r.ip}: TGTs without pre-authentication for ${count(a.windowAccounts)} accounts within ${minutes} min`,
          explanation:
            `${r.ip} (${ipScope(r.ip)}) got Kerberos TGTs from the domain controller without pre-authentication (event 4768, Pre-Authentication Type 0) for ${count(a.windowAccounts)} different accounts within ${span(a.first, a.last)} (${formatList(a.sample, 8)}), ticket encryption ${formatList(a.enc, 3)}${rc4 ? ' (RC4, the fastest to crack)' : ''}; ${count(a.accounts)} such accounts over the whole log. ` +
            `An account set not to require pre-authentication answers anyone who asks with data encrypted with its password hash, so asking for several of them at once is AS-REP roasting (Rubeus asreproast, Impacket GetNPUsers, MITRE T1558.004): the replies are cracked offline and no failed logon is ever logged. ` +
            `Threshold: ${minAs} accounts within ${minutes} min (kerberoasting.minAsRepAccounts, kerberoasting.windowMinutes); an old device logging on as its one such account, from its own address, is not reported. ` +
            `Check what runs on ${r.ip}, turn pre-authentication back on for the accounts named (or give them long random passwords), and look for their logons after ${formatTime(a.last)}.`,
          numbers: { accounts: a.windowAccounts, totalAccounts: a.accounts, encryption: a.enc.join(',') },
          threshold: { metric: 'accounts with TGTs given without pre-authentication within the window', value: a.windowAccounts, threshold: minAs, setting: 'kerberoasting.minAsRepAccounts' },
          windowMs: minutes * 60_000,
          firstSeen: a.first,
          lastSeen: a.last,
          query: `src_ip:${qv(r.ip)} 4768`,
          score: scoreOver(a.windowAccounts, minAs),
        });
      }
      const any = r.anyServices;
      const minAny = ctx.num('minAnyServices');
      if (r.windowServices < min && any && minAny > 0 && any.windowServices >= minAny) {
        out.push({
          detector: 'kerberoasting',
          severity: 'medium',
          entity: r.ip,
          entityType: 'ip',
          title: `Service tickets from ${r.ip} for ${count(any.windowServices)} service accounts within ${minutes} min (AES)`,
          explanation:
            `${r.ip} (${ipScope(r.ip)}) asked the domain controller for Kerberos service tickets (event 4769) for ${count(any.windowServices)} different user-account services within ${span(any.first, any.last)} (${formatList(any.sample, 8)}), most of them not RC4 (${count(r.windowServices)} RC4 in its busiest window). ` +
            `One client rarely needs tickets for that many services run by user accounts within minutes; Rubeus and other Kerberoasting tools can ask for AES tickets instead of RC4 to avoid the RC4 alarm, and those are cracked offline too, only slower. ` +
            `Threshold: ${minAny} services within ${minutes} min (kerberoasting.minAnyServices); computer accounts ($) and krbtgt are not counted. It is medium because a server that really talks to many service accounts (a reporting or middleware host) looks the same: check what runs on ${r.ip} and whether these services are ones it uses.`,
          numbers: { services: any.windowServices, rc4Services: r.windowServices, requests: r.requests },
          threshold: { metric: 'user-account services with tickets within the window', value: any.windowServices, threshold: minAny, setting: 'kerberoasting.minAnyServices' },
          windowMs: minutes * 60_000,
          firstSeen: any.first,
          lastSeen: any.last,
          query: `src_ip:${qv(r.ip)} "Kerberos service ticket"`,
          score: scoreOver(any.windowServices, minAny),
        });
      }
      if (r.windowServices < min) continue;
      const who = r.users.length ? ` as ${formatList(r.users, 3)}` : '';
      out.push({
        detector: 'kerberoasting',
        severity: 'high',
        entity: r.ip,
        entityType: 'ip',
        title: `Kerberoasting from ${r.ip}: RC4 service tickets for ${count(r.windowServices)} service accounts within ${minutes} min`,
        explanation:
          `${r.ip} (${ipScope(r.ip)})${who} asked the domain controller for RC4-encrypted Kerberos service tickets (event 4769, ticket encryption type 0x17) for ${count(r.windowServices)} different user-account services within ${span(r.first, r.last)} (${formatList(r.sample, 8)}); ${count(r.services)} such services over the whole log, out of ${count(r.requests)} ticket requests from it. ` +
          `A ticket for a service run by a user account is encrypted with that account's password hash, and RC4 is the weakest type to crack, so asking for many of them at once in RC4 is Kerberoasting (Rubeus, Impacket GetUserSPNs): the tickets are taken away and the service accounts' passwords cracked offline, with no failed login anywhere. ` +
          `Thresholds: ${min} services within ${minutes} min (kerberoasting.minServices, kerberoasting.windowMinutes); computer accounts ($) and krbtgt are not counted. ` +
          `A benign cause would be an application or old system that only speaks RC4 and really uses all these services: check what runs on ${r.ip}, reset the passwords of the service accounts named (long random ones, or group managed service accounts), and look for logons by those accounts after the requests.`,
        numbers: { services: r.windowServices, totalServices: r.services, requests: r.requests, rc4Requests: r.rc4Requests, users: r.users.join(',') },
        threshold: { metric: 'user-account services with RC4 tickets within the window', value: r.windowServices, threshold: min, setting: 'kerberoasting.minServices' },
        windowMs: minutes * 60_000,
        firstSeen: r.first,
        lastSeen: r.last,
        query: `src_ip:${qv(r.ip)} "Kerberos service ticket"`,
        score: scoreOver(r.windowServices, min),
      });
    }
    // one finding per address: a kerberoasting run from it already tells the story
    const told = new Set(out.map((f) => f.entity));
    for (const f of singles) if (!told.has(f.entity)) out.push(f);
    return out;
  },
};
