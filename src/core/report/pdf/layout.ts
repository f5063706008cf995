// The report's page layout over pdfkit: embedded DejaVu fonts, a cursor that breaks pages,
// wrapped paragraphs, tables whose cells never run off the page, headings for the table of
// contents, and the "Page N of M" footer. Log text is drawn as text only (no links, ever).
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { LoupeError } from '../../errors';
import { hasRtl, visualRuns, wrapText } from './text';

export type FontName = 'sans' | 'bold' | 'mono';

export interface TocEntry {
  title: string;
  level: 1 | 2;
  /** 0-based page index */
  page: number;
}

export interface TextStyle {
  font?: FontName;
  size?: number;
  color?: string;
}

export interface TableColumn {
  title: string;
  /** fraction of the content width */
  width: number;
  align?: 'left' | 'right';
  font?: FontName;
}

export const COLORS = {
  text: '#1f2328',
  muted: '#59636e',
  rule: '#d0d7de',
  band: '#f3f4f6',
  accent: '#0b5cad',
  critical: '#7f1d1d',
  high: '#c2410c',
  medium: '#b7791f',
  low: '#2563eb',
  info: '#6b7280',
} as const;

const FONT_FILES: Record<FontName, string> = { sans: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf' };

function fontDir(): string {
  let pkg: string;
  try {
    pkg = require.resolve('dejavu-fonts-ttf/package.json');
  } catch (e) {
    throw new LoupeError('internal', `the embedded report fonts (dejavu-fonts-ttf) are missing: ${(e as Error).message}`);
  }
  return path.join(path.dirname(pkg), 'ttf');
}

// pdfkit passes `features` straight to fontkit's layout(), which reads a string there as the script
// tag: that is the one way to make fontkit shape a run right to left (or keep digits left to right).
type Features = PDFKit.Mixins.TextOptions['features'];
const scriptFeature = (script: 'arab' | 'latn'): Features => script as unknown as Features;

export class PdfLayout {
  readonly doc: PDFKit.PDFDocument;
  readonly left = 50;
  readonly top = 56;
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly contentWidth: number;
  readonly bottomY: number;
  y: number;
  page = 0;
  readonly toc: TocEntry[] = [];
  private font: FontName = 'sans';
  private size = 10;
  private readonly charWidths = new Map<string, number>();
  private outlineParent: PDFKit.PDFOutline | null = null;

  constructor(info: { title: string; author: string; subject: string; createdAt: Date }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: this.top, bottom: 40, left: this.left, right: this.left },
      bufferPages: true,
      autoFirstPage: true,
      pdfVersion: '1.7',
      lang: 'en',
      displayTitle: true,
      info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: 'Loupe', Producer: 'Loupe (pdfkit)', CreationDate: info.createdAt, ModDate: info.createdAt },
    });
    const dir = fontDir();
    for (const [name, file] of Object.entries(FONT_FILES)) {
      const p = path.join(dir, file);
      if (!fs.existsSync(p)) throw new LoupeError('internal', `report font missing: ${p}`);
      this.doc.registerFont(name, p);
    }
    this.pageWidth = this.doc.page.width;
    this.pageHeight = this.doc.page.height;
    this.contentWidth = this.pageWidth - 2 * this.left;
    this.bottomY = this.pageHeight - 50;
    this.y = this.top;
    this.setStyle({});
  }

  setStyle(s: TextStyle): void {
    this.font = s.font ?? 'sans';
    this.size = s.size ?? 10;
    this.doc.font(this.font).fontSize(this.size).fillColor(s.color ?? COLORS.text);
  }

  /** Width of a string in the current font, summed from cached per-character widths (fast on long values). */
  widthOf(s: string): number {
    let w = 0;
    for (const ch of s) {
      const key = `${this.font}\u0000${ch}`;
      let cw = this.charWidths.get(key);
      if (cw === undefined) {
        cw = this.doc.widthOfString(ch) / this.size;
        this.charWidths.set(key, cw);
      }
      w += cw;
    }
    // shaping (Arabic joining forms) changes widths a little: keep a margin on such lines
    return w * this.size * (hasRtl(s) ? 1.06 : 1.01);
  }

  lineHeight(size = this.size): number {
    return size * 1.32;
  }

  wrap(text: string, width: number): string[] {
    return wrapText(text, width, (s) => this.widthOf(s));
  }

  /** Draws one already-wrapped line; right-to-left runs are reordered and shaped, the logical text kept as ActualText. */
  drawLine(line: string, x: number, y: number, align: 'left' | 'right' = 'left', width = 0): void {
    const total = align === 'right' ? this.widthOf(line) : 0;
    let cx = align === 'right' ? x + width - total : x;
    if (!hasRtl(line)) {
      this.doc.text(line, cx, y, { lineBreak: false });
      return;
    }
    this.doc.markContent('Span', { actual: line });
    for (const run of visualRuns(line)) {
      const features = scriptFeature(run.script);
      // DejaVu Sans Mono lacks joining forms (and ZWNJ): right-to-left runs are set in DejaVu Sans
      if (run.script === 'arab' && this.font === 'mono') this.doc.font('sans');
      this.doc.text(run.text, cx, y, { lineBreak: false, features });
      cx += this.doc.widthOfString(run.text, { features });
      this.doc.font(this.font);
    }
    this.doc.endMarkedContent();
  }

  newPage(): void {
    this.doc.addPage();
    this.page++;
    this.y = this.top;
  }

  ensure(height: number): void {
    if (this.y + height > this.bottomY) this.newPage();
  }

  space(h: number): void {
    this.y += h;
  }

  /** A section heading: level 1 starts a page; both go to the table of contents and the PDF outline. */
  heading(title: string, level: 1 | 2 = 1): void {
    if (level === 1) {
      if (this.y > this.top) this.newPage();
    } else this.ensure(110);
    this.toc.push({ title, level, page: this.page });
    if (level === 1) this.outlineParent = this.doc.outline.addItem(title);
    else (this.outlineParent ?? this.doc.outline).addItem(title);
    const size = level === 1 ? 17 : 12.5;
    this.setStyle({ font: 'bold', size, color: level === 1 ? COLORS.accent : COLORS.text });
    for (const line of this.wrap(title, this.contentWidth)) {
      this.drawLine(line, this.left, this.y);
      this.y += this.lineHeight(size);
    }
    if (level === 1) {
      this.doc.moveTo(this.left, this.y + 1).lineTo(this.left + this.contentWidth, this.y + 1).lineWidth(0.8).strokeColor(COLORS.accent).stroke();
      this.y += 9;
    } else this.y += 3;
    this.setStyle({});
  }

  /** A wrapped paragraph that may continue on the next page. */
  para(text: string, style: TextStyle & { indent?: number; gap?: number; width?: number } = {}): void {
    this.setStyle(style);
    const indent = style.indent ?? 0;
    const lh = this.lineHeight();
    for (const line of this.wrap(text, style.width ?? this.contentWidth - indent)) {
      if (this.y + lh > this.bottomY) {
        this.newPage();
        this.setStyle(style);
      }
      this.drawLine(line, this.left + indent, this.y);
      this.y += lh;
    }
    this.y += style.gap ?? 4;
    this.setStyle({});
  }

  /** Label/value pairs in two columns; values wrap (hashes and paths included). */
  keyValues(rows: readonly (readonly [string, string])[], opts: { labelWidth?: number; size?: number; valueFont?: FontName } = {}): void {
    const lw = opts.labelWidth ?? 130;
    const size = opts.size ?? 9.5;
    const lh = this.lineHeight(size);
    for (const [label, value] of rows) {
      this.setStyle({ font: opts.valueFont ?? 'sans', size });
      const lines = this.wrap(value, this.contentWidth - lw);
      lines.forEach((line, i) => {
        if (this.y + lh > this.bottomY) this.newPage();
        if (i === 0 || this.y === this.top) {
          this.setStyle({ font: 'bold', size, color: COLORS.muted });
          this.drawLine(label, this.left, this.y);
        }
        this.setStyle({ font: opts.valueFont ?? 'sans', size });
        this.drawLine(line, this.left + lw, this.y);
        this.y += lh;
      });
    }
    this.y += 4;
    this.setStyle({});
  }

  /**
   * A table whose header repeats after a page break. Cells wrap within their column; a cell taller
   * than `maxCellLines` is cut with a visible "…" line so a row always fits on one page.
   */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[], opts: { size?: number; maxCellLines?: number; zebra?: boolean } = {}): void {
    const size = opts.size ?? 8.5;
    const lh = this.lineHeight(size);
    const pad = 3;
    const maxLines = opts.maxCellLines ?? 12;
    const widths = columns.map((c) => c.width * this.contentWidth);
    const header = (): void => {
      this.setStyle({ font: 'bold', size, color: COLORS.muted });
      const cells = columns.map((c, i) => this.wrap(c.title, widths[i]! - 2 * pad));
      const h = Math.max(...cells.map((c) => c.length)) * lh + 2 * pad;
      this.ensure(h + lh * 2);
      let x = this.left;
      cells.forEach((lines, i) => {
        lines.forEach((line, j) => this.drawLine(line, x + pad, this.y + pad + j * lh, columns[i]!.align, widths[i]! - 2 * pad));
        x += widths[i]!;
      });
      this.y += h;
      this.doc.moveTo(this.left, this.y).lineTo(this.left + this.contentWidth, this.y).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
    };
    header();
    rows.forEach((row, r) => {
      const cells = columns.map((c, i) => {
        this.setStyle({ font: c.font ?? 'sans', size });
        const lines = this.wrap(row[i] ?? '', widths[i]! - 2 * pad);
        if (lines.length <= maxLines) return lines;
        return [...lines.slice(0, maxLines - 1), `… (${lines.length - maxLines + 1} more lines cut)`];
      });
      const h = Math.max(1, ...cells.map((c) => c.length)) * lh + 2 * pad;
      if (this.y + h > this.bottomY) {
        this.newPage();
        header();
      }
      if (opts.zebra !== false && r % 2 === 1) this.doc.rect(this.left, this.y, this.contentWidth, h).fillColor(COLORS.band).fill();
      let x = this.left;
      cells.forEach((lines, i) => {
        this.setStyle({ font: columns[i]!.font ?? 'sans', size });
        lines.forEach((line, j) => this.drawLine(line, x + pad, this.y + pad + j * lh, columns[i]!.align, widths[i]! - 2 * pad));
        x += widths[i]!;
      });
      this.y += h;
    });
    this.y += 6;
    this.setStyle({});
  }

  /** Footer on every page and the table of contents on page `tocPage`, once all pages exist. */
  finish(footerLeft: string, tocPage: number, tocTitle: string): void {
    const range = this.doc.bufferedPageRange();
    const total = range.count;
    for (let i = range.start; i < range.start + total; i++) {
      this.doc.switchToPage(i);
      // footer text sits below the bottom margin: lift the margin so pdfkit does not add a page
      this.doc.page.margins.bottom = 0;
      const fy = this.pageHeight - 34;
      this.doc.moveTo(this.left, fy - 6).lineTo(this.left + this.contentWidth, fy - 6).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
      this.setStyle({ size: 7.5, color: COLORS.muted });
      const left = this.wrap(footerLeft, this.contentWidth - 90)[0] ?? '';
      this.drawLine(left, this.left, fy);
      this.drawLine(`Page ${i + 1} of ${total}`, this.left, fy, 'right', this.contentWidth);
    }
    this.doc.switchToPage(tocPage);
    this.y = this.top;
    this.setStyle({ font: 'bold', size: 17, color: COLORS.accent });
    this.drawLine(tocTitle, this.left, this.y);
    this.y += this.lineHeight(17);
    this.doc.moveTo(this.left, this.y + 1).lineTo(this.left + this.contentWidth, this.y + 1).lineWidth(0.8).strokeColor(COLORS.accent).stroke();
    this.y += 12;
    // one contents page: with many sources or models, sub-entries give way to the sections
    const capacity = Math.floor((this.bottomY - this.y) / this.lineHeight(11));
    const entries = this.toc.length <= capacity ? this.toc : this.toc.filter((e) => e.level === 1);
    for (const e of entries) {
      if (this.y > this.bottomY - 14) break;
      const size = e.level === 1 ? 11 : 9.5;
      const indent = e.level === 1 ? 0 : 16;
      this.setStyle({ font: e.level === 1 ? 'bold' : 'sans', size });
      const num = String(e.page + 1);
      const title = this.wrap(e.title, this.contentWidth - indent - 60)[0] ?? '';
      this.drawLine(title, this.left + indent, this.y);
      const tw = this.widthOf(title);
      const dotsFrom = this.left + indent + tw + 6;
      const dotsTo = this.left + this.contentWidth - this.widthOf(num) - 6;
      if (dotsTo > dotsFrom) {
        this.doc.save().moveTo(dotsFrom, this.y + size * 0.95).lineTo(dotsTo, this.y + size * 0.95).lineWidth(0.6).dash(1, { space: 2.5 }).strokeColor(COLORS.rule).stroke().restore();
      }
      this.drawLine(num, this.left, this.y, 'right', this.contentWidth);
      this.y += this.lineHeight(size) + (e.level === 1 ? 4 : 1);
    }
  }

  /** Ends the document and returns its bytes. */
  async end(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.end();
    return done;
  }
}
