// The first half of the report: cover, executive summary, scope and evidence, statistics charts.
// Every value that came from a log goes through displayText(); every time shows its zone.
import { describeZone, formatBytes, formatCount, formatDuration, formatTime } from '../../../shared/format';
import { SEVERITIES, SUSPICIOUS_CORROBORATION, type Severity } from '../../../shared/model';
import { LOUPE_VERSION } from '../../version';
import type { DetectorInfo, ReportData, ReportFinding } from '../data';
import { barItems, drawBars, drawHistogram, drawTimeline } from './charts';
import { COLORS, type PdfLayout } from './layout';
import { displayText } from './text';

export interface RenderOptions {
  caseName: string;
  caseFile: string;
  analyst: string;
  zone: string;
  generatedAt: number;
}

export const severityColor = (s: Severity): string => COLORS[s];

/** 'Brute force (bruteForce)': the detector's words first, its id for the settings appendix. */
export function detectorName(name: string, detectors: readonly DetectorInfo[]): string {
  const title = detectors.find((d) => d.name === name)?.title;
  return title && title !== name ? `${displayText(title, 100)} (${displayText(name, 100)})` : displayText(name, 100);
}

/** The detector's title alone, for tight table cells ('anomaly model' and unknown ids pass through). */
const detectorTitle = (name: string, detectors: readonly DetectorInfo[]): string => displayText(detectors.find((d) => d.name === name)?.title ?? name, 60);

const timeRange = (from: number | null, to: number | null, zone: string): string => (from == null ? 'no timestamps' : `${formatTime(from, zone)} — ${formatTime(to, zone)}`);

export function caseRange(data: ReportData): { from: number | null; to: number | null } {
  const mins = data.sources.map((s) => s.minTs).filter((x): x is number => x != null);
  const maxs = data.sources.map((s) => s.maxTs).filter((x): x is number => x != null);
  return { from: data.overview?.minTs ?? (mins.length ? Math.min(...mins) : null), to: data.overview?.maxTs ?? (maxs.length ? Math.max(...maxs) : null) };
}

export function drawCover(pdf: PdfLayout, data: ReportData, o: RenderOptions): void {
  const doc = pdf.doc;
  doc.rect(0, 0, pdf.pageWidth, 8).fillColor(COLORS.accent).fill();
  pdf.y = 150;
  pdf.setStyle({ size: 12, color: COLORS.muted });
  pdf.drawLine('LOUPE · LOG FORENSICS REPORT', pdf.left, pdf.y);
  pdf.y += 30;
  pdf.para(displayText(o.caseName, 300), { font: 'bold', size: 26, gap: 18 });
  const events = data.sources.reduce((s, x) => s + x.events, 0);
  const quarantined = data.sources.reduce((s, x) => s + x.quarantined, 0);
  const range = caseRange(data);
  pdf.keyValues(
    [
      ['Analyst', displayText(o.analyst || 'not set (use --analyst)', 200)],
      ['Generated', formatTime(o.generatedAt, o.zone)],
      ['Loupe version', LOUPE_VERSION],
      ['Case file', displayText(o.caseFile, 1000)],
      ['Evidence', `${formatCount(data.sources.length)} source file(s), ${formatCount(events)} events, ${formatCount(quarantined)} quarantined records`],
      ['Time covered', timeRange(range.from, range.to, o.zone)],
      ['Findings', `${formatCount(data.findings.filter((f) => f.status === 'open').length)} open, ${formatCount(data.findings.filter((f) => f.status === 'dismissed').length)} dismissed`],
      ['Display time zone', `${o.zone} (every time in this report carries its zone)`],
    ],
    { labelWidth: 120, size: 10.5 },
  );
  pdf.y = pdf.bottomY - 70;
  pdf.para(
    'This report quotes log records written by third parties, possibly by an attacker. They are reproduced as inert text: invisible and direction-changing characters are shown as [U+XXXX], very long values are wrapped or cut with a note, and nothing in this document links to an address taken from a log.',
    { size: 8, color: COLORS.muted },
  );
}

/** One sentence per finding for the summary: what, who, the number that crossed the line. */
export function findingSentence(f: ReportFinding, zone: string): string {
  const t = f.threshold;
  const num = t ? ` (${t.metric}: ${formatCount(t.value)}${t.unit ? ` ${t.unit}` : ''}, threshold ${formatCount(t.threshold)})` : '';
  const when = f.firstSeen != null ? `, from ${formatTime(f.firstSeen, zone)}` : '';
  const who = f.title.includes(f.entity) ? '' : ` — ${displayText(f.entity, 200)}`;
  return `${displayText(f.title, 300)}${who}${num}${when}.`;
}

export function drawSummary(pdf: PdfLayout, data: ReportData, o: RenderOptions): void {
  pdf.heading('Executive summary');
  const open = data.findings.filter((f) => f.status === 'open');
  const counts = SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length] as const).reverse();
  // severity tiles
  const tileW = (pdf.contentWidth - 4 * 8) / 5;
  counts.forEach(([sev, n], i) => {
    const x = pdf.left + i * (tileW + 8);
    pdf.doc.roundedRect(x, pdf.y, tileW, 46, 4).fillColor(n > 0 ? severityColor(sev) : COLORS.band).fill();
    pdf.setStyle({ font: 'bold', size: 18, color: n > 0 ? '#ffffff' : COLORS.muted });
    pdf.drawLine(formatCount(n), x + 8, pdf.y + 6);
    pdf.setStyle({ size: 8.5, color: n > 0 ? '#ffffff' : COLORS.muted });
    pdf.drawLine(sev.toUpperCase(), x + 8, pdf.y + 30);
  });
  pdf.y += 58;
  pdf.setStyle({});
  const events = data.sources.reduce((s, x) => s + x.events, 0);
  const range = caseRange(data);
  pdf.para(
    `Loupe examined ${formatCount(data.sources.length)} source file(s) holding ${formatCount(events)} events${range.from != null ? ` between ${formatTime(range.from, o.zone)} and ${formatTime(range.to, o.zone)} (${formatDuration((range.to ?? range.from) - range.from)})` : ''}. ` +
      (data.findings.length
        ? `It reports ${formatCount(open.length)} open finding(s)${data.findings.length > open.length ? ` and ${formatCount(data.findings.length - open.length)} dismissed by the analyst` : ''}.`
        : 'No findings are stored in this case: run `loupe analyze <case>` and export again.'),
    { size: 10, gap: 10 },
  );
  if (open.length) {
    const byDetector = new Map<string, { n: number; worst: Severity; entities: Set<string> }>();
    for (const f of open) {
      const d = byDetector.get(f.detector) ?? { n: 0, worst: 'info' as Severity, entities: new Set<string>() };
      d.n++;
      d.entities.add(f.entity);
      if (SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf(d.worst)) d.worst = f.severity;
      byDetector.set(f.detector, d);
    }
    pdf.table(
      [
        { title: 'Detector', width: 0.4 },
        { title: 'Open findings', width: 0.2, align: 'right' },
        { title: 'Entities', width: 0.2, align: 'right' },
        { title: 'Worst severity', width: 0.2 },
      ],
      [...byDetector]
        .sort((a, b) => SEVERITIES.indexOf(b[1].worst) - SEVERITIES.indexOf(a[1].worst) || b[1].n - a[1].n || a[0].localeCompare(b[0]))
        .map(([name, d]) => [detectorTitle(name, data.detectors), formatCount(d.n), formatCount(d.entities.size), d.worst]),
      { size: 8.5 },
    );
    pdf.heading('Top findings', 2);
    for (const f of open.slice(0, 12)) {
      pdf.ensure(30);
      const badge = f.severity.toUpperCase();
      pdf.setStyle({ font: 'bold', size: 8 });
      const bw = pdf.widthOf(badge) + 8;
      pdf.doc.roundedRect(pdf.left, pdf.y - 1, bw, 12, 2).fillColor(severityColor(f.severity)).fill();
      pdf.setStyle({ font: 'bold', size: 8, color: '#ffffff' });
      pdf.drawLine(badge, pdf.left + 4, pdf.y + 1);
      pdf.para(findingSentence(f, o.zone), { size: 9.5, indent: 70, gap: 5 });
    }
    if (open.length > 12) pdf.para(`… and ${formatCount(open.length - 12)} more open findings in the Findings section.`, { size: 9, color: COLORS.muted });
  }
  // the ranking is read as one table: start it on a new page rather than split a ten-row table in two
  pdf.ensure(SUSPICIOUS_HEAD + SUSPICIOUS_ROW * data.suspicious.length);
  const hosts = data.suspicious.some((s) => s.kind === 'host');
  pdf.heading(hosts ? 'Top suspicious IPs and hosts' : 'Top suspicious IPs', 2);
  if (!data.suspicious.length) {
    pdf.para(data.findings.length ? 'No open finding names an IP address or a machine.' : 'No ranking without findings: run `loupe analyze <case>`.', { size: 9, color: COLORS.muted });
  } else {
    pdf.para(
      `Ranked by points: every open finding about an address (or a machine, when its own logs are the evidence) adds points by its severity and score (its further findings from the same detector a tenth; each of the n addresses a group finding names, half its points divided by √n), ${SUSPICIOUS_CORROBORATION} for each further detector with a medium or worse finding on it, and a high anomaly score from the model adds its own; the model’s entity score is shown when a model scored the case.`,
      { size: 8.5, color: COLORS.muted },
    );
    pdf.table(
      [
        { title: '#', width: 0.05, align: 'right' },
        { title: hosts ? 'IP address or machine' : 'IP address', width: 0.2, font: 'mono' },
        { title: 'Points', width: 0.09, align: 'right' },
        { title: 'Worst', width: 0.1 },
        { title: 'Findings', width: 0.11, align: 'right' },
        { title: 'Signals', width: 0.33 },
        { title: 'Model score', width: 0.12, align: 'right' },
      ],
      data.suspicious.map((s, i) => [
        String(i + 1),
        displayText(s.kind === 'host' ? `${s.ip} (machine)` : s.ip, 100),
        s.score.toFixed(1),
        s.worst,
        formatCount(s.findings),
        s.detectors.map((d) => detectorTitle(d, data.detectors)).join(', '),
        s.modelScore == null ? '—' : s.modelScore.toFixed(3),
      ]),
    );
  }
}

/** Points of the suspicious ranking's heading and note, and of one table row (9-point rows with padding). */
const SUSPICIOUS_HEAD = 80;
const SUSPICIOUS_ROW = 16;

export function drawScope(pdf: PdfLayout, data: ReportData, o: RenderOptions): void {
  pdf.heading('Scope and evidence');
  pdf.para(
    'Every source below was opened read-only and hashed (SHA-256) while it was read. Each input record became either an event or a quarantined record (kept with its file, line, byte offset and reason), so records = events + quarantined.',
    { size: 9, color: COLORS.muted, gap: 8 },
  );
  if (!data.sources.length) {
    pdf.para('This case holds no sources yet: run `loupe ingest <case> <files…>`.', { size: 10 });
    return;
  }
  data.sources.forEach((s, i) => {
    pdf.heading(`Source ${i + 1}: ${displayText(s.path.split(/[\\/]/).pop() ?? s.path, 120)}`, 2);
    const balanced = s.records === s.events + s.quarantined;
    const tz = describeZone(s);
    const rows: [string, string][] = [
      ['Path', displayText(s.path, 2000)],
      ['Size', `${formatBytes(s.bytes)} (${formatCount(s.bytes)} bytes)${s.gzip ? ', gzip-compressed' : ''}`],
      ['SHA-256', s.sha256 ?? 'not recorded (source still being read or not re-readable)'],
      ['Format', `${displayText(s.format, 100)} (parser version ${displayText(s.parserVersion, 40)})`],
      ['Time range', timeRange(s.minTs, s.maxTs, o.zone)],
      ['Timezone', tz],
    ];
    if (s.year != null) rows.push(['Year', `${s.year} (${s.yearSource === 'mtime' ? "from the file's modification time" : s.yearSource === 'option' ? 'set by the analyst' : 'from the log'}; the log's timestamps carry no year)`]);
    rows.push(
      ['Records', `${formatCount(s.records)} seen = ${formatCount(s.events)} events + ${formatCount(s.quarantined)} quarantined${balanced ? '' : '  (MISMATCH: the counts do not add up; see status)'}`],
      ['Status', `${s.status}${s.statusDetail ? ` — ${displayText(s.statusDetail, 500)}` : ''}`],
      ['Ingested', `${formatTime(s.startedAt, o.zone)}${s.finishedAt != null ? ` → ${formatTime(s.finishedAt, o.zone)}` : ''}`],
    );
    if (s.mapping && Object.keys(s.mapping).length) rows.push(['Column mapping', Object.entries(s.mapping).map(([k, v]) => `${k}=${displayText(v, 80)}`).join(', ')]);
    pdf.keyValues(rows, { labelWidth: 105, size: 8.5 });
    const c = s.cleaning;
    const cleaned = Object.entries(c.columns)
      .filter(([, v]) => v.coerced + v.unparseable > 0)
      .sort((a, b) => b[1].coerced + b[1].unparseable - (a[1].coerced + a[1].unparseable))
      .slice(0, 8)
      .map(([k, v]) => `${k}: ${formatCount(v.coerced)} converted, ${formatCount(v.unparseable)} unparseable, ${formatCount(v.null)} empty`);
    const reasons = Object.entries(c.quarantineReasons).map(([r, n]) => `${displayText(r, 120)}: ${formatCount(n)}`);
    const brief = [
      ...c.notes.map((n) => `• ${displayText(n, 400)}`),
      ...(reasons.length ? [`• Quarantined by reason — ${reasons.join('; ')}`] : []),
      ...(cleaned.length ? [`• Values cleaned — ${cleaned.join('; ')}`] : []),
    ];
    pdf.para(`Cleaning report: ${brief.length ? '' : 'nothing to report (no notes, no conversions, nothing quarantined).'}`, { font: 'bold', size: 8.5, gap: 2 });
    for (const b of brief) pdf.para(b, { size: 8.5, indent: 8, gap: 1 });
    pdf.space(6);
  });
}

export function drawStatistics(pdf: PdfLayout, data: ReportData, o: RenderOptions): void {
  pdf.heading('Statistics and charts');
  const st = data.overview;
  if (!st) {
    pdf.para('No statistics are stored in this case, so the charts are missing: run `loupe analyze <case>` and export again.', { size: 10 });
  } else {
    pdf.para(
      `${formatCount(st.events)} events from ${formatCount(st.distinctSrcIps)} source and ${formatCount(st.distinctDstIps)} destination addresses; statistics computed ${formatTime(st.computedAt, o.zone)}.`,
      { size: 9, color: COLORS.muted, gap: 8 },
    );
    drawTimeline(pdf, st.timeline, o.zone);
    drawBars(pdf, 'Protocol mix', barItems(st.protocols, 'count', 8), formatCount);
    drawBars(pdf, 'Status codes', barItems(st.statuses, 'count', 12), formatCount, 'status');
    drawBars(pdf, 'Top talkers by events', barItems(st.topSourcesByEvents, 'count', 10, false), formatCount);
    if (st.topSourcesByBytes.some((x) => (x.bytes ?? 0) > 0)) drawBars(pdf, 'Top talkers by bytes', barItems(st.topSourcesByBytes, 'bytes', 10, false), formatBytes);
    if (st.labels.length) drawBars(pdf, 'Labels in the data', barItems(st.labels, 'count', 10), formatCount);
    if (st.categories.length) drawBars(pdf, 'Attack categories (labels in the data)', barItems(st.categories, 'count', 10), formatCount);
  }
  const h = data.scoreHistogram;
  if (h) drawHistogram(pdf, 'Anomaly scores', h.bins, h.min, h.max, `${formatCount(h.count)} events scored by model #${h.modelId}; the top fifth of the score range is drawn in orange`);
  else pdf.para('Anomaly scores: no model has scored this case (run `loupe train <case>` or `loupe score <case>`).', { size: 9, color: COLORS.muted });
}
