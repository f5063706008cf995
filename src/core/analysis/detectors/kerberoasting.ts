// Kerberoasting: one address asking a domain controller for RC4-encrypted service tickets for many
// different user-account services within minutes (Windows 4769, Ticket Encryption Type 0x17). Each
// ticket is encrypted with the service account's password hash and can be cracked offline, so
// Rubeus, Impacket's GetUserSPNs and PowerView ask for every service account at once, in RC4.
import type { DetectorDef, DraftFinding } from '../types';
import { ipScope } from '../net';
import { count, formatList, qv, scoreOver, span } from './util';

export const kerberoasting: DetectorDef = {
  name: 'kerberoasting',
  title: 'Kerberoasting',
  description:
    'Reads Kerberos service-ticket requests (Windows Security event 4769 on domain controllers, from EvtxECmd CSV, Export-Csv, XML or Winlogbeat exports) and reports an address that got RC4-encrypted tickets (encryption type 0x17/0x18) for many different user-account services within minutes: the requests a Kerberoasting tool makes to crack service-account passwords offline. Computer accounts (names ending in $) and krbtgt are not counted; an old system asking for RC4 tickets for its one or two services all day is not reported.',
  settings: [
    { key: 'minServices', default: 5, description: 'different user-account services one address got RC4 tickets (0x17/0x18) for within kerberoasting.windowMinutes' },
    { key: 'windowMinutes', default: 10, description: 'minutes in which those RC4 tickets were asked for (a tool asks for all of them within seconds)' },
  ],
  needs: ['kerberos'],
  incremental: true,
  detect(ctx) {
    const min = ctx.num('minServices');
    const minutes = ctx.num('windowMinutes');
    const out: DraftFinding[] = [];
    for (const r of ctx.agg.kerberos) {
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
    return out;
  },
};
