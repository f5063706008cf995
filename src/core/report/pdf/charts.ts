// Vector charts drawn with pdfkit paths (no images, no browser): stacked timeline, horizontal bars
// and a histogram. Series builders are pure so they can be tested without a PDF.
import { formatCount, formatDuration, formatTime } from '../../../shared/format';
import type { CaseStats } from '../../../shared/model';
import { displayText } from './text';
import { COLORS, type PdfLayout } from './layout';

const PALETTE = ['#0b5cad', '#2f9e44', '#e8590c', '#c92a2a', '#7048e8', '#0c8599', '#d6336c', '#868e96', '#5c940d', '#e67700'];

/** Stable colour per series; HTTP status classes get the colours readers expect. */
export function seriesColor(name: string, index: number): string {
  // 'none' (flows, auth lines: no status) is grey as on screen; by its index it took the 2xx green
  // when it came second, and an auth log's failed logins read as successful answers
  const byClass: Record<string, string> = { '2xx': '#2f9e44', '3xx': '#1c7ed6', '4xx': '#e8590c', '5xx': '#c92a2a', '1xx': '#868e96', none: '#adb5bd' };
  const known = byClass[name];
  if (known) return known;
  const free = PALETTE.filter((c) => !Object.values(byClass).includes(c));
  return free[index % free.length]!;
}

/**
 * Where each bucket stands on the time axis: its slot counted in buckets from the first, so empty
 * stretches keep their width (logs from 2015 and 2026 are not drawn side by side). Past `maxSlots`
 * the buckets are drawn one after another.
 */
export function timelineSlots(buckets: readonly { t: number }[], bucketMs: number, maxSlots = 3000): { slots: number[]; span: number } {
  if (!buckets.length) return { slots: [], span: 0 };
  const first = Math.min(...buckets.map((b) => b.t));
  const last = Math.max(...buckets.map((b) => b.t));
  const span = bucketMs > 0 ? Math.round((last - first) / bucketMs) + 1 : buckets.length;
  if (!(bucketMs > 0) || span > maxSlots) return { slots: buckets.map((_, i) => i), span: buckets.length };
  return { slots: buckets.map((b) => Math.round((b.t - first) / bucketMs)), span };
}

export interface BarItem {
  label: string;
  value: number;
  note?: string;
}

/**
 * Horizontal bars with their labels and values; `max` items, the rest summed in "other" when the
 * list is a whole distribution (a top-N list is already cut, so its "rest" would mislead).
 */
export function barItems(items: readonly { key: string; count: number; bytes?: number }[], by: 'count' | 'bytes', max = 10, other = true): BarItem[] {
  const sorted = [...items].sort((a, b) => (by === 'bytes' ? (b.bytes ?? 0) - (a.bytes ?? 0) : b.count - a.count));
  const out = sorted.slice(0, max).map((i) => ({ label: i.key, value: by === 'bytes' ? (i.bytes ?? 0) : i.count }));
  const rest = sorted.slice(max).reduce((s, i) => s + (by === 'bytes' ? (i.bytes ?? 0) : i.count), 0);
  if (other && rest > 0) out.push({ label: `other (${sorted.length - max})`, value: rest });
  return out;
}

/** The title keeps with its chart: `height` is what the chart below it needs. */
function chartTitle(pdf: PdfLayout, title: string, subtitle: string | undefined, height: number): void {
  pdf.ensure(height + 34);
  pdf.setStyle({ font: 'bold', size: 10.5 });
  pdf.drawLine(title, pdf.left, pdf.y);
  pdf.y += pdf.lineHeight(10.5);
  if (subtitle) {
    pdf.setStyle({ size: 8, color: COLORS.muted });
    pdf.drawLine(subtitle, pdf.left, pdf.y);
    pdf.y += pdf.lineHeight(8) + 2;
  }
  pdf.setStyle({});
}

/** Status codes coloured by class, everything else in the accent colour (rank is already shown by length). */
export function barColor(kind: 'status' | 'plain', label: string): string {
  if (kind === 'status' && /^[1-5]\d\d$/.test(label)) return seriesColor(`${label[0]}xx`, 0);
  return COLORS.accent;
}

export function drawBars(pdf: PdfLayout, title: string, items: readonly BarItem[], format: (n: number) => string, kind: 'status' | 'plain' = 'plain', subtitle?: string): void {
  chartTitle(pdf, title, subtitle, Math.min(items.length, 14) * 15);
  if (!items.length) {
    pdf.para('No data for this chart in this case.', { size: 9, color: COLORS.muted });
    return;
  }
  const labelW = 150;
  const valueW = 70;
  const barH = 11;
  const gap = 4;
  const max = Math.max(...items.map((i) => i.value), 1);
  const barArea = pdf.contentWidth - labelW - valueW - 10;
  items.forEach((item) => {
    pdf.ensure(barH + gap);
    pdf.setStyle({ size: 8 });
    const label = pdf.wrap(displayText(item.label, 200), labelW - 6)[0] ?? '';
    pdf.drawLine(label, pdf.left, pdf.y + 1.5);
    const w = Math.max(0.5, (item.value / max) * barArea);
    pdf.doc.rect(pdf.left + labelW, pdf.y, w, barH).fillColor(item.label.startsWith('other (') ? '#adb5bd' : barColor(kind, item.label)).fill();
    pdf.setStyle({ size: 8, color: COLORS.muted });
    pdf.drawLine(format(item.value), pdf.left + labelW + w + 4, pdf.y + 1.5);
    pdf.y += barH + gap;
  });
  pdf.y += 8;
  pdf.setStyle({});
}

/** Events over time as stacked columns, y axis with its maximum, x axis with first/middle/last times. */
export function drawTimeline(pdf: PdfLayout, timeline: CaseStats['timeline'], zone: string): void {
  const buckets = [...timeline.buckets].sort((a, b) => a.t - b.t);
  const { slots, span } = timelineSlots(buckets, timeline.bucketMs);
  chartTitle(pdf, 'Events over time', buckets.length ? `${formatCount(span)} buckets of ${formatDuration(timeline.bucketMs)}${timeline.stackBy !== 'none' ? `, stacked by ${timeline.stackBy}` : ''}; times in ${zone}` : undefined, 200);
  if (!buckets.length) {
    pdf.para('No timeline in the stored statistics.', { size: 9, color: COLORS.muted });
    return;
  }
  const h = 150;
  pdf.ensure(h + 50);
  const x0 = pdf.left + 45;
  const w = pdf.contentWidth - 50;
  const y0 = pdf.y + h;
  const max = Math.max(...buckets.map((b) => b.total), 1);
  const bw = w / span;
  const doc = pdf.doc;
  doc.moveTo(x0, pdf.y).lineTo(x0, y0).lineTo(x0 + w, y0).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
  buckets.forEach((b, i) => {
    let y = y0;
    const x = x0 + slots[i]! * bw;
    const stacks = timeline.series.length ? timeline.series : [];
    let drawn = 0;
    stacks.forEach((s, si) => {
      const v = b.counts[s] ?? 0;
      if (v <= 0) return;
      const bh = (v / max) * h;
      doc.rect(x, y - bh, Math.max(bw * 0.85, 0.3), bh).fillColor(seriesColor(s, si)).fill();
      y -= bh;
      drawn += v;
    });
    const rest = b.total - drawn;
    if (rest > 0) {
      const bh = (rest / max) * h;
      doc.rect(x, y - bh, Math.max(bw * 0.85, 0.3), bh).fillColor(stacks.length ? '#adb5bd' : COLORS.accent).fill();
    }
  });
  pdf.setStyle({ size: 7, color: COLORS.muted });
  pdf.drawLine(formatCount(max), pdf.left, pdf.y - 2, 'right', 40);
  pdf.drawLine('0', pdf.left, y0 - 7, 'right', 40);
  const first = buckets[0]!.t;
  const last = buckets[buckets.length - 1]!.t + timeline.bucketMs;
  pdf.drawLine(formatTime(first, zone), x0, y0 + 4);
  pdf.drawLine(formatTime(last, zone), x0, y0 + 4, 'right', w);
  pdf.y = y0 + 16;
  if (timeline.series.length) {
    let lx = x0;
    timeline.series.forEach((s, si) => {
      const label = s === 'none' && timeline.stackBy === 'status' ? 'no status (flows, auth…)' : displayText(s, 40);
      const lw = pdf.widthOf(label) + 20;
      if (lx + lw > pdf.left + pdf.contentWidth) {
        lx = x0;
        pdf.y += 11;
      }
      doc.rect(lx, pdf.y + 1, 7, 7).fillColor(seriesColor(s, si)).fill();
      pdf.setStyle({ size: 7, color: COLORS.muted });
      pdf.drawLine(label, lx + 10, pdf.y);
      lx += lw;
    });
    pdf.y += 14;
  }
  pdf.y += 8;
  pdf.setStyle({});
}

export function drawHistogram(pdf: PdfLayout, title: string, bins: readonly number[], min: number, max: number, subtitle: string): void {
  chartTitle(pdf, title, subtitle, 140);
  const h = 110;
  pdf.ensure(h + 30);
  const x0 = pdf.left + 45;
  const w = pdf.contentWidth - 50;
  const y0 = pdf.y + h;
  const top = Math.max(...bins, 1);
  const bw = w / Math.max(bins.length, 1);
  pdf.doc.moveTo(x0, pdf.y).lineTo(x0, y0).lineTo(x0 + w, y0).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
  bins.forEach((n, i) => {
    if (n <= 0) return;
    const bh = Math.max(0.8, (n / top) * h);
    pdf.doc.rect(x0 + i * bw + 1, y0 - bh, bw - 2, bh).fillColor(i >= bins.length * 0.8 ? COLORS.high : COLORS.accent).fill();
  });
  pdf.setStyle({ size: 7, color: COLORS.muted });
  pdf.drawLine(formatCount(top), pdf.left, pdf.y - 2, 'right', 40);
  pdf.drawLine(min.toFixed(3), x0, y0 + 4);
  pdf.drawLine(max.toFixed(3), x0, y0 + 4, 'right', w);
  pdf.y = y0 + 20;
  pdf.setStyle({});
}
