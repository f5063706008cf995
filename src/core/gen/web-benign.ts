// Benign traps in web traffic: crawlers, a busy NAT, a health check, attack-looking but legitimate
// requests and users who mistype their password. Each is recorded under `benign` in the ground truth.
import { BINGBOT_UA, GOOGLEBOT_UAS, HEALTH_UAS, LOOKALIKE_PATHS, SITE, BROWSER_UA } from './catalog';
import { BINGBOT_NET, benignPublicIp, GOOGLEBOT_NET } from './ips';
import type { Plan } from './plan';
import { clamp } from './rng';
import { periodicTimes, spreadTimes } from './timeline';
import { NOT_ANOMALOUS, randomPage, respond, type PageKind, type WebBackground, type WebEvent } from './web-model';

export function webEvent(
  ts: number, ip: string, method: string, url: string, status: number, size: number, referrer: string, ua: string,
  category: string = NOT_ANOMALOUS,
): WebEvent {
  return { ts, ip, method, url, status, size, referrer, ua, anomalous: category === NOT_ANOMALOUS ? 0 : 1, category, background: false };
}

function crawler(plan: Plan<WebEvent>, name: string, net: string, uas: readonly string[], total: number, ipCount: number): void {
  const { rng } = plan.ctx;
  const ips = rng.sample(Array.from({ length: 200 }, (_, i) => `${net}${i + 2}`), ipCount);
  const per = Math.floor(total / ips.length);
  for (const ip of ips) {
    const evs = spreadTimes(rng, plan.ctx.start, plan.span, per).map((ts) => {
      const p = randomPage(rng, rng.pick<PageKind>(['product', 'product', 'filter', 'image', 'blog', 'misc']));
      const r = respond(rng, p.kind, 'GET');
      return webEvent(ts, ip, 'GET', p.url, r.status, r.size, '-', rng.pick(uas));
    });
    plan.add(evs);
    plan.benignTrap('crawler', ip, per, `${name} crawling many distinct pages quickly from its operator's network with its real user agent; not an attack`);
  }
}

export interface BenignOptions {
  health: boolean;
}

export function plantWebBenign(plan: Plan<WebEvent>, bg: WebBackground, opts: BenignOptions): void {
  const { rng, lines, start } = plan.ctx;
  const span = plan.span;

  crawler(plan, 'Googlebot', GOOGLEBOT_NET, GOOGLEBOT_UAS, clamp(Math.round(lines * 0.02), 300, 200_000), rng.int(3, 6));
  crawler(plan, 'Bingbot', BINGBOT_NET, [BINGBOT_UA], clamp(Math.round(lines * 0.008), 150, 80_000), rng.int(2, 3));

  // A carrier-grade NAT / corporate proxy: one address, many real users behind it.
  const nat = benignPublicIp(rng);
  const natCount = clamp(Math.round(lines * 0.03), 300, 300_000);
  const natUas = Array.from({ length: 40 }, () => BROWSER_UA.pick(rng));
  plan.add(
    spreadTimes(rng, start, span, natCount).map((ts) => {
      const p = randomPage(rng);
      const r = respond(rng, p.kind, p.method);
      const ref = rng.chance(0.5) ? SITE + randomPage(rng, 'product').url : '-';
      return webEvent(ts, nat, p.method, p.url, r.status, r.size, ref, rng.pick(natUas));
    }),
  );
  plan.benignTrap('nat_proxy', nat, natCount, 'a busy NAT / proxy address: many users with different browsers behind one IP, normal behaviour, high volume');

  if (opts.health) {
    const probe = `10.0.${rng.int(0, 3)}.${rng.int(2, 250)}`;
    const ua = rng.pick(HEALTH_UAS);
    const path = rng.pick(['/health', '/healthz', '/health']);
    const n = Math.floor(span / 30_000);
    plan.add(periodicTimes(rng, start + rng.int(0, 29_999), 30_000, 150, n).map((ts) => webEvent(ts, probe, 'GET', path, 200, rng.int(2, 17), '-', ua)));
    plan.benignTrap('health_check', probe, n, `load-balancer health check (${ua}) hitting ${path} every 30 s; perfectly regular but benign`);
  }

  // Legitimate requests that look like attacks to a naive pattern match.
  const lookN = clamp(Math.round(lines * 0.001), 30, 5000);
  const look = spreadTimes(rng, start, span, lookN).map((ts) => {
    const c = bg.client();
    return webEvent(ts, c.ip, 'GET', rng.pick(LOOKALIKE_PATHS), 200, Math.round(rng.logNormal(30000, 0.3)), rng.chance(0.5) ? '-' : `${SITE}/`, c.ua);
  });
  plan.add(look);
  plan.benignTrap('lookalike_requests', 'many clients', lookN, "legitimate searches and pages whose text looks attack-ish (O'Reilly, select-chair, script-writing-tips)");

  // Users who mistype their password once or twice, then log in.
  const users = clamp(Math.round(lines / 4000), 5, 300);
  let mist = 0;
  const slot = span / users;
  for (let u = 0; u < users; u++) {
    const c = bg.client();
    let t = Math.floor(start + u * slot + rng.float() * slot * 0.5);
    const fails = rng.int(1, 2);
    for (let f = 0; f < fails; f++) {
      plan.add([webEvent(t, c.ip, 'POST', '/login', 401, rng.int(1400, 1700), `${SITE}/login`, c.ua)]);
      t += rng.int(4_000, 25_000);
      mist++;
    }
    plan.add([webEvent(t, c.ip, 'POST', '/login', 302, 0, `${SITE}/login`, c.ua)]);
  }
  plan.benignTrap('password_typo', 'several users', mist, 'users mistyping their password once or twice, then logging in (401 then 302)');
}
