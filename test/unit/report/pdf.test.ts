// The findings PDF read back with poppler: every section, every source hash, the hostile corpus as
// literal text and never as a link, page numbers, rendering to PNG, and byte-identical reruns.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportReport } from '../../../src/core/report';
import { SECTION_TITLES } from '../../../src/core/report/pdf';
import { openCase } from '../../../src/core/store/case';
import { buildCase, HOSTILE, LONG_TOKEN, PERSIAN_PATH, SHA_A, SHA_B, tmpDir } from './fixture';
import { actualTexts, joinedText, logicalFromPoppler, pdfPages, pdfText, requireTool } from './pdf-tools';

const GENERATED = Date.UTC(2026, 0, 2, 9, 0, 0);
let dir: string;
let caseFile: string;
let pdfFile: string;
let text: string;

beforeAll(async () => {
  dir = tmpDir();
  caseFile = path.join(dir, 'incident-42.loupe');
  buildCase(caseFile, { withModel: true });
  pdfFile = path.join(dir, 'report.pdf');
  await exportReport(caseFile, { pdf: pdfFile, analyst: 'R. Analyst', displayZone: 'Asia/Tehran', generatedAt: GENERATED });
  text = pdfText(pdfFile);
});

/** Asserts that the extracted text holds `s`, without printing pages of text when it does not. */
const has = (s: string): void => expect(text.includes(s), `extracted text contains ${JSON.stringify(s.slice(0, 80))}`).toBe(true);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('findings report PDF', () => {
  it('has the cover, every section heading and the table of contents', () => {
    has('LOUPE · LOG FORENSICS REPORT');
    has('incident-42');
    has('R. Analyst');
    has('2026-01-02 12:30:00 GMT+3:30'); // generated, in the display zone
    has('0.1.0');
    for (const h of SECTION_TITLES) has(h);
    for (const h of ['Top findings', 'Top suspicious IPs', 'Events over time', 'Protocol mix', 'Status codes', 'Top talkers by events', 'Anomaly scores', 'Confusion matrix', 'Top features by importance', 'Audit trail', 'Detectors and their settings']) {
      has(h);
    }
    // the contents page lists the sections with their page numbers
    const contents = text.slice(text.indexOf('Contents'), text.indexOf('Executive summary', text.indexOf('Contents') + 20) + 200);
    expect(contents).toMatch(/Executive summary\s+(\d+\s+)*3\b/);
  });

  it('lists every source with its full SHA-256, size, format and record balance', () => {
    has(SHA_A);
    has(SHA_B);
    has('123,456 bytes');
    has('apache_combined');
    has('402 seen = 400 events + 2 quarantined');
    has('timezone assumed UTC: the log gives no offset');
    has('2019 (from the file\'s modification time');
  });

  it('shows findings with threshold, window, tags, notes, evidence and the dismissed one separately', () => {
    has('failed logins: 10 against a threshold of 5 (setting bruteForce.minFailures)');
    has('src_ip:203.0.113.9 action:auth_failure');
    has('Failed password for root from 203.0.113.9');
    has('port 40 ssh2');
    has('Analyst note: Escalated.');
    has('confirmed');
    const dismissed = text.slice(text.lastIndexOf('Dismissed findings'));
    expect(dismissed.includes('Heavy sender 10.0.0.4')).toBe(true);
    expect(dismissed.includes('Nightly backup to the NAS.')).toBe(true);
    has('0.991'); // Loupe's AUC next to the seed method's
    has('0.880');
  });

  it('leads each finding with its explanation and gives its numbers in words with their units', () => {
    const card = text.slice(text.indexOf('SSH brute force from 203.0.113.9', text.indexOf('High severity')));
    const explained = card.indexOf('Ten failed SSH logins for root');
    expect(explained).toBeGreaterThan(-1);
    expect(explained).toBeLessThan(card.indexOf('failed logins: 10 against a threshold'));
    has('Brute force (bruteForce)');
    has('fail share: 90 %');
    has('period: 1 min 30 s');
    expect(text.includes('failShare')).toBe(false);
  });

  it('carries the hostile corpus literally, as text', () => {
    has(HOSTILE.script);
    has(HOSTILE.hyperlink);
    // the bidi override is shown, never obeyed: the reader sees where it is
    has('invoice[U+202E]gpj.exe');
    expect(text.includes('\u202E'), 'a raw U+202E').toBe(false);
    // the 5,000-character token is wrapped over many lines, never cut or run off the page
    expect(joinedText(text).includes(LONG_TOKEN), 'the 5,000-character token, whole').toBe(true);
    // longer values are cut visibly, with a note
    has('[truncated:');
    // the Persian path: shaped and in visual order on the page, logical in the extracted text
    expect(logicalFromPoppler(text)).toContain(PERSIAN_PATH);
    expect(actualTexts(fs.readFileSync(pdfFile)).some((t) => t.includes(PERSIAN_PATH))).toBe(true);
  });

  it('makes no link or annotation from anything', () => {
    const raw = fs.readFileSync(pdfFile).toString('latin1');
    expect(raw).not.toContain('/URI');
    expect(raw).not.toContain('/Annots');
    expect(raw).not.toContain('/JavaScript');
    expect(raw).not.toContain('/Launch');
  });

  it('numbers every page "Page N of M"', () => {
    const pages = pdfPages(pdfFile);
    expect(pages).toBeGreaterThan(5);
    for (let i = 1; i <= pages; i++) has(`Page ${i} of ${pages}`);
  });

  it('renders every page to PNG with pdftoppm', () => {
    requireTool('pdftoppm');
    const out = path.join(dir, 'png');
    fs.mkdirSync(out);
    execFileSync('pdftoppm', ['-png', '-r', '50', pdfFile, path.join(out, 'page')]);
    const pngs = fs.readdirSync(out).filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBe(pdfPages(pdfFile));
    for (const p of pngs) expect(fs.statSync(path.join(out, p)).size).toBeGreaterThan(2000);
  });

  it('gives identical bytes for the same case, settings and generatedAt (exports are audited but not listed)', async () => {
    const again = path.join(dir, 'again.pdf');
    await exportReport(caseFile, { pdf: again, analyst: 'R. Analyst', displayZone: 'Asia/Tehran', generatedAt: GENERATED });
    expect(fs.readFileSync(again).equals(fs.readFileSync(pdfFile))).toBe(true);
    const db = openCase(caseFile, { readonly: true });
    const exports = db.prepare("SELECT detail FROM audit WHERE action = 'report.export'").all() as { detail: string }[];
    db.close();
    expect(exports.length).toBe(2);
    const sha = JSON.parse(exports[1]!.detail).files[0].sha256 as string;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is still a useful report for an empty case, saying what to run', async () => {
    const bare = path.join(dir, 'bare.loupe');
    buildCase(bare, { events: 20, withStats: false, withFindings: false });
    const out = path.join(dir, 'bare.pdf');
    await exportReport(bare, { pdf: out, generatedAt: GENERATED });
    const t = pdfText(out);
    expect(t.includes('run `loupe analyze <case>`')).toBe(true);
    expect(t.includes('No model was trained')).toBe(true);
    expect(t.includes(SHA_A)).toBe(true);
  });

  it('keeps the contents on one page when a case has many sources', async () => {
    const many = path.join(dir, 'many.loupe');
    buildCase(many, { events: 10, withStats: false });
    const db = openCase(many);
    const ins = db.prepare("INSERT INTO sources(path, sha256, bytes, format, parser_version, started_at, status, records, events) VALUES (?, ?, 10, 'syslog', '1', 0, 'complete', 0, 0)");
    for (let i = 3; i <= 70; i++) ins.run(`/evidence/host-${i}.log`, i.toString(16).padStart(64, '0'));
    db.close();
    const out = path.join(dir, 'many.pdf');
    await exportReport(many, { pdf: out, generatedAt: GENERATED });
    const t = pdfText(out);
    const contents = t.slice(t.indexOf('Contents'), t.indexOf('\f', t.indexOf('Contents')));
    expect(contents.includes('Method appendix')).toBe(true);
    expect(contents.includes('Source 70')).toBe(false);
    expect(t.includes('Source 70: host-70.log')).toBe(true);
    expect(t.includes('0'.repeat(62) + '46')).toBe(true); // source 70's hash, in full
  });

  it('refuses to overwrite the case or an evidence file, and an unknown zone', async () => {
    await expect(exportReport(caseFile, { pdf: caseFile })).rejects.toThrow(/refusing/);
    await expect(exportReport(caseFile, { pdf: path.join(dir, 'x.pdf'), displayZone: 'Mars/Olympus' })).rejects.toThrow(/unknown time zone/);
    await expect(exportReport(caseFile, {})).rejects.toThrow(/nothing to export/);
  });
});

describe('top suspicious IPs in the PDF', () => {
  it('keeps the ranking table on one page, after the note that says how points add up', async () => {
    const { getSuspicious } = await import('../../../src/core/analysis');
    const db = openCase(caseFile, { readonly: true });
    const ranked = getSuspicious(db, 10);
    db.close();
    expect(ranked.length).toBeGreaterThan(0);
    const pages = text.split('\f');
    const at = pages.findIndex((p) => p.includes('Ranked by points'));
    expect(at).toBeGreaterThan(0);
    for (const e of ranked) expect(pages[at]!.includes(e.ip), `${e.ip} on the ranking's page`).toBe(true);
    // words, not layout: the note wraps wherever its length puts the line ends (joinedText drops them)
    expect(joinedText(pages[at]!).replace(/\s+/g, '')).toContain('5 for each further detector with a medium or worse finding'.replace(/\s+/g, ''));
  });
});
