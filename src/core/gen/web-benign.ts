// Planted benign traps in web traffic: a health check, attack-looking but legitimate requests and
// users who mistype their password (crawlers and the NAT are streamed with the background).
import { HEALTH_UAS, LOOKALIKE_PATHS, SITE } from './catalog';
import type { Plan } from './plan';
import { clamp } from './rng';
import { periodicTimes, spreadTimes } from './timeline';
import { NOT_ANOMALOUS, type WebBackground, type WebEvent } from './web-model';

export function webEvent(
  ts: number, ip: string, method: string, url: string, status: number, size: number, referrer: string, ua: string,
  category: string = NOT_ANOMALOUS,
): WebEvent {
  return { ts, ip, method, url, status, size, referrer, ua, anomalous: category === NOT_ANOMALOUS ? 0 : 1, category, background: false };
}

export interface BenignOptions {
  health: boolean;
}

export function plantWebBenign(plan: Plan<WebEvent>, bg: WebBackground, opts: BenignOptions): void {
  const { rng, lines, start } = plan.ctx;
  const span = plan.span;

  if (opts.health) {
    const probe = `10.0.${rng.int(0, 3)}.${rng.int(2, 250)}`;
    const ua = rng.pick(HEALTH_UAS);
    const path = rng.pick(['/health', '/healthz', '/health']);
    // Every 30 s for the whole span, unless that would swamp a small file: then the probe's last hours.
    const n = Math.min(Math.floor(span / 30_000), Math.max(120, Math.round(lines * 0.05)));
    const t0 = start + span - n * 30_000 + rng.int(0, 29_000);
    plan.add(periodicTimes(rng, t0, 30_000, 150, n).map((ts) => webEvent(ts, probe, 'GET', path, 200, rng.int(2, 17), '-', ua)));
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
