// Round 12 distributed credential stuffing as residential-proxy campaigns run it, in nginx's
// combined log: 400 addresses across many /16s, each posting the JSON login API one to three times,
// minutes apart, over three hours; most are refused (401), a few accounts fall (200). Beside them,
// 300 customers of the single-page app log in once or twice over the same hours (the page and its
// script, the login, then their account), a few after a typo they retry at once.
import { rng } from '../../../../src/core/model/forest';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');
const clf = (ms: number): string => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
};

const T0 = Date.UTC(2026, 4, 20, 13, 0, 0);
const HOURS3 = 3 * 3_600_000;
const LOGIN = '/api/v1/auth/login';
const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
];

interface Line { ms: number; text: string }
const line = (ms: number, ip: string, method: string, path: string, status: number, bytes: number, ref: string, ua: string): Line => ({
  ms,
  text: `${ip} - - [${clf(ms)}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "${ref}" "${ua}"`,
});

/** How the app answers a login: the refused and worked answers' status and size. */
export interface LoginAnswers { failStatus: number; failBytes: number; okStatus: number; okBytes: () => number }
/** a JSON API: 401 `{"error":"invalid_credentials"}`, 200 with the session token */
export const REST_ANSWERS: LoginAnswers = { failStatus: 401, failBytes: 31, okStatus: 200, okBytes: () => 0 };
/** an API that answers every login 200 and says in the body whether it worked (`{"ok":false,…}` is 38 bytes) */
export const BODY_ANSWERS: LoginAnswers = { failStatus: 200, failBytes: 38, okStatus: 200, okBytes: () => 0 };

export interface StuffingSet {
  lines: string[];
  campaignIps: string[];
  /** the campaign's login attempts, and its addresses that got a login through */
  attempts: number;
  fellIps: string[];
  customerIps: string[];
  typoIps: string[];
}

/** The campaign (when `campaign`) and the customers, answered as `answers` says. */
export function stuffingLog(answers: LoginAnswers, campaign = true): StuffingSet {
  const r = rng(12_400);
  const out: Line[] = [];
  const tokenBytes = (): number => 612 + Math.floor(r() * 40);
  const ok = { ...answers, okBytes: tokenBytes };
  const campaignIps: string[] = [];
  const fellIps: string[] = [];
  let attempts = 0;
  const seen = new Set<string>();
  const fresh = (make: () => string): string => {
    for (;;) {
      const ip = make();
      if (!seen.has(ip)) {
        seen.add(ip);
        return ip;
      }
    }
  };
  if (campaign) {
    // residential addresses in many /16s (cable and DSL pools)
    const firsts = [24, 47, 49, 67, 68, 71, 73, 76, 77, 79, 82, 86, 90, 93, 98, 109, 112, 122, 171, 175, 176, 178, 181, 186, 187, 189, 190, 201];
    for (let k = 0; k < 400; k++) {
      const ip = fresh(() => `${firsts[Math.floor(r() * firsts.length)]}.${Math.floor(r() * 250) + 2}.${Math.floor(r() * 250) + 2}.${Math.floor(r() * 250) + 2}`);
      campaignIps.push(ip);
      const n = 1 + Math.floor(r() * 3);
      const ua = BROWSERS[Math.floor(r() * BROWSERS.length)]!;
      // the same exit address comes back minutes apart
      let t = T0 + Math.floor(r() * (HOURS3 - 40 * 60_000));
      const fell = k % 50 === 17; // 8 accounts fall
      for (let j = 0; j < n; j++) {
        const last = j === n - 1;
        if (fell && last) out.push(line(t, ip, 'POST', LOGIN, ok.okStatus, ok.okBytes(), '-', ua));
        else out.push(line(t, ip, 'POST', LOGIN, ok.failStatus, ok.failBytes, '-', ua));
        attempts++;
        t += 4 * 60_000 + Math.floor(r() * 10 * 60_000);
      }
      if (fell) fellIps.push(ip);
    }
  }
  const customerIps: string[] = [];
  const typoIps: string[] = [];
  for (let k = 0; k < 300; k++) {
    const ip = fresh(() => `${[81, 86, 92, 2][k % 4]}.${100 + (k % 40)}.${Math.floor(r() * 250) + 2}.${Math.floor(r() * 250) + 2}`);
    customerIps.push(ip);
    const ua = BROWSERS[k % BROWSERS.length]!;
    const sessions = 1 + (k % 3 === 0 ? 1 : 0);
    const typo = k % 23 === 5; // 14 customers mistype once
    if (typo) typoIps.push(ip);
    for (let s = 0; s < sessions; s++) {
      let t = T0 + Math.floor(r() * (HOURS3 - 10 * 60_000));
      const ref = 'https://shop.example.com/login';
      out.push(line(t, ip, 'GET', '/login', 200, 1840, '-', ua));
      out.push(line((t += 300), ip, 'GET', '/static/js/main.4f2a9c1e.js', 200, 184_223, ref, ua));
      out.push(line((t += 120), ip, 'GET', '/static/css/main.8b1d.css', 200, 22_870, ref, ua));
      t += 8_000 + Math.floor(r() * 20_000);
      if (typo && s === 0) {
        out.push(line(t, ip, 'POST', LOGIN, ok.failStatus, ok.failBytes, ref, ua));
        t += 6_000 + Math.floor(r() * 15_000);
      }
      out.push(line(t, ip, 'POST', LOGIN, ok.okStatus, ok.okBytes(), ref, ua));
      out.push(line((t += 400), ip, 'GET', '/api/v1/me', 200, 733, ref, ua));
      out.push(line((t += 900), ip, 'GET', '/api/v1/orders?page=1', 200, 4_120, 'https://shop.example.com/account', ua));
    }
  }
  return { lines: out.sort((a, b) => a.ms - b.ms).map((l) => l.text), campaignIps, attempts, fellIps, customerIps, typoIps };
}
