// The three web files: access.log (combined), weblogs.csv (the seed's labelled CSV) and stream.jsonl
// (the seed's Kafka JSON schema, labelled). Same population model, each with its own seed stream.
import { AttackerIps } from './ips';
import { HOUR, MIN, Plan, TooFewLines } from './plan';
import { clamp, Rng } from './rng';
import { LineSink } from './sink';
import { BackgroundClock, runTimeline, sortByTime } from './timeline';
import { apacheTime, isoSpaceMillis } from './timefmt';
import type { ToolName } from './catalog';
import type { FileContext, FileResult, GenFormat } from './types';
import { bruteForce, burst, credentialStuffing, heavyDownload, beacon, oddClient, payloadAttack, scanner, sweep404 } from './web-attacks';
import { plantWebBenign } from './web-benign';
import { NOT_ANOMALOUS, WebBackground, type WebEvent } from './web-model';

type WebFormat = Extract<GenFormat, 'access' | 'webcsv' | 'jsonl'>;

function planAccess(plan: Plan<WebEvent>, bg: WebBackground): void {
  const { rng, lines } = plan.ctx;
  const span = plan.span;
  plantWebBenign(plan, bg, { health: true });
  const fast = clamp(Math.round(lines * 0.006), 600, 12000);
  bruteForce(plan, fast, Math.round((fast / rng.range(2, 8)) * 1000), 'fast', false);
  const slow = clamp(Math.round(lines * 0.002), 520, 6000);
  bruteForce(plan, slow, Math.round(Math.min(span * 0.6, rng.range(4, 10) * HOUR)), 'slow', false);
  credentialStuffing(plan, clamp(Math.round(lines / 1500), 25, 120));
  heavyDownload(plan);
  burst(plan, clamp(Math.round(lines * 0.01), 800, 40000), false);
  for (const cat of ['sqli', 'xss', 'traversal', 'cmdi'] as const) {
    const n = clamp(Math.round(lines * 0.0008), 60, 2000);
    payloadAttack(plan, cat, n, rng.int(10, 60) * MIN, 'fast', Math.round(n * 0.2), false);
  }
  payloadAttack(plan, 'sqli', rng.int(25, 40), Math.round(Math.min(span * 0.7, 12 * HOUR)), 'low-and-slow', 10, false);
  const tools: Array<[ToolName, number]> = [
    ['sqlmap', clamp(Math.round(lines * 0.001), 200, 3000)], ['nikto', clamp(Math.round(lines * 0.0015), 300, 5000)],
    ['nmap', rng.int(40, 90)], ['masscan', rng.int(1, 3)], ['zgrab', rng.int(2, 6)], ['gobuster', clamp(Math.round(lines * 0.002), 400, 6000)],
    ['dirbuster', clamp(Math.round(lines * 0.002), 400, 6000)], ['wpscan', clamp(Math.round(lines * 0.0008), 150, 2000)], ['nuclei', clamp(Math.round(lines * 0.0015), 300, 4000)],
  ];
  for (const [tool, n] of tools) scanner(plan, tool, n, false);
  sweep404(plan, clamp(Math.round(lines * 0.0015), 300, 4000));
  beacon(plan, bg);
  oddClient(plan, clamp(Math.round(lines * 0.0005), 80, 1500));
}

/** Labelled data: many attackers per category (so a by-IP split still sees each kind on both sides),
 *  rare categories at ~0.1 %, and the hard cases. */
function planLabelled(plan: Plan<WebEvent>, bg: WebBackground): void {
  const { rng, lines } = plan.ctx;
  const span = plan.span;
  plantWebBenign(plan, bg, { health: false });
  const per = (share: number, k: number, min: number): number => Math.max(min, Math.round((lines * share) / k));

  const dosK = clamp(Math.round(lines / 100_000), 2, 10);
  for (let i = 0; i < dosK; i++) burst(plan, per(0.02, dosK, 100), true);

  const bruteK = clamp(Math.round(lines / 25_000), 4, 40);
  for (let i = 0; i < bruteK; i++) {
    const n = per(0.015, bruteK, 40);
    const slow = i % 2 === 1;
    bruteForce(plan, n, slow ? Math.round(Math.min(span * 0.6, rng.range(3, 10) * HOUR)) : Math.round((n / rng.range(1, 6)) * 1000), slow ? 'slow' : 'fast', true);
  }

  const scanK = clamp(Math.round(lines / 20_000), 4, 40);
  const tools: ToolName[] = ['sqlmap', 'nikto', 'gobuster', 'dirbuster', 'wpscan', 'nuclei', 'nmap'];
  for (let i = 0; i < scanK; i++) scanner(plan, tools[i % tools.length] as ToolName, per(0.015, scanK, 30), true);

  const cats: Array<['sqli' | 'xss' | 'traversal' | 'cmdi', number, number]> = [
    ['sqli', 0.006, clamp(Math.round(lines / 20_000), 3, 40)],
    ['xss', 0.004, clamp(Math.round(lines / 20_000), 3, 40)],
    ['traversal', 0.001, clamp(Math.round(lines / 50_000), 2, 15)],
    ['cmdi', 0.001, clamp(Math.round(lines / 50_000), 2, 15)],
  ];
  for (const [cat, share, k] of cats) {
    for (let i = 0; i < k; i++) {
      const n = per(share, k, 10);
      payloadAttack(plan, cat, n, rng.int(10, 90) * MIN, 'fast', Math.round(n * rng.range(0.1, 0.4)), true);
    }
  }
  // Low and slow: a handful of payloads spread over half a day, hidden in normal browsing.
  for (const cat of ['sqli', 'xss'] as const) payloadAttack(plan, cat, rng.int(5, 15), Math.round(Math.min(span * 0.7, 12 * HOUR)), 'low-and-slow', rng.int(20, 60), true);
}

/** JSON string literal; most values need no escaping, and a regex test is cheaper than encoding. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON must escape
const JSON_SPECIAL = /["\\\u0000-\u001f\u007f-\uffff]/;
const jsonText = (s: string): string => (JSON_SPECIAL.test(s) ? JSON.stringify(s) : `"${s}"`);
const csvField = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
/** Apache escapes `"` and `\` inside quoted fields. */
const LOG_SPECIAL = /["\\]/;
const logField = (s: string): string => (LOG_SPECIAL.test(s) ? s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : s);

export async function generateWebFile(ctx: FileContext, format: WebFormat): Promise<FileResult> {
  const file = ctx.path.split('/').pop() as string;
  const key = format === 'access' ? 'access' : format === 'webcsv' ? 'weblogs' : 'stream';
  const plan = new Plan<WebEvent>({
    rng: new Rng(ctx.seed, `${format}:plan`), seed: ctx.seed, lines: ctx.lines, start: ctx.start, end: ctx.end, file, key,
    attackers: new AttackerIps(ctx.seed, ctx.fileIndex),
  });
  const bg = new WebBackground(new Rng(ctx.seed, `${format}:population`), ctx.lines, ctx.start, ctx.end, format === 'access');
  if (format === 'access') planAccess(plan, bg);
  else planLabelled(plan, bg);
  const planted = sortByTime(plan.events);
  if (planted.length > ctx.lines * 0.9) {
    throw new TooFewLines(Math.ceil(planted.length / 0.9), file, ctx.lines);
  }
  const bgRng = new Rng(ctx.seed, `${format}:background`);
  const clock = new BackgroundClock(new Rng(ctx.seed, `${format}:clock`), ctx.start, ctx.end, ctx.lines - planted.length);
  const sink = new LineSink(ctx.path, ctx.gzip);
  const categories = new Map<string, number>();
  const count = (e: WebEvent): void => {
    categories.set(e.category, (categories.get(e.category) ?? 0) + 1);
  };
  // User agents repeat endlessly: encode each once.
  const jsonCache = new Map<string, string>();
  const jsonUa = (s: string): string => {
    let j = jsonCache.get(s);
    if (j === undefined) {
      j = JSON.stringify(s);
      if (jsonCache.size < 10_000) jsonCache.set(s, j);
    }
    return j;
  };
  const make = (ts: number): WebEvent => bg.take(ts);

  if (format === 'access') {
    const t = apacheTime(0);
    const uaCache = new Map<string, string>();
    const logUa = (ua: string): string => {
      let v = uaCache.get(ua);
      if (v === undefined) {
        v = logField(ua);
        if (uaCache.size < 10_000) uaCache.set(ua, v);
      }
      return v;
    };
    await runTimeline(planted, ctx.lines - planted.length, clock, make, (e) => {
      // Servers log at completion with the start time: a few lines land up to a second early.
      const ts = e.background && bgRng.chance(0.02) ? e.ts - 1000 : e.ts;
      const proto = e.background && bgRng.chance(0.1) ? 'HTTP/2.0' : 'HTTP/1.1';
      const request = e.method === '-' ? '-' : `${e.method} ${logField(e.url)} ${proto}`;
      return sink.push(`${e.ip} - - [${t(ts)}] "${request}" ${e.status} ${e.size === 0 ? '-' : e.size} "${logField(e.referrer)}" "${logUa(e.ua)}"`);
    });
  } else if (format === 'webcsv') {
    const t = isoSpaceMillis();
    const csvCache = new Map<string, string>();
    const csvUa = (s: string): string => {
      let c = csvCache.get(s);
      if (c === undefined) {
        c = csvField(s);
        if (csvCache.size < 10_000) csvCache.set(s, c);
      }
      return c;
    };
    sink.header('ip,time,method,path,status,size,referrer,user_agent,anomalous,category\n');
    await runTimeline(planted, ctx.lines - planted.length, clock, make, (e) => {
      count(e);
      return sink.push(`${e.ip},${t(e.ts)},${e.method},${csvField(e.url)},${e.status},${e.size},${csvField(e.referrer)},${csvUa(e.ua)},${e.anomalous},${e.category}`);
    });
  } else {
    const t = apacheTime(210); // the seed's shop logs in Iran time (+0330)
    await runTimeline(planted, ctx.lines - planted.length, clock, make, (e) => {
      count(e);
      // The producer sends some numbers as strings, as the seed's stream does.
      const status = bgRng.chance(0.35) ? `"${e.status}"` : String(e.status);
      const size = bgRng.chance(0.35) ? `"${e.size}"` : String(e.size);
      return sink.push(
        `{"ip_address": "${e.ip}", "date_time": "${t(e.ts)}", "request_type": "${e.method}", "request_arg": ${jsonText(e.url)}, "status_code": ${status}, "response_size": ${size}, "referrer": ${jsonText(e.referrer)}, "user_agent": ${jsonUa(e.ua)}, "anomalous": ${e.anomalous}, "category": "${e.category}"}`,
      );
    });
  }
  const bytes = await sink.close();
  for (const p of bg.personas) plan.benignTrap(p.kind, p.ip, p.count, p.description);
  const info: FileResult['info'] = { path: file, format, records: sink.lines, bytes, gzip: ctx.gzip };
  if (format !== 'access') {
    const cats = Object.fromEntries([...categories].sort((a, b) => a[0].localeCompare(b[0])));
    const normal = cats[NOT_ANOMALOUS] ?? 0;
    info.labels = { '0': normal, '1': sink.lines - normal };
    info.categories = cats;
  }
  return { info, incidents: plan.incidents, benign: plan.benign };
}
