// Bursts / DoS: a source's events per minute far above both its own usual rate and the
// population's, so a steadily busy client or crawler is not a burst.
import type { DetectorDef, DraftFinding } from '../types';
import { ipScope } from '../net';
import { count, crawlerCap, qv, scoreOver } from './util';

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const bursts: DetectorDef = {
  name: 'bursts',
  title: 'Request bursts / DoS',
  description:
    'Counts events per source per minute and compares each source\'s busiest minute with its own average rate over the hours it was active and with the median busiest minute of all sources. A burst must clear an absolute rate and be far above both baselines.',
  settings: [
    { key: 'minPerMinute', default: 60, description: 'events in one minute from one source (1 per second)' },
    { key: 'ownFactor', default: 10, description: 'times the source\'s own average rate over its active hours' },
    { key: 'populationFactor', default: 20, description: 'times the median busiest minute of all sources' },
    { key: 'highFactor', default: 50, description: 'multiple of minPerMinute for high severity' },
  ],
  needs: ['rate'],
  incremental: true,
  detect(ctx) {
    const minRate = ctx.num('minPerMinute');
    const ownF = ctx.num('ownFactor');
    const popF = ctx.num('populationFactor');
    const highF = ctx.num('highFactor');
    const popMedian = median(ctx.agg.rate.map((r) => r.peak));
    const out: DraftFinding[] = [];
    for (const r of ctx.agg.rate) {
      if (r.peak < minRate) continue;
      // its own baseline: the mean rate over the hours it was active (a steady hour-long client is its own norm)
      const own = r.total / (Math.max(1, r.hours) * 60);
      if (r.peak < ownF * own) continue;
      if (r.peak < popF * popMedian) continue;
      const cap = crawlerCap(r.peak >= highF * minRate ? 'high' : 'medium', ctx.crawler(r.ip));
      const at = r.peakMinute * 60_000;
      out.push({
        detector: 'bursts',
        severity: cap.severity,
        entity: r.ip,
        entityType: 'ip',
        title: `Burst from ${r.ip}: ${count(r.peak)} events in one minute`,
        explanation:
          `${r.ip} (${ipScope(r.ip)}) produced ${count(r.peak)} events in its busiest minute, against ${own.toFixed(1)} per minute on average over the ${count(r.hours)} hour(s) it was active, and a median busiest minute of ${popMedian} across all ${count(ctx.agg.rate.length)} sources. ` +
          `A sudden flood far above normal is a denial-of-service attempt, an aggressive scraper or an automated attack tool. Thresholds: ${minRate}/min (bursts.minPerMinute), ${ownF}x its own rate (bursts.ownFactor), ${popF}x the population (bursts.populationFactor).` +
          cap.note +
          ` A benign cause would be a load test, a monitoring system, or a NAT gateway or proxy that many users share (then the user agents vary).`,
        numbers: { peakPerMinute: r.peak, ownAveragePerMinute: Math.round(own * 10) / 10, populationMedianPeak: popMedian, activeMinutes: r.minutes, events: r.total },
        threshold: { metric: 'events in one minute', value: r.peak, threshold: minRate, setting: 'bursts.minPerMinute' },
        windowMs: 60_000,
        firstSeen: at,
        lastSeen: at + 59_999,
        query: `src_ip:${qv(r.ip)} ts:${at}..${at + 59_999}`,
        score: scoreOver(r.peak, minRate),
      });
    }
    return out;
  },
};
