// Brute force: repeated failed logins from one source (SSH/auth logs, 401/403 on login paths,
// many short connections to SSH/RDP-like ports in flow data), one finding per source.
import { formatTime } from '../../../shared/format';
import { LOGIN_PORTS } from '../eventKind';
import { guessedLogins, type GuessedLogin } from '../guessedLogins';
import { maxTs, minTs } from '../fold';
import { loginService, portService } from '../services';

export { loginService };
import type { DetectorDef, DraftFinding, FlowLoginRow, SshRow, WebLoginRow } from '../types';
import { ipScope, network } from '../net';

export { network };
import { count, crawlerCap, formatList, overSpan, qv, scoreOver } from './util';

/**
 * The source as the explanation names it: an address with its scope, or the workstation a Windows
 * logon failure named when it logged no address (NTLM through a workstation, RDP without NLA).
 */
function sourceNamed(ip: string, program: string | null): string {
  const scope = ipScope(ip);
  if (scope !== 'unknown' || !/Security-Auditing|^Microsoft-Windows|^Security$/i.test(program ?? '')) return `${ip} (${scope})`;
  return `The workstation ${ip} (the events logged no address, IpAddress "-", as NTLM through a workstation and RDP without NLA do, so its logons are counted under the workstation name they give; the client chooses that name, so find its address in the DHCP, DNS or firewall logs of the time)`;
}

export const bruteForce: DetectorDef = {
  name: 'bruteForce',
  title: 'Brute force',
  description:
    'Counts failed logins per source: failed or invalid-user SSH/auth log entries (a connection sshd cut off at its attempt limit counts as the limit, less the failures it logged; one closed while authenticating with no failure logged counts as one), 401/403 answers (and POSTs) on login-like paths, and runs of short connections to login ports (SSH, RDP, Telnet, FTP, VNC, databases) in flow data. Sources that mostly succeed (a busy legitimate user who mistypes sometimes) are not flagged; a success after many failures is called out (on Windows a 4624 logon, or a Kerberos TGT issued (4768) to an address that had been failing pre-authentication; critical on a web login: a redirect after the form, or a login API\'s 200 after its 401s), and so is a password login (SSH, or a Windows RDP or network logon) as an account another address was guessing, from an outside address new to the machine.',
  settings: [
    { key: 'minSshFailures', default: 10, description: 'failed auth-log logins from one source' },
    { key: 'minFailShare', default: 0.5, description: 'share of its logins that failed (below it, a source that mostly succeeds is a user, not an attacker) unless failures reach highFailures' },
    { key: 'highFailures', default: 100, description: 'failed logins for high severity, whatever the success share' },
    { key: 'maxAuthTries', default: 6, description: "sshd's MaxAuthTries: the failed attempts a 'maximum authentication attempts exceeded' line stands for, less those logged on that connection" },
    { key: 'fail2banSeconds', default: 10, description: "a fail2ban 'Found' line within this many seconds of a failure the service logged itself (same address, same service) repeats it and is not counted again" },
    { key: 'guessedUserFailures', default: 3, description: "failures on one user name before a later successful login as it is named as the account to check (a typo fails once or twice): on an address many people share, the others' successes are theirs" },
    { key: 'keyFailShare', default: 0.9, description: 'share of the logged failures that were refused public keys ("Failed publickey") for a source that also logs in to be a client offering keys before the right one (a CI runner with deploy keys, a full ssh-agent), not a password guesser: reported low' },
    { key: 'staleHours', default: 2, description: 'hours an inside address must keep failing as one account, never logging in, for the shape of a stored password that expired (medium, not high)' },
    { key: 'staleRatePerHour', default: 120, description: 'failures an hour at most for that stale-password shape: a job retries on its timer, a guesser goes as fast as lockout allows' },
    { key: 'sprayUsers', default: 10, description: 'user names tried by one source for its failures to be called password spraying (few tries on each of many accounts)' },
    { key: 'sprayTriesPerUser', default: 2, description: 'failed logins per user name at most, on average, for password spraying' },
    { key: 'subnetSources', default: 3, description: 'sources in one /24 (IPv4) or /64 (IPv6), each under minSshFailures, whose failures together reach it (web logins: each under minLoginFailures, refusals together reaching it): one finding for the network' },
    { key: 'minLoginFailures', default: 20, description: '401/403 answers or POSTs on login-like paths from one source' },
    { key: 'minFailures', default: 500, description: 'failed (401/403) requests from one source on any path (seed: > 500)' },
    { key: 'criticalFailures', default: 8000, description: 'failed requests for critical severity (seed: > 8,000)' },
    { key: 'minFlows', default: 200, description: 'short flows from one source to one host on a login port within one clock hour' },
    { key: 'slowFlows', default: 300, description: 'short flows from an outside source to one host on a login port over the whole log (a slow guesser, a try a minute for hours), spread over at least slowHours clock hours' },
    { key: 'slowHours', default: 3, description: 'clock hours a slow guesser must span' },
    { key: 'attemptPackets', default: 8, description: 'mean packets of those short flows, at least: a login attempt exchanges keys and credentials, a port check (connect and close) sends three or four' },
    { key: 'shortFlowSeconds', default: 10, description: 'a flow shorter than this (and with few packets) is one login attempt' },
    { key: 'shortFlowPackets', default: 30, description: 'a flow with fewer packets than this (and short) is one login attempt' },
  ],
  needs: ['ssh', 'webLogin', 'flowLogin', 'hostEvents'],
  incremental: true,
  detect(ctx) {
    const minSsh = ctx.num('minSshFailures');
    const minShare = ctx.num('minFailShare');
    const highFails = ctx.num('highFailures');
    const minLogin = ctx.num('minLoginFailures');
    const minAny = ctx.num('minFailures');
    const crit = ctx.num('criticalFailures');
    const minFlows = ctx.num('minFlows');
    const sprayUsers = ctx.num('sprayUsers');
    const sprayTries = ctx.num('sprayTriesPerUser');
    const out: DraftFinding[] = [];
    // sources under the per-source threshold, by network: an attacker rotating through its /24
    const nets = new Map<string, SshRow[]>();

    for (const r of ctx.agg.ssh) {
      const share = r.fails / (r.fails + r.ok);
      // outside networks only: inside, neighbours failing together are colleagues after a password change
      if (r.fails < minSsh && share >= minShare && ipScope(r.ip) !== 'internal') {
        const net = network(r.ip);
        if (net) nets.set(net, [...(nets.get(net) ?? []), r]);
      }
      if (r.fails < minSsh || (share < minShare && r.fails < highFails)) continue;
      // many accounts, a guess or two each: spraying one common password stays under lockout limits
      const spraying = r.users >= sprayUsers && r.fails / r.users <= sprayTries;
      const compromised = r.ok > 0 && r.lastOk != null && r.firstFail != null && r.lastOk > r.firstFail;
      // failures known only from "maximum authentication attempts exceeded": a client offering
      // more keys than MaxAuthTries (a full ssh-agent) is cut off the same way, then logs in
      const logged = r.fails - r.inferred;
      const unseen = logged < minSsh;
      let severity: DraftFinding['severity'] = r.fails >= highFails ? 'high' : 'medium';
      if (compromised && share >= minShare && !unseen) severity = 'critical';
      // every failure inferred (cut-offs, abandoned connections) from a source that also logs in: the
      // shape of a CI runner or a person whose agent offers many keys, so a lead, not an alarm
      // refused public keys are not guessed passwords: a source that also logs in and whose logged
      // failures are nearly all "Failed publickey" offers its keys in turn (a CI runner, an agent)
      const keyRefusals = logged > 0 && r.keyFails >= ctx.num('keyFailShare') * logged;
      const keyClient = (unseen || keyRefusals) && r.ok > 0;
      // most failures on one user name: the shape of a stale saved password as much as of guessing
      const focused = r.topUser !== null && (r.users === 1 || r.topUserFails * 2 >= r.fails);
      if (keyClient) severity = 'low';
      // one account failing from inside at a slow, steady pace for hours and never getting in: a job or
      // service whose stored password expired retries on its timer (a guesser tries names, or goes fast)
      const failHours = r.firstFail != null && r.lastFail != null ? (r.lastFail - r.firstFail) / 3_600_000 : 0;
      const stale = !compromised && r.users === 1 && r.topUser !== null && ipScope(r.ip) === 'internal' && failHours >= ctx.num('staleHours') && r.fails / failHours <= ctx.num('staleRatePerHour');
      if (stale && severity === 'high') severity = 'medium';
      out.push({
        detector: 'bruteForce',
        severity,
        entity: r.ip,
        entityType: 'ip',
        title: keyClient && !unseen
          ? `${loginService(r.program)} public keys refused for ${r.ip}: ${count(r.keyFails)} refused keys, ${count(r.ok)} successful logins`
          : stale
          ? `${loginService(r.program) === 'Login' ? 'Logins' : `${loginService(r.program)} logins`} failing from ${r.ip}: ${count(r.fails)} as ${r.topUser}, steadily for ${failHours.toFixed(0)} h`
          : spraying
          ? `${loginService(r.program)} password spraying from ${r.ip}: ${count(r.users)} user names, ${count(r.fails)} failed logins${compromised ? ', then a success' : ''}`
          : `${loginService(r.program)} brute force from ${r.ip}: ${count(r.fails)} failed logins${compromised ? ', then a success' : ''}`,
        explanation:
          `${sourceNamed(r.ip, r.program)} failed to log in${loginService(r.program) === 'Login' ? '' : ` to ${loginService(r.program)}`}${r.program ? ` (as logged by ${r.program})` : ''} ${count(r.fails)} times (${count(r.invalid)} for user names that do not exist) ${r.users === 1 && r.topUser !== null ? `as one user name, ${r.topUser},` : `trying ${count(r.users)} different user name(s)${focused ? ` (${count(r.topUserFails)} of the failures as ${r.topUser})` : ''}`} ${overSpan(r.firstFail, r.lastFail)}; ${Math.round(share * 100)} % of its logins failed. ` +
          (r.paired > 0 ? `${count(r.paired)} guess(es) at an unknown user name were logged twice ("Invalid user" and then "Failed password for invalid user"), and each counts once. ` : '') +
          (r.noneProbes > 0 ? `${count(r.noneProbes)} "Failed none" line(s) are the client asking which login methods the server takes, with no password in them: not counted as guesses (for an unknown name whose "Invalid user" line is missing, one stands in for it). ` : '') +
          (r.folded > 0 ? `${count(r.folded)} "message repeated N times" line(s) count as the N failures each stands for. ` : '') +
          (r.loggedTwice > 0
            ? /^%(?:ASA|FTD)-/.test(r.program ?? '')
              ? `The Cisco ASA logged ${count(r.loggedTwice)} failed VPN login(s) twice (113005/113015 "AAA user authentication Rejected", its user name masked, and 716039 "Authentication: rejected" naming it, for one attempt): each counts once. `
              : `The Cisco device logged ${count(r.loggedTwice)} failed SSH login(s) twice (%SEC_LOGIN LOGIN_FAILED and %SSH SSH2_USERAUTH for one attempt): each counts once. `
            : '') +
          (r.fail2banRepeats > 0
            ? `${count(r.fail2banRepeats)} fail2ban "Found" line(s) repeat failures the service logged itself from this address within ${ctx.num('fail2banSeconds')} s (bruteForce.fail2banSeconds) and are not counted again. `
            : '') +
          (r.program?.startsWith('lastb') ? 'The failures are known only from a lastb listing (btmp, to the minute): no log in the case names them itself (beside auth.log the same guesses would count twice, so btmp is read only for sources no log names). ' : '') +
          (r.fail2ban > 0 ? `${count(r.fail2ban)} of the failures are known only from fail2ban's "Found" lines${r.jail ? ` (jail ${r.jail})` : ''}: the service's own log lines for them are not in the case. ` : '') +
          (r.bans > 0 ? `fail2ban banned it ${count(r.bans)} time(s)${r.jail ? ` (jail ${r.jail})` : ''}. ` : '') +
          (r.estimated > 0
            ? `${count(r.estimatedGuesses)} of the failures come from ${count(r.estimated)} connection(s) in Zeek's ssh.log, each counted as its auth_attempts: Zeek estimates those from the sizes of the encrypted packets, so they are an estimate, not logged guesses. `
            : '') +
          (r.abandoned > 0
            ? `${count(r.abandoned)} connection(s) closed while authenticating with no failure logged on them ("Connection closed by authenticating user …"); a server that accepts only keys logs nothing else for a failed guess, so each counts as one failure. `
            : '') +
          (r.maxed > 0
            ? `sshd cut ${count(r.maxed)} of its connection(s) off with "maximum authentication attempts exceeded"; each counts as ${ctx.num('maxAuthTries')} failures (bruteForce.maxAuthTries, sshd's default MaxAuthTries) less those logged on that connection, since failed key and keyboard-interactive attempts are not logged at the default level. ` +
              (unseen
                ? `Only ${count(logged)} of the failures were logged one by one. A client offering more keys than the limit (an ssh-agent holding many keys) is cut off the same way${compromised ? ', and then logs in: check which key the successful logins used before calling them a compromise' : ''}. `
                : '')
            : '') +
          (keyClient && !unseen
            ? `${count(r.keyFails)} of its ${count(logged)} logged failures were public keys the server refused ("Failed publickey"; bruteForce.keyFailShare: ${Math.round(ctx.num('keyFailShare') * 100)} %), not passwords, and it logged in successfully ${count(r.ok)} time(s): a client that offers a key the server does not take before the right one (a CI runner holding several deploy keys, an ssh-agent with many keys) looks exactly like this, so it is reported low; check that ${r.okUsers ?? 'its account'} is expected to log in from here with a key. `
            : '') +
          (keyClient && unseen
            ? `Fewer than ${minSsh} of its failures were logged as such, and it logged in successfully ${count(r.ok)} time(s): a client offering several keys before the right one (a CI runner, a full ssh-agent) looks exactly like this, so it is reported low; check that ${r.okUsers ?? 'its account'} is expected to log in from here. `
            : '') +
          (spraying
            ? `That is ${(r.fails / r.users).toFixed(1)} tries per user name: password spraying, one or two common passwords tried against many accounts to stay under per-account lockout (bruteForce.sprayUsers: ${sprayUsers} names, bruteForce.sprayTriesPerUser: ${sprayTries}). `
            : '') +
          `Many failures from one address is password guessing. The threshold is ${minSsh} failures (bruteForce.minSshFailures) with at least ${Math.round(minShare * 100)} % failing (bruteForce.minFailShare)${share < minShare ? `, or ${highFails} failures whatever the share (bruteForce.highFailures), which this source reached` : ''}. ` +
          (compromised ? successNote(r, share < minShare, unseen, minShare, ctx.num('guessedUserFailures')) : '') +
          (stale
            ? `It is an inside address failing as one account at ${(r.fails / failHours).toFixed(0)} an hour for ${failHours.toFixed(1)} h without ever getting in (bruteForce.staleHours: ${ctx.num('staleHours')}, bruteForce.staleRatePerHour: ${ctx.num('staleRatePerHour')}): the shape of a scheduled job, service or mapped drive whose stored password expired or was changed, retrying on its timer, so it is reported medium, not high. `
            : '') +
          (focused
            ? `A benign cause would be a misconfigured script or a user with an old saved password, which fail on one user name as ${r.users === 1 ? 'these' : 'most of these'} did (${r.topUser}): check whether something of yours logs in as ${r.topUser} from this address.`
            : `A benign cause would be a misconfigured script or a user with an old saved password; those fail on one user name, not many.`),
        numbers: {
          failures: r.fails,
          spraying: spraying ? 'yes' : 'no',
          invalidUsers: r.invalid,
          cutOffConnections: r.maxed,
          abandonedConnections: r.abandoned,
          userNames: r.users,
          ...(r.keyFails > 0 ? { refusedKeys: r.keyFails } : {}),
          successes: r.ok,
          failShare: Math.round(share * 100) / 100,
          successfulUsers: r.okUsers ?? '',
          ...(r.guessedOkUsers ? { guessedThenLoggedIn: r.guessedOkUsers } : {}),
          // only where the evidence has them: four zeros on every SSH finding are noise
          ...(r.fail2ban + r.fail2banRepeats + r.bans > 0 ? { fail2banOnly: r.fail2ban, fail2banRepeats: r.fail2banRepeats, fail2banBans: r.bans } : {}),
          ...(r.estimatedGuesses > 0 ? { estimatedGuesses: r.estimatedGuesses } : {}),
        },
        threshold: { metric: 'failed logins', value: r.fails, threshold: r.fails >= highFails ? highFails : minSsh, setting: r.fails >= highFails ? 'bruteForce.highFailures' : 'bruteForce.minSshFailures' },
        windowMs: null,
        firstSeen: r.firstFail,
        lastSeen: Math.max(r.lastFail ?? 0, r.lastOk ?? 0) || null,
        query: `src_ip:${qv(r.ip)} action:auth_failure,invalid_user,auth_max_attempts,auth_abandoned,auth_success`,
        score: scoreOver(r.fails, minSsh),
      });
    }

    for (const [net, rows] of nets) {
      const fails = rows.reduce((a, r) => a + r.fails, 0);
      if (rows.length < ctx.num('subnetSources') || fails < minSsh) continue;
      const ips = rows.map((r) => r.ip);
      const first = rows.reduce<number | null>((t, r) => minTs(t, r.firstFail), null);
      const last = rows.reduce<number | null>((t, r) => maxTs(t, r.lastFail), null);
      const ok = rows.reduce((a, r) => a + r.ok, 0);
      out.push({
        detector: 'bruteForce',
        severity: fails >= highFails ? 'high' : 'medium',
        entity: net,
        entityType: 'population',
        title: `${loginService(rows[0]!.program)} brute force from ${count(ips.length)} addresses in ${net}: ${count(fails)} failed logins`,
        explanation:
          `${count(ips.length)} addresses in ${net} (${ips.slice(0, 8).join(', ')}${ips.length > 8 ? ' …' : ''}) each failed fewer than ${minSsh} times, ${count(fails)} times together${ok ? ` (${count(ok)} successful logins among them)` : ''}, ${overSpan(first, last)}. ` +
          `One network's addresses taking turns is one attacker rotating its source address to stay under per-address limits. Thresholds: ${ctx.num('subnetSources')} addresses in one /24 or /64 (bruteForce.subnetSources) whose failures together reach ${minSsh} (bruteForce.minSshFailures), each with at least ${Math.round(minShare * 100)} % failing. ` +
          `A benign cause would be several machines behind one office network running a script with an old password: then they fail on the same user name, from your own address space.`,
        numbers: { failures: fails, sources: ips.join(','), sourceCount: ips.length, successes: ok },
        threshold: { metric: 'failed logins from one network', value: fails, threshold: minSsh, setting: 'bruteForce.subnetSources' },
        windowMs: null,
        firstSeen: first,
        lastSeen: last,
        query: `src_ip:${ips.slice(0, 100).map(qv).join(',')} action:auth_failure,invalid_user,auth_max_attempts,auth_abandoned,auth_success`,
        score: scoreOver(fails, minSsh),
      });
    }

    out.push(...guessedElsewhere(guessedLogins(ctx.agg.hostEvents, ctx.agg.ssh, minSsh, ctx.num('guessedUserFailures'), minShare, highFails), minSsh, ctx.num('guessedUserFailures')));

    const webNets = new Map<string, WebLoginRow[]>();
    for (const r of ctx.agg.webLogin) {
      const login = r.loginFails + r.loginPosts;
      // refused logins count fully; forms shown again (WordPress answers 200 to a wrong password) need
      // twice as many, and more of them than logins that went through (redirects)
      // refused logins from an address whose logins mostly went through (redirected after the form) are a
      // NAT or proxy of users who mistype, the shape the SSH share rule leaves alone, until highFailures
      // a form refused with 401/403 and never redirected is a login API: its 200s are logins that worked
      const api = r.formRefused > 0 && r.loginOk === 0;
      const refusedShare = r.loginFails / (r.loginFails + r.loginOk + (api ? r.loginPosts : 0));
      const mostlyOk = refusedShare < minShare && r.loginFails < highFails;
      const byLogin = (r.loginFails >= minLogin && !mostlyOk) || (!api && r.loginPosts >= 2 * minLogin && r.loginPosts > 2 * r.loginOk);
      const byAny = r.denied >= minAny;
      // an outside address under the threshold whose logins were mostly refused: kept by network,
      // for an attacker rotating through its /24 a few guesses per address
      if (!byLogin && !byAny && r.loginFails > 0 && refusedShare >= minShare && ipScope(r.ip) !== 'internal') {
        const net = network(r.ip);
        if (net) webNets.set(net, [...(webNets.get(net) ?? []), r]);
      }
      if (!byLogin && !byAny) continue;
      // a login that worked after its guessing began, while most of its tries failed: the password was
      // found. On a form, failures are refusals and the form shown again, a success its redirect; on a
      // login API (refuses with 401/403, never redirects), failures are refusals and a 200 the success
      const okAt = byLogin ? workedAfter(r, api) : undefined;
      let severity: DraftFinding['severity'] = r.denied >= crit || okAt !== undefined ? 'critical' : r.denied >= minAny || login >= highFails ? 'high' : 'medium';
      const cap = crawlerCap(severity, ctx.crawler(r.ip));
      severity = cap.severity;
      out.push({
        detector: 'bruteForce',
        severity,
        entity: r.ip,
        entityType: 'ip',
        title: `Web login brute force from ${r.ip}: ${count(byLogin ? login : r.denied)} ${byLogin ? 'login attempts' : 'denied requests'}${okAt !== undefined ? ', then a login that worked' : ''}`,
        explanation:
          `${r.ip} (${ipScope(r.ip)}) made ${count(login)} requests to login-like paths (${count(r.loginFails)} answered 401/403, ${count(r.loginPosts)} ${api ? 'posted and answered 200, logins that worked on a login API that refuses with 401/403' : 'login forms posted and shown again'}, ${count(r.loginOk)} redirected as a success, ${count(r.paths)} distinct paths${r.topPath ? `, e.g. ${r.topPath}` : ''}) and received ${count(r.denied)} 401/403 answers in all, ${overSpan(r.first, r.last)}. ` +
          `Repeated refused logins are password guessing or credential testing. Thresholds: ${minLogin} refused logins or ${2 * minLogin} login POSTs (bruteForce.minLoginFailures) or ${minAny} denied requests (bruteForce.minFailures; ${crit} for critical).` +
          (okAt !== undefined
            ? ` ${api ? `Its login was then answered 200 ${count(r.loginPosts)} time(s), the way this login API answers a login that worked (it refuses with 401/403)` : `Its login was then redirected ${count(r.loginOk)} time(s), the way the form answers a login that worked`}, the last at ${formatTime(okAt)}, after its guessing began at ${formatTime(r.first)}: the password was likely found. Treat the account it logged in to as compromised until shown otherwise, and review what ${r.ip} requested after that time.`
            : '') +
          cap.note +
          ` A benign cause would be a monitoring probe or an integration with expired credentials: one path, a steady rhythm, one user.`,
        numbers: { loginAttempts: login, loginDenied: r.loginFails, loginPosts: r.loginPosts, denied: r.denied, paths: r.paths, loginsRedirected: r.loginOk, ...(okAt !== undefined ? { lastLoginWorked: okAt } : {}) },
        threshold: byAny
          ? { metric: 'denied (401/403) requests', value: r.denied, threshold: r.denied >= crit ? crit : minAny, setting: r.denied >= crit ? 'bruteForce.criticalFailures' : 'bruteForce.minFailures' }
          : { metric: 'login attempts', value: login, threshold: minLogin, setting: 'bruteForce.minLoginFailures' },
        windowMs: null,
        firstSeen: r.first,
        lastSeen: r.last,
        query: okAt !== undefined ? `src_ip:${qv(r.ip)} method:POST path:${qv(r.topPath ?? '')}` : byLogin && !byAny ? (r.loginFails >= minLogin ? `src_ip:${qv(r.ip)} status:401,403` : `src_ip:${qv(r.ip)} method:POST status:200 path:${qv(r.topPath ?? '')}`) : `src_ip:${qv(r.ip)} status:401,403`,
        score: scoreOver(Math.max(login, r.denied), minLogin),
      });
    }

    out.push(...webNetworks(webNets, ctx.num('subnetSources'), minLogin, minShare, highFails));

    const flowsBySrc = new Map<string, typeof ctx.agg.flowLogin>();
    const slowFlows = ctx.num('slowFlows');
    const slowHours = ctx.num('slowHours');
    const attemptPackets = ctx.num('attemptPackets');
    // a try a minute for hours never makes 200 in one hour; from outside, with attempt-sized flows,
    // hundreds of them to one login port are guessing (an inside scheduler is left alone)
    const slow = (r: (typeof ctx.agg.flowLogin)[number]): boolean =>
      r.shortTotal >= slowFlows && r.hours >= slowHours && r.shortPackets >= attemptPackets * r.shortTotal && ipScope(r.ip) === 'external';
    for (const r of ctx.agg.flowLogin) {
      if (r.short < minFlows && !slow(r)) continue;
      const list = flowsBySrc.get(r.ip) ?? [];
      list.push(r);
      flowsBySrc.set(r.ip, list);
    }
    for (const [ip, rows] of flowsBySrc) {
      rows.sort((a, b) => b.short - a.short);
      const top = rows[0]!;
      if (top.short < minFlows) {
        out.push(slowFinding(ip, rows, { slowFlows, slowHours, attemptPackets }));
        continue;
      }
      const total = rows.reduce((s, r) => s + r.short, 0);
      const ports = [...new Set(rows.map((r) => r.port))];
      out.push({
        detector: 'bruteForce',
        severity: total >= minFlows * 5 ? 'high' : 'medium',
        entity: ip,
        entityType: 'ip',
        title: `${flowService(ports)} brute force from ${ip}: ${count(total)} short connections in an hour to port ${formatList(ports)}`,
        explanation:
          `${ip} (${ipScope(ip)}) opened up to ${count(total)} short connections in one hour (under ${ctx.num('shortFlowSeconds')} s and ${ctx.num('shortFlowPackets')} packets) to login port(s) ${formatList(ports)} on ${rows.length} host(s), most to ${top.dst}:${top.port} (${count(top.short)}), ${overSpan(Math.min(...rows.map((r) => r.first ?? Infinity)), Math.max(...rows.map((r) => r.last ?? 0)))}. ` +
          `A real session is one long connection; hundreds of short ones are password attempts. The threshold is ${minFlows} short flows to one host within one hour (bruteForce.minFlows). ` +
          (flowService(ports) !== 'Login' ? `${flowService(ports)} is named from the port: flow records do not show which program answered. ` : '') +
          `A benign cause would be a monitoring check or an automation tool (Ansible, backup jobs) connecting repeatedly from a known address.`,
        numbers: { shortFlowsPeakHour: total, flows: rows.reduce((a, r) => a + r.flows, 0), hosts: rows.length, topTarget: `${top.dst}:${top.port}`, ports: ports.join(',') },
        threshold: { metric: 'short flows to a login port in one hour', value: top.short, threshold: minFlows, setting: 'bruteForce.minFlows' },
        windowMs: null,
        firstSeen: Math.min(...rows.map((r) => r.first ?? Infinity)),
        lastSeen: Math.max(...rows.map((r) => r.last ?? 0)),
        query: `src_ip:${qv(ip)} dst_port:${ports.filter((p) => LOGIN_PORTS.includes(p)).join(',')}`,
        score: scoreOver(total, minFlows),
      });
    }
    return mergeByEntity(out);
  },
};

/**
 * Outside addresses of one /24 or /64, each refused on a login page fewer than minLoginFailures
 * times, whose refusals together reach it: one attacker rotating its address, one finding.
 */
function webNetworks(nets: ReadonlyMap<string, WebLoginRow[]>, minSources: number, minLogin: number, minShare: number, highFails: number): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const [net, rows] of nets) {
    const fails = rows.reduce((a, r) => a + r.loginFails, 0);
    if (rows.length < minSources || fails < minLogin) continue;
    const ips = rows.map((r) => r.ip);
    const first = rows.reduce<number | null>((t, r) => minTs(t, r.first), null);
    const last = rows.reduce<number | null>((t, r) => maxTs(t, r.last), null);
    const ok = rows.reduce((a, r) => a + r.loginOk, 0);
    const top = rows.find((r) => r.topPath)?.topPath ?? null;
    out.push({
      detector: 'bruteForce',
      severity: fails >= highFails ? 'high' : 'medium',
      entity: net,
      entityType: 'population',
      title: `Web login brute force from ${count(ips.length)} addresses in ${net}: ${count(fails)} refused logins`,
      explanation:
        `${count(ips.length)} addresses in ${net} (${ips.slice(0, 8).join(', ')}${ips.length > 8 ? ' …' : ''}) were each refused (401/403) on login-like paths${top ? ` such as ${top}` : ''} fewer than ${minLogin} times, ${count(fails)} times together${ok ? ` (${count(ok)} logins went through among them)` : ''}, ${overSpan(first, last)}. ` +
        `One network's addresses taking turns at a login page is one attacker rotating its source address to stay under per-address limits. Thresholds: ${minSources} addresses in one /24 or /64 (bruteForce.subnetSources) whose refused logins together reach ${minLogin} (bruteForce.minLoginFailures), each with at least ${Math.round(minShare * 100)} % refused (bruteForce.minFailShare). ` +
        `A benign cause would be a few colleagues behind one outside network whose saved password changed: then they also log in once they type the new one.`,
      numbers: { loginDenied: fails, sources: ips.join(','), sourceCount: ips.length, successes: ok },
      threshold: { metric: 'refused logins from one network', value: fails, threshold: minLogin, setting: 'bruteForce.subnetSources' },
      windowMs: null,
      firstSeen: first,
      lastSeen: last,
      query: `src_ip:${ips.slice(0, 100).map(qv).join(',')} status:401,403`,
      score: scoreOver(fails, minLogin),
    });
  }
  return out;
}

/** The service of a flow finding's ports: named when they are one service's (SSH on 22), else 'Login'. */
function flowService(ports: readonly number[]): string {
  const names = new Set(ports.map((p) => portService(p) ?? 'Login'));
  return names.size === 1 ? [...names][0]! : 'Login';
}

/** One source = one finding: keep the most severe, mention the others in its numbers. */
function mergeByEntity(list: DraftFinding[]): DraftFinding[] {
  const byEntity = new Map<string, DraftFinding>();
  const order = ['info', 'low', 'medium', 'high', 'critical'];
  for (const f of list) {
    const cur = byEntity.get(f.entity);
    if (!cur) byEntity.set(f.entity, f);
    else {
      const [keep, other] = order.indexOf(f.severity) > order.indexOf(cur.severity) ? [f, cur] : [cur, f];
      keep.explanation += ` Also: ${other.title}.`;
      keep.numbers = { ...other.numbers, ...keep.numbers };
      byEntity.set(f.entity, keep);
    }
  }
  return [...byEntity.values()];
}


/** What the successful logins after the failures mean: the accounts to treat as compromised. */
function successNote(r: SshRow, shared: boolean, unseen: boolean, minShare: number, guessed: number): string {
  const head = `It also logged in successfully ${count(r.ok)} time(s) after the failures began (user(s): ${r.okUsers ?? 'unknown'})`;
  if (unseen) return `${head}. `;
  if (!shared) {
    const users = (r.okUsers ?? '').split(',').filter(Boolean);
    const guessedUsers = (r.guessedOkUsers ?? '').split(',').filter(Boolean);
    const others = users.filter((u) => !guessedUsers.includes(u));
    // it logged in as the account it had been guessing and as others it never guessed: the guessed
    // one is the likely compromise; the others are this address's usual users or a second stolen password
    if (guessedUsers.length === 0 || others.length === 0) return `${head}: treat those accounts as compromised until shown otherwise. `;
    return (
      `It also logged in successfully ${count(r.ok)} time(s) after the failures began. It had failed at least ${guessed} times as ${guessedUsers.join(',')} (bruteForce.guessedUserFailures) and then logged in as it: treat that account as compromised until shown otherwise. ` +
      `It also logged in as ${count(others.length)} other user name(s) it had not been guessing (${others.join(',')}): check that they are expected to log in from this address. `
    );
  }
  // most of its logins worked: many people behind one address (a NAT, a bastion), each success theirs unless guessed
  const users = (r.okUsers ?? '').split(',').filter(Boolean);
  const note = `It also logged in successfully ${count(r.ok)} time(s) after the failures began, as ${count(users.length)} user name(s); with under ${Math.round(minShare * 100)} % of its logins failing, many people share this address (a NAT, a bastion). `;
  return r.guessedOkUsers
    ? `${note}User name(s) it failed on at least ${guessed} times and also logged in as (bruteForce.guessedUserFailures): ${r.guessedOkUsers}: treat those accounts as compromised until shown otherwise. `
    : `${note}None of them had failed ${guessed} times or more (bruteForce.guessedUserFailures): those are people mistyping, not a guessed password. `;
}

/** A slow flow-log guesser: hundreds of attempt-sized short connections spread over hours. */
function slowFinding(ip: string, rows: readonly FlowLoginRow[], t: { slowFlows: number; slowHours: number; attemptPackets: number }): DraftFinding {
  const top = [...rows].sort((a, b) => b.shortTotal - a.shortTotal)[0]!;
  const total = rows.reduce((s, r) => s + r.shortTotal, 0);
  const ports = [...new Set(rows.map((r) => r.port))];
  const first = Math.min(...rows.map((r) => r.first ?? Infinity));
  const last = Math.max(...rows.map((r) => r.last ?? 0));
  const perHour = top.shortTotal / Math.max(1, top.hours);
  return {
    detector: 'bruteForce',
    severity: 'medium',
    entity: ip,
    entityType: 'ip',
    title: `Slow ${flowService(ports) === 'Login' ? 'login' : flowService(ports)} brute force from ${ip}: ${count(total)} short connections ${overSpan(first, last)} to port ${formatList(ports)}`,
    explanation:
      `${ip} (external) opened ${count(top.shortTotal)} short connections to ${top.dst}:${top.port} over ${count(top.hours)} clock hours (about ${Math.round(perHour)} an hour, ${(top.shortPackets / top.shortTotal).toFixed(1)} packets each on average)${rows.length > 1 ? `, ${count(total)} to ${rows.length} login targets in all` : ''}. ` +
      `Each is the size of one login attempt; spread out like this they stay under per-hour limits and lockouts: a slow ("low and slow") password guesser. Thresholds: ${t.slowFlows} short flows to one host (bruteForce.slowFlows) over at least ${t.slowHours} hours (bruteForce.slowHours), averaging at least ${t.attemptPackets} packets (bruteForce.attemptPackets). ` +
      (flowService(ports) !== 'Login' ? `${flowService(ports)} is named from the port: flow records do not show which program answered. ` : '') +
      `A benign cause would be an outside monitoring service or a partner's scheduled job logging in over SSH or RDP; check the host's own login log for this address.`,
    numbers: { shortFlows: total, hours: top.hours, perHour: Math.round(perHour), packetsPerFlow: Math.round((top.shortPackets / top.shortTotal) * 10) / 10, topTarget: `${top.dst}:${top.port}`, ports: ports.join(',') },
    threshold: { metric: 'short flows to a login port', value: top.shortTotal, threshold: t.slowFlows, setting: 'bruteForce.slowFlows' },
    windowMs: null,
    firstSeen: Number.isFinite(first) ? first : null,
    lastSeen: last || null,
    query: `src_ip:${qv(ip)} dst_port:${ports.join(',')}`,
    score: scoreOver(total, t.slowFlows),
  };
}

/**
 * Password logins as an account other addresses had been guessing, from an outside address that had
 * not logged in before the guessing began: the password found by one machine and used from another
 * (a botnet's guessers rarely log in themselves). One finding per logging-in address.
 */
function guessedElsewhere(found: readonly GuessedLogin[], minSsh: number, guessed: number): DraftFinding[] {
  const byIp = new Map<string, GuessedLogin[]>();
  for (const g of found) if (!g.same) byIp.set(g.login.ip!, [...(byIp.get(g.login.ip!) ?? []), g]);
  const out: DraftFinding[] = [];
  for (const [ip, gs] of byIp) {
    const users = [...new Set(gs.map((g) => g.login.user!))];
    const guessers = [...new Set(gs.map((g) => g.guesser.ip))];
    const firstLogin = Math.min(...gs.map((g) => g.login.ts!));
    const firstFail = Math.min(...gs.map((g) => g.guesser.firstFail ?? Infinity));
    const machines = [...new Set(gs.map((g) => g.login.computer).filter((c): c is string => !!c))];
    out.push({
      detector: 'bruteForce',
      severity: 'high',
      entity: ip,
      entityType: 'ip',
      title: `Guessed account${users.length > 1 ? 's' : ''} ${formatList(users, 3)} logged in from ${ip}, a new address, after guessing from ${formatList(guessers, 2)}`,
      explanation:
        gs
          .slice(0, 5)
          .map((g) => `${g.guesser.ip} failed to log in as ${g.login.user} ${count(g.userFails)} times (${count(g.guesser.fails)} failures in all, from ${formatTime(g.guesser.firstFail)}); ${ip} then logged in as ${g.login.user} with ${g.login.method} at ${formatTime(g.login.ts)}${g.login.computer ? ` on ${g.login.computer}` : ''}.`)
          .join(' ') +
        ` ${ip} is outside your network and had not logged in before the guessing began: a password found by one machine and used from another, as botnets do (their guessers rarely log in themselves). ` +
        `Thresholds: the guessing address failed at least ${minSsh} times (bruteForce.minSshFailures), at least ${guessed} of them as the account (bruteForce.guessedUserFailures). ` +
        `A benign cause would be the account's owner logging in from a new place (travel, a new provider) while strangers happened to guess the same common name; ask them, and until then treat ${formatList(users, 3)} as compromised: change the password, and read what the session did${machines.length ? ` on ${formatList(machines, 3)}` : ''}.`,
      numbers: { logins: gs.length, users: users.join(','), guessedFrom: guessers.join(','), userFailures: Math.max(...gs.map((g) => g.userFails)) },
      threshold: { metric: 'failures on the account from a guessing address', value: Math.max(...gs.map((g) => g.userFails)), threshold: guessed, setting: 'bruteForce.guessedUserFailures' },
      windowMs: null,
      firstSeen: Number.isFinite(firstFail) ? Math.min(firstFail, firstLogin) : firstLogin,
      lastSeen: Math.max(...gs.map((g) => g.login.ts!)),
      query: `id:${gs.slice(0, 50).map((g) => g.login.id).join(',')}`,
      sampleIds: gs.slice(0, 20).map((g) => g.login.id),
      score: 0.85,
    });
  }
  return out;
}

/**
 * When a web source's login worked after its guessing began, with most of its tries failed: on a
 * form the last redirect after its first refusal or form shown again; on a login API the last 200
 * after its first refusal. Undefined when no login worked after the guessing, or too many did (people).
 */
function workedAfter(r: WebLoginRow, api: boolean): number | undefined {
  const fails = api ? r.loginFails : r.loginFails + r.loginPosts;
  const ok = api ? r.loginPosts : r.loginOk;
  const began = api ? r.refusedFirst : Math.min(r.refusedFirst ?? Infinity, r.postFirst ?? Infinity);
  const last = api ? r.postLast : r.okLast;
  if (ok === 0 || ok * 4 > fails || began === undefined || !Number.isFinite(began) || last === undefined || last <= began) return undefined;
  return last;
}