// The second half of the report: findings with their evidence, dismissed findings, the model
// section and the method appendix (detectors, settings, audit trail).
import { formatCount, formatDuration, formatTime } from '../../../shared/format';
import { SEVERITIES } from '../../../shared/model';
import type { DetectorInfo, ModelInfo, ModelMetrics, ReportData, ReportFinding } from '../data';
import { findingNumberRows } from '../findingNumbers';
import { COLORS, type PdfLayout } from './layout';
import { detectorName, severityColor, type RenderOptions } from './sections';
import { displayText, MAX_FIELD_CHARS } from './text';

/** Findings drawn in full; the rest are listed one line each (all of them are in the CSV/JSON export). */
export const DETAILED_FINDINGS = 150;
/** An evidence row is a sample: long rows are cut visibly (the explorer and exports hold them whole). */
export const EVIDENCE_ROW_CHARS = 1500;

/** Evidence queries listing event ids run to thousands of characters: the card keeps a readable start. */
export const EVIDENCE_QUERY_CHARS = 240;

/** A group finding's list of sources is printed to about this many characters, whole addresses only. */
export const SOURCES_LIST_CHARS = 200;

/**
 * The numbers as "label: value" lines. A group finding's `sources` (a comma-separated list the
 * detector keeps to its first few) is cut at whole addresses and says how many it shows of how
 * many there are (`sourceCount`), so a reader never takes a partial list for the whole group.
 */
export function pdfNumberRows(numbers: Readonly<Record<string, number | string>>, zone = 'UTC'): string[] {
  const raw = numbers.sources;
  const listed = typeof raw === 'string' ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [];
  const total = Math.max(listed.length, Number(numbers.sourceCount) || 0);
  return findingNumberRows(numbers, (ms) => formatTime(ms, zone)).map((r) => {
    if (r.key !== 'sources' || !listed.length) return `${displayText(r.label, 80)}: ${displayText(r.value, 200)}`;
    const shown: string[] = [];
    let chars = 0;
    for (const s of listed) {
      if (shown.length && chars + s.length + 2 > SOURCES_LIST_CHARS) break;
      shown.push(displayText(s, SOURCES_LIST_CHARS));
      chars += s.length + 2;
    }
    const note = shown.length < total ? ` (showing ${formatCount(shown.length)} of ${formatCount(total)})` : '';
    return `${displayText(r.label, 80)}: ${shown.join(', ')}${note}`;
  });
}

function findingCard(pdf: PdfLayout, f: ReportFinding, o: RenderOptions, detectors: readonly DetectorInfo[]): void {
  pdf.ensure(90);
  const badge = `${f.severity.toUpperCase()}  ${(f.score * 100).toFixed(0)}`;
  pdf.setStyle({ font: 'bold', size: 8 });
  const bw = pdf.widthOf(badge) + 10;
  pdf.doc.roundedRect(pdf.left, pdf.y, bw, 13, 2).fillColor(severityColor(f.severity)).fill();
  pdf.setStyle({ font: 'bold', size: 8, color: '#ffffff' });
  pdf.drawLine(badge, pdf.left + 5, pdf.y + 2);
  pdf.para(displayText(f.title, 400), { font: 'bold', size: 10.5, indent: bw + 8, gap: 3 });
  // the explanation comes first: it is what the reader needs, the numbers back it up
  pdf.para(displayText(f.explanation, MAX_FIELD_CHARS, true), { size: 9, gap: 4 });
  const t = f.threshold;
  const numbers = pdfNumberRows(f.numbers, o.zone);
  const rows: [string, string][] = [
    ['Detector', detectorName(f.detector, detectors)],
    ['Entity', `${displayText(f.entity, 1000)} (${f.entityType})`],
    ['Time window', `${f.firstSeen != null ? `${formatTime(f.firstSeen, o.zone)} — ${formatTime(f.lastSeen, o.zone)}` : 'no timestamps'}${f.windowMs != null ? `; aggregated over ${formatDuration(f.windowMs)}` : ''}`],
  ];
  if (t) rows.push(['Threshold', `${displayText(t.metric, 200)}: ${formatCount(t.value)}${t.unit ? ` ${t.unit}` : ''} against a threshold of ${formatCount(t.threshold)} (setting ${displayText(t.setting, 100)})`]);
  if (numbers.length) rows.push(['Numbers', numbers.join('; ')]);
  rows.push(['Evidence', `${formatCount(f.evidence.count)} event(s) selected by the query: ${displayText(f.evidence.query, EVIDENCE_QUERY_CHARS)}`]);
  if (f.tags.length) rows.push(['Tags', f.tags.map((x) => displayText(x, 100)).join(', ')]);
  pdf.keyValues(rows, { labelWidth: 80, size: 8.5 });
  if (f.note) pdf.para(`Analyst note: ${displayText(f.note, 4000, true)}`, { size: 9, color: COLORS.accent, gap: 4 });
  if (f.evidenceRows.length) {
    pdf.para(`Sample evidence (${f.evidenceRows.length} of ${formatCount(f.evidence.count)}):`, { font: 'bold', size: 8, gap: 1 });
    for (const e of f.evidenceRows) pdf.para(`#${e.id}  ${formatTime(e.ts, o.zone)}  ${displayText(e.text, EVIDENCE_ROW_CHARS)}`, { font: 'mono', size: 7, indent: 8, gap: 1.5 });
  }
  pdf.space(4);
  pdf.doc.moveTo(pdf.left, pdf.y).lineTo(pdf.left + pdf.contentWidth, pdf.y).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
  pdf.space(8);
}

const briefRow = (f: ReportFinding, zone: string, detectors: readonly DetectorInfo[]): string[] => [
  f.severity,
  detectors.find((d) => d.name === f.detector)?.title ?? displayText(f.detector, 60),
  displayText(f.entity, 300),
  displayText(f.title, 400),
  f.firstSeen != null ? formatTime(f.firstSeen, zone) : '—',
];

const BRIEF_COLUMNS = [
  { title: 'Severity', width: 0.1 },
  { title: 'Detector', width: 0.15 },
  { title: 'Entity', width: 0.2, font: 'mono' as const },
  { title: 'Finding', width: 0.33 },
  { title: 'First seen', width: 0.22 },
];

export function drawFindings(pdf: PdfLayout, data: ReportData, o: RenderOptions): void {
  pdf.heading('Findings');
  const open = data.findings.filter((f) => f.status === 'open');
  if (!data.findings.length) {
    pdf.para('No findings are stored in this case: run `loupe analyze <case>` and export again.', { size: 10 });
    return;
  }
  pdf.para(
    'Each finding starts with its explanation in plain words, then names the detector that raised it, the entity, the numbers compared with the detector’s threshold (a setting), the time window, the explorer query that selects its evidence, and a few evidence rows. Severity badges carry the finding score (0–100).',
    { size: 9, color: COLORS.muted, gap: 8 },
  );
  let shown = 0;
  for (const sev of [...SEVERITIES].reverse()) {
    const group = open.filter((f) => f.severity === sev);
    if (!group.length) continue;
    pdf.heading(`${sev[0]!.toUpperCase()}${sev.slice(1)} severity (${formatCount(group.length)})`, 2);
    const rest: ReportFinding[] = [];
    for (const f of group) {
      if (shown < DETAILED_FINDINGS) {
        findingCard(pdf, f, o, data.detectors);
        shown++;
      } else rest.push(f);
    }
    if (rest.length) {
      pdf.para(`${formatCount(rest.length)} further ${sev} finding(s), in brief (full detail in the findings CSV/JSON export):`, { size: 9, color: COLORS.muted });
      pdf.table(BRIEF_COLUMNS, rest.map((f) => briefRow(f, o.zone, data.detectors)), { size: 7.5, maxCellLines: 4 });
    }
  }
  const dismissed = data.findings.filter((f) => f.status === 'dismissed');
  pdf.heading('Dismissed findings');
  if (!dismissed.length) pdf.para('The analyst dismissed no finding.', { size: 9.5 });
  else {
    pdf.para('Findings the analyst reviewed and dismissed, kept here so the decision is on record.', { size: 9, color: COLORS.muted });
    pdf.table(
      [...BRIEF_COLUMNS.slice(0, 4), { title: 'Analyst note', width: 0.22 }],
      dismissed.map((f) => [...briefRow(f, o.zone, data.detectors).slice(0, 4), f.note ? displayText(f.note, 600) : '—']),
      { size: 7.5, maxCellLines: 6 },
    );
  }
}

const pct = (v: number | undefined): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : '—');
const recallText = (v: number | { recall: number; n?: number } | undefined): string =>
  typeof v === 'object' && v ? `${pct(v.recall)}${typeof v.n === 'number' ? ` (n=${formatCount(v.n)})` : ''}` : pct(v);

/** Accepts [[tn, fp], [fn, tp]] or {tp, fp, tn, fn}; returns rows for a 2x2 table, or null. */
export function confusionCells(c: unknown): { labels: string[]; matrix: number[][] } | null {
  if (Array.isArray(c) && c.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number'))) {
    const m = c as number[][];
    return { labels: m.length === 2 ? ['normal', 'attack'] : m.map((_, i) => `class ${i}`), matrix: m };
  }
  if (c && typeof c === 'object') {
    const o = c as Record<string, unknown>;
    if (Array.isArray(o.matrix) && Array.isArray(o.labels)) return { labels: (o.labels as unknown[]).map(String), matrix: o.matrix as number[][] };
    const n = (k: string): number => (typeof o[k] === 'number' ? (o[k] as number) : 0);
    if (['tp', 'fp', 'tn', 'fn'].some((k) => typeof o[k] === 'number')) return { labels: ['normal', 'attack'], matrix: [[n('tn'), n('fp')], [n('fn'), n('tp')]] };
  }
  return null;
}

/** Accepts [{feature, importance}] or {feature: importance}; sorted, largest first. */
export function importanceList(v: unknown): [string, number][] {
  let out: [string, number][] = [];
  if (Array.isArray(v)) {
    out = v.flatMap((x): [string, number][] => {
      if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        const name = o.feature ?? o.name;
        const val = o.importance ?? o.value;
        if (typeof val === 'number') return [[String(name), val]];
      }
      return [];
    });
  } else if (v && typeof v === 'object') out = Object.entries(v as Record<string, unknown>).flatMap(([k, x]): [string, number][] => (typeof x === 'number' ? [[k, x]] : []));
  return out.sort((a, b) => b[1] - a[1]);
}

function modelBlock(pdf: PdfLayout, m: ModelInfo, o: RenderOptions): void {
  pdf.heading(`Model #${m.id}: ${displayText(m.name, 120)} (${displayText(m.kind, 60)})`, 2);
  pdf.keyValues(
    [
      ['Trained', formatTime(m.createdAt, o.zone)],
      ['Label column', m.labelColumn ?? 'none (unsupervised)'],
      ['Features', m.features.length ? m.features.map((x) => displayText(x, 80)).join(', ') : '—'],
      ...(m.loupe?.n != null ? [['Test split', `${formatCount(m.loupe.n)} rows, ${formatCount(m.loupe.positives ?? 0)} positive; decision threshold ${pct(m.loupe.threshold)}`] as [string, string]] : []),
    ],
    { labelWidth: 90, size: 8.5 },
  );
  if (!m.loupe) {
    pdf.para('No evaluation metrics are stored for this model.', { size: 9, color: COLORS.muted });
    return;
  }
  const metric = (k: keyof ModelMetrics): string[] => [k, pct(m.loupe?.[k] as number | undefined), pct(m.seedMethod?.[k] as number | undefined)];
  pdf.table(
    [
      { title: 'Metric (test split)', width: 0.4 },
      { title: 'Loupe', width: 0.3, align: 'right' },
      { title: 'Seed method', width: 0.3, align: 'right' },
    ],
    (['auc', 'accuracy', 'precision', 'recall', 'f1'] as const).map(metric),
    { size: 8.5 },
  );
  const cm = confusionCells(m.loupe.confusion);
  if (cm) {
    pdf.para('Confusion matrix of Loupe’s model (rows: true class, columns: predicted class):', { font: 'bold', size: 8.5 });
    pdf.table(
      [{ title: 'true \\ predicted', width: 0.25 }, ...cm.labels.map((l) => ({ title: displayText(l, 40), width: 0.75 / cm.labels.length, align: 'right' as const }))],
      cm.matrix.map((row, i) => [displayText(cm.labels[i] ?? `class ${i}`, 40), ...row.map((x) => formatCount(x))]),
      { size: 8.5 },
    );
  }
  const imp = importanceList(m.loupe.importance).slice(0, 12);
  if (imp.length) {
    pdf.para('Top features by importance:', { font: 'bold', size: 8.5 });
    const max = Math.max(...imp.map((x) => x[1]), 1e-9);
    for (const [name, v] of imp) {
      pdf.ensure(13);
      pdf.setStyle({ size: 8 });
      pdf.drawLine(pdf.wrap(displayText(name, 100), 150)[0] ?? '', pdf.left, pdf.y);
      pdf.doc.rect(pdf.left + 155, pdf.y + 1, (v / max) * (pdf.contentWidth - 220), 8).fillColor(COLORS.accent).fill();
      pdf.setStyle({ size: 8, color: COLORS.muted });
      pdf.drawLine(v.toFixed(3), pdf.left, pdf.y, 'right', pdf.contentWidth);
      pdf.y += 12;
    }
    pdf.space(6);
  }
  const pcr = m.loupe.per_category_recall;
  if (pcr && typeof pcr === 'object' && Object.keys(pcr).length) {
    pdf.para('Recall per attack category:', { font: 'bold', size: 8.5 });
    pdf.table(
      [
        { title: 'Category', width: 0.5 },
        { title: 'Loupe', width: 0.25, align: 'right' },
        { title: 'Seed method', width: 0.25, align: 'right' },
      ],
      Object.entries(pcr).map(([k, v]) => [displayText(k, 80), recallText(v), recallText(m.seedMethod?.per_category_recall?.[k])]),
      { size: 8 },
    );
  }
}

export function drawModels(pdf: PdfLayout, data: ReportData, o: RenderOptions): void {
  pdf.heading('Model');
  if (!data.models.length) {
    pdf.para('No model was trained in this case. With labeled data run `loupe train <case>`; without labels the unsupervised model scores events and entities.', { size: 9.5 });
    return;
  }
  pdf.para('Loupe’s model is shown next to the seed method (the reference notebook’s approach) evaluated on the same seeded test split.', { size: 9, color: COLORS.muted, gap: 6 });
  for (const m of data.models.slice(0, 3)) modelBlock(pdf, m, o);
  if (data.models.length > 3) pdf.para(`${data.models.length - 3} older model(s) not shown.`, { size: 8.5, color: COLORS.muted });
}

const settingText = (v: unknown): string => (typeof v === 'object' ? JSON.stringify(v) : String(v));

export function drawAppendix(pdf: PdfLayout, data: ReportData, o: RenderOptions): void {
  pdf.heading('Method appendix');
  pdf.heading('Detectors and their settings', 2);
  const seen = [...new Set(data.findings.map((f) => f.detector))].sort();
  const known = new Set(data.detectors.map((d) => d.name));
  if (!data.detectors.length && !seen.length) pdf.para('No detector has run on this case yet (run `loupe analyze <case>`).', { size: 9 });
  if (data.detectors.length) {
    pdf.para(
      data.lastAnalysisAt != null
        ? `The last analysis ran ${formatTime(data.lastAnalysisAt, o.zone)}${Object.keys(data.changedSettings).length ? ' with the changed settings marked below' : ' with every setting at its default'}. Settings can be changed with \`loupe analyze <case> --set key=value\`.`
        : 'No analysis has run on this case yet (run `loupe analyze <case>`); the defaults below are what it would use.',
      { size: 8.5, color: COLORS.muted, gap: 6 },
    );
  }
  for (const d of data.detectors) {
    pdf.ensure(60);
    pdf.para(`${displayText(d.title, 200)} (${displayText(d.name, 80)})`, { font: 'bold', size: 9.5, gap: 1 });
    pdf.para(displayText(d.description, 3000, true), { size: 8.5, gap: 3 });
    if (d.settings.length) {
      pdf.table(
        [
          { title: 'Setting', width: 0.37, font: 'mono' },
          { title: 'Value used', width: 0.13, align: 'right' },
          { title: 'Meaning', width: 0.5 },
        ],
        d.settings.map((st) => {
          const changed = Object.prototype.hasOwnProperty.call(data.changedSettings, st.key);
          const used = changed ? `${settingText(data.changedSettings[st.key])} (changed; default ${settingText(st.default)})` : settingText(st.default);
          return [st.key, displayText(used, 200), displayText(st.description, 600)];
        }),
        { size: 7.5, maxCellLines: 6 },
      );
    }
  }
  const unknown = seen.filter((s) => !known.has(s));
  if (unknown.length) pdf.para(`Detectors that raised findings in this case: ${unknown.map((s) => displayText(s, 80)).join(', ')}. Their thresholds are printed with each finding.`, { size: 9 });
  pdf.heading('Audit trail', 2);
  pdf.para(
    `Every ingest, analysis and analyst action recorded in the case (append-only)${data.auditTotal > data.audit.length ? `; the last ${formatCount(data.audit.length)} of ${formatCount(data.auditTotal)} entries are shown` : ''}. Report exports are recorded too but not listed here, so that exporting twice gives the same report.`,
    { size: 8.5, color: COLORS.muted },
  );
  pdf.table(
    [
      { title: 'Time', width: 0.24 },
      { title: 'Actor', width: 0.1 },
      { title: 'Action', width: 0.18 },
      { title: 'Detail', width: 0.48, font: 'mono' },
    ],
    data.audit.map((a) => [formatTime(a.at, o.zone), displayText(a.actor, 60), displayText(a.action, 80), displayText(JSON.stringify(a.detail), 600)]),
    { size: 7, maxCellLines: 6 },
  );
}
