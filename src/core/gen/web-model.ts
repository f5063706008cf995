// The normal web population of the generated shop: Zipf-distributed clients with fixed browsers,
// page views followed by their assets (referrer = the page), a path catalogue, status and size mixes.
import { BINGBOT_UA, BROWSER_UA, GOOGLEBOT_UAS, MINOR_BOT_UAS, PRODUCT_SLUGS, SEARCH_TERMS, SITE, STATIC_ASSETS } from './catalog';
import { benignIpv6, benignPublicIp, BINGBOT_NET, GOOGLEBOT_NET } from './ips';
import { clamp, type Rng, Weighted, Zipf } from './rng';
import type { Timed } from './timeline';

export const NOT_ANOMALOUS = 'not anomalous';

export interface WebEvent extends Timed {
  ip: string;
  method: string;
  /** path with query string, as sent (percent-encoded) */
  url: string;
  status: number;
  size: number;
  referrer: string;
  ua: string;
  anomalous: 0 | 1;
  category: string;
  /** background rows may be written slightly out of order (log lines are written at completion) */
  background: boolean;
}

export type PageKind = 'home' | 'product' | 'filter' | 'search' | 'api' | 'blog' | 'account' | 'misc' | 'image' | 'static' | 'post';

const PAGE_KINDS = new Weighted<PageKind>([
  ['home', 6], ['product', 30], ['filter', 12], ['search', 8], ['api', 18], ['blog', 3], ['account', 6], ['misc', 2], ['post', 2],
]);

const productId = (rng: Rng): number => 1000 + Math.floor(Math.pow(rng.float(), 2.2) * 60000);

export function randomPage(rng: Rng, kind: PageKind = PAGE_KINDS.pick(rng)): { url: string; kind: PageKind; method: string } {
  switch (kind) {
    case 'home':
      return { url: rng.chance(0.7) ? '/' : '/m/', kind, method: 'GET' };
    case 'product':
      return { url: `${rng.chance(0.3) ? '/m' : ''}/product/${productId(rng)}/${rng.int(1, 99999)}/${rng.pick(PRODUCT_SLUGS)}`, kind, method: 'GET' };
    case 'filter': {
      const b = rng.int(1, 400);
      const u = rng.chance(0.5) ? `/filter/b${b}` : `/filter/p${rng.int(2, 80)},b${b}`;
      return { url: rng.chance(0.2) ? `${u}?page=${rng.int(2, 9)}` : u, kind, method: 'GET' };
    }
    case 'search': {
      const q = rng.pick(SEARCH_TERMS);
      return { url: rng.chance(0.25) ? `/search?q=${q}&page=${rng.int(2, 5)}` : `/search?q=${q}`, kind, method: 'GET' };
    }
    case 'api': {
      const r = rng.int(0, 4);
      const url =
        r === 0 ? '/api/v1/cart'
        : r === 1 ? `/api/v1/products?category=${rng.int(1, 60)}&page=${rng.int(1, 12)}&sort=${rng.pick(['price_asc', 'price_desc', 'newest', 'popular'])}`
        : r === 2 ? '/ajax/basket/count'
        : r === 3 ? `/api/v1/recommendations?product=${productId(rng)}`
        : `/api/v1/stock/${productId(rng)}`;
      return { url, kind, method: 'GET' };
    }
    case 'blog':
      return { url: `/blog/${rng.pick(['best-phones-2025', 'kitchen-gadgets', 'how-to-choose-a-tv', 'summer-sale', 'laptop-buying-guide', 'coffee-at-home'])}`, kind, method: 'GET' };
    case 'account':
      return { url: rng.pick(['/account', '/cart', '/checkout', '/login', '/account/orders', '/wishlist']), kind, method: 'GET' };
    case 'misc':
      return { url: rng.pick(['/robots.txt', '/sitemap.xml', '/settings/logo', '/contact', '/about', '/manifest.json']), kind, method: 'GET' };
    case 'post':
      return { url: rng.pick(['/api/v1/cart/items', '/api/v1/cart/items', '/api/v1/wishlist', '/checkout/pay', '/newsletter/subscribe']), kind, method: 'POST' };
    case 'image':
      return { url: `/image/${productId(rng)}/${rng.pick(['productModel', 'productModel', 'specialSale', 'gallery'])}/${rng.pick(['200x200', '100x100', '300x300', '600x600'])}`, kind, method: 'GET' };
    case 'static':
      return { url: rng.pick(STATIC_ASSETS), kind, method: 'GET' };
  }
}

/** Status and size for a request, by what was requested: the mix a real shop's log shows. */
export function respond(rng: Rng, kind: PageKind, method: string): { status: number; size: number } {
  const u = rng.float();
  let status = 200;
  switch (kind) {
    case 'image':
      status = u < 0.78 ? 200 : u < 0.975 ? 304 : 404;
      break;
    case 'static':
      status = u < 0.55 ? 200 : 304;
      break;
    case 'api':
      status = u < 0.93 ? 200 : u < 0.95 ? 204 : u < 0.965 ? 400 : u < 0.975 ? 401 : u < 0.995 ? 304 : 500;
      break;
    case 'post':
      status = u < 0.9 ? 200 : u < 0.97 ? 302 : u < 0.99 ? 400 : 500;
      break;
    case 'account':
      status = u < 0.7 ? 200 : u < 0.97 ? 302 : 500;
      break;
    case 'misc':
      status = u < 0.95 ? 200 : 304;
      break;
    default:
      status = u < 0.895 ? 200 : u < 0.915 ? 304 : u < 0.93 ? 301 : u < 0.945 ? 302 : u < 0.996 ? 404 : 500;
  }
  if (method === 'HEAD' || status === 304 || status === 204) return { status, size: 0 };
  if (status === 301 || status === 302) return { status, size: rng.chance(0.6) ? 0 : rng.int(180, 420) };
  if (status === 404) return { status, size: Math.round(rng.logNormal(4400, 0.15)) };
  if (status >= 500) return { status, size: Math.round(rng.logNormal(600, 0.3)) };
  if (status === 400 || status === 401) return { status, size: Math.round(rng.logNormal(180, 0.3)) };
  const median =
    kind === 'product' ? 52000 : kind === 'image' ? 9000 : kind === 'static' ? 60000 : kind === 'api' ? 900 : kind === 'post' ? 300 : kind === 'search' ? 31000 : 38000;
  const sigma = kind === 'static' ? 1.0 : kind === 'image' ? 0.7 : kind === 'api' ? 1.0 : 0.35;
  return { status, size: Math.max(1, Math.round(rng.logNormal(median, sigma))) };
}

const ENTRY_REFERRERS = new Weighted<string>([
  ['-', 45], ['https://www.google.com/', 30], ['https://www.bing.com/', 3], ['https://l.instagram.com/', 5], ['https://t.co/', 2],
  ['https://duckduckgo.com/', 1], ['internal', 14],
]);

export interface WebClient {
  ip: string;
  ua: string;
}

interface Session {
  client: WebClient;
  page: string;
  left: number;
  product: boolean;
}

/** A benign heavy hitter streamed with the background (so memory stays flat), counted as it goes. */
export interface Persona {
  kind: 'crawler' | 'nat_proxy';
  ip: string;
  uas: readonly string[];
  /** share of all background rows (averaged over the span) */
  share: number;
  description: string;
  count: number;
  /** crawlers come in crawl sessions: active windows [from, to) in time order, and the fraction they cover */
  windows: Array<[number, number]> | null;
  coverage: number;
  /** index of the current or next window (background time only moves forward) */
  wi: number;
}

/** The background population: makes one normal request for a given time. */
export class WebBackground {
  readonly personas: Persona[] = [];
  private readonly eff: Float64Array;
  private nextEdge = -Infinity;
  private shareSum = 0;
  private readonly clients: WebClient[] = [];
  private readonly zipf: Zipf;
  private readonly bots: WebClient[] = [];
  private readonly sessions: Session[] = [];

  constructor(
    private readonly rng: Rng,
    lines: number,
    start: number,
    end: number,
    /** access logs only: connections closed before sending a request */
    private readonly emptyRequests = false,
  ) {
    const k = clamp(Math.round(lines / 40), 300, 60000);
    for (let i = 0; i < k; i++) {
      this.clients.push({ ip: rng.chance(0.03) ? benignIpv6(rng) : benignPublicIp(rng), ua: BROWSER_UA.pick(rng) });
    }
    this.zipf = new Zipf(k, 1.05, 20);
    for (const ua of MINOR_BOT_UAS) this.bots.push({ ip: benignPublicIp(rng), ua });
    const crawl = (name: string, net: string, uas: readonly string[], share: number, k: number): void => {
      const ips = rng.sample(Array.from({ length: 200 }, (_, i) => `${net}${i + 2}`), k);
      for (const ip of ips) {
        // Crawl sessions covering ~30 % of the span, at ~3x the average rate.
        const m = Math.max(2, Math.round((end - start) / 14_400_000));
        const slot = (end - start) / m;
        const len = slot * 0.3;
        const windows: Array<[number, number]> = [];
        for (let i = 0; i < m; i++) {
          const a = Math.floor(start + i * slot + rng.float() * (slot - len));
          windows.push([a, Math.floor(a + len)]);
        }
        this.personas.push({
          kind: 'crawler', ip, uas, share: share / k, count: 0, windows, coverage: 0.3, wi: 0,
          description: `${name} crawling many distinct pages quickly in crawl sessions, from its operator's network with its real user agent; not an attack`,
        });
      }
    };
    crawl('Googlebot', GOOGLEBOT_NET, GOOGLEBOT_UAS, 0.02, rng.int(3, 6));
    crawl('Bingbot', BINGBOT_NET, [BINGBOT_UA], 0.008, rng.int(2, 3));
    const natUas = Array.from({ length: 40 }, () => BROWSER_UA.pick(rng));
    this.personas.push({
      kind: 'nat_proxy', ip: benignPublicIp(rng), uas: natUas, share: 0.03, count: 0, windows: null, coverage: 1, wi: 0,
      description: 'a busy NAT / proxy address: many users with different browsers behind one IP, normal behaviour, high volume',
    });
    this.eff = new Float64Array(this.personas.length);
  }

  /** Each persona's share of the background at `ts` (zero outside a crawler's sessions); returns the sum. */
  private personaShares(ts: number): number {
    // Shares only change at window edges: recompute when time passes the next edge.
    if (ts < this.nextEdge) return this.shareSum;
    let sum = 0;
    let next = Infinity;
    for (let i = 0; i < this.personas.length; i++) {
      const p = this.personas[i] as Persona;
      let share = p.share;
      if (p.windows) {
        while (p.wi < p.windows.length && ts >= (p.windows[p.wi] as [number, number])[1]) p.wi++;
        const w = p.windows[p.wi];
        share = w && ts >= w[0] ? p.share / p.coverage : 0;
        if (w) next = Math.min(next, ts >= w[0] ? w[1] : w[0]);
      }
      this.eff[i] = share;
      sum += share;
    }
    this.nextEdge = next;
    this.shareSum = sum;
    return sum;
  }

  private personaEvent(ts: number, u: number): WebEvent {
    const rng = this.rng;
    let acc = 0;
    let p = this.personas[this.personas.length - 1] as Persona;
    for (let i = 0; i < this.personas.length; i++) {
      acc += this.eff[i] as number;
      if (u < acc) {
        p = this.personas[i] as Persona;
        break;
      }
    }
    p.count++;
    if (p.kind === 'crawler') {
      const page = randomPage(rng, rng.pick<PageKind>(['product', 'product', 'filter', 'image', 'blog', 'misc']));
      const r = respond(rng, page.kind, 'GET');
      return this.event(ts, { ip: p.ip, ua: rng.pick(p.uas) }, 'GET', page.url, r.status, r.size, '-');
    }
    const page = randomPage(rng);
    const r = respond(rng, page.kind, page.method);
    return this.event(ts, { ip: p.ip, ua: rng.pick(p.uas) }, page.method, page.url, r.status, r.size, rng.chance(0.5) ? SITE + randomPage(rng, 'product').url : '-');
  }

  /** A normal client drawn from the population (for attackers' cover traffic and benign traps). */
  client(): WebClient {
    return this.clients[this.zipf.sample(this.rng)] as WebClient;
  }

  take(ts: number): WebEvent {
    const rng = this.rng;
    const u = rng.float();
    if (u < this.personaShares(ts)) return this.personaEvent(ts, u);
    if (this.emptyRequests && u > 0.9996) {
      // A connection that never sent a request: Apache logs it as "-" with 408.
      return this.event(ts, { ip: this.client().ip, ua: '-' }, '-', '', 408, 0, '-');
    }
    if (rng.chance(0.012)) {
      const bot = rng.pick(this.bots);
      const p = randomPage(rng, rng.pick<PageKind>(['product', 'filter', 'home', 'blog', 'misc']));
      const r = respond(rng, p.kind, 'GET');
      return this.event(ts, bot, 'GET', p.url, r.status, r.size, '-');
    }
    if (this.sessions.length > 0 && rng.chance(0.55)) {
      const i = Math.floor(rng.float() * this.sessions.length);
      const s = this.sessions[i] as Session;
      if (--s.left <= 0) {
        this.sessions[i] = this.sessions[this.sessions.length - 1] as Session;
        this.sessions.pop();
      }
      const kind: PageKind = s.product && rng.chance(0.7) ? 'image' : rng.chance(0.5) ? 'image' : 'static';
      const p = randomPage(rng, kind);
      const r = respond(rng, kind, 'GET');
      return this.event(ts, s.client, 'GET', p.url, r.status, r.size, SITE + s.page);
    }
    const client = this.client();
    const p = randomPage(rng);
    const method = p.method === 'GET' && rng.chance(0.005) ? 'HEAD' : p.method;
    const r = respond(rng, p.kind, method);
    let referrer: string;
    if (p.kind === 'api' || p.kind === 'post') referrer = SITE + randomPage(rng, 'product').url;
    else {
      const ref = ENTRY_REFERRERS.pick(rng);
      referrer = ref === 'internal' ? SITE + randomPage(rng).url : ref;
    }
    if (r.status === 200 && (p.kind === 'product' || p.kind === 'home' || p.kind === 'filter' || p.kind === 'search' || p.kind === 'blog')) {
      if (this.sessions.length >= 48) this.sessions[Math.floor(rng.float() * this.sessions.length)] = this.sessions.pop() as Session;
      this.sessions.push({ client, page: p.url, left: rng.int(1, 7), product: p.kind !== 'blog' });
    }
    return this.event(ts, client, method, p.url, r.status, r.size, referrer);
  }

  private event(ts: number, c: WebClient, method: string, url: string, status: number, size: number, referrer: string): WebEvent {
    return { ts, ip: c.ip, method, url, status, size, referrer, ua: c.ua, anomalous: 0, category: NOT_ANOMALOUS, background: true };
  }
}
