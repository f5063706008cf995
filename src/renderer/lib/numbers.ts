// Small people-facing formatters the shared format.ts does not cover (rates, ETA, ratios).
import { formatCount, formatDuration } from '../../shared/format';

export function formatRate(perSecond: number | null | undefined): string {
  if (perSecond == null || !Number.isFinite(perSecond)) return '—';
  return `${formatCount(Math.round(perSecond))}/s`;
}

export function formatEta(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return 'estimating…';
  return `${formatDuration(ms)} left`;
}

export function formatPercent(v: number | null | undefined, digits = 1): string {
  if (v == null || !Number.isFinite(v)) return '—';
  return `${(v * 100).toFixed(digits)}%`;
}

export function formatMetric(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '—';
  return v.toFixed(3);
}
