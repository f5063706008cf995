// Renders the findings report PDF from loaded case data: cover, contents, summary, scope,
// charts, findings, model, appendix, then page numbers. Same data + options → same bytes.
import { formatTime } from '../../../shared/format';
import type { ReportData } from '../data';
import { drawAppendix, drawFindings, drawModels } from './findings';
import { PdfLayout } from './layout';
import { drawCover, drawScope, drawStatistics, drawSummary, type RenderOptions } from './sections';
import { displayText } from './text';

export type { RenderOptions } from './sections';

export const SECTION_TITLES = ['Contents', 'Executive summary', 'Scope and evidence', 'Statistics and charts', 'Findings', 'Dismissed findings', 'Model', 'Method appendix'] as const;

export async function renderPdf(data: ReportData, o: RenderOptions): Promise<Buffer> {
  const createdAt = new Date(o.generatedAt);
  const pdf = new PdfLayout({ title: `Loupe report: ${displayText(o.caseName, 200)}`, author: o.analyst || 'Loupe', subject: 'Log forensics findings report', createdAt });
  drawCover(pdf, data, o);
  pdf.newPage();
  const tocPage = pdf.page;
  pdf.newPage();
  drawSummary(pdf, data, o);
  drawScope(pdf, data, o);
  drawStatistics(pdf, data, o);
  drawFindings(pdf, data, o);
  drawModels(pdf, data, o);
  drawAppendix(pdf, data, o);
  pdf.finish(`Loupe report · ${displayText(o.caseName, 120)} · generated ${formatTime(o.generatedAt, o.zone)}`, tocPage, SECTION_TITLES[0]);
  return pdf.end();
}
