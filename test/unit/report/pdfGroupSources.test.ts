// A group finding (many sources, one finding) in the PDF: the printed list of sources says how many
// it shows of how many the group has, read back with pdftotext.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportReport } from '../../../src/core/report';
import { pdfNumberRows } from '../../../src/core/report/pdf/findings';
import { openCase } from '../../../src/core/store/case';
import { buildCase, tmpDir } from './fixture';
import { joinedText, pdfText } from './pdf-tools';

const T0 = Date.UTC(2026, 0, 1, 8, 0, 0);
const ips = (n: number, base = 0): string[] => Array.from({ length: n }, (_, i) => `198.51.${100 + ((base + i) >> 8)}.${(base + i) & 255}`);
let dir: string;
let text: string;

beforeAll(async () => {
  dir = tmpDir('loupe-report-groups-');
  const caseFile = path.join(dir, 'groups.loupe');
  buildCase(caseFile);
  const db = openCase(caseFile);
  const f = db.prepare(
    `INSERT INTO findings(id, detector, severity, entity, entity_type, title, explanation, numbers, threshold, window_ms, first_seen, last_seen, evidence_query, evidence_count, sample_ids, score, status, created_at, updated_at)
     VALUES (?, ?, 'medium', ?, 'group', ?, 'Many sources.', ?, NULL, NULL, ?, ?, 'dst:203.0.113.50', 10, '[]', 0.5, 'open', ?, ?)`,
  );
  // the detector kept its first 50 of 137 sources: the PDF has room for fewer still
  f.run('beaconing:group', 'beaconing', '137 sources -> 203.0.113.50', '137 sources poll 203.0.113.50 on a timer', JSON.stringify({ sources: ips(50).join(','), sourceCount: 137, contacts: 4000 }), T0, T0, T0, T0);
  // a whole short list: nothing to say
  f.run('scanner:group', 'scanners', '3 sources', '3 sources ran a scanner', JSON.stringify({ sources: ips(3, 200).join(','), sourceCount: 3 }), T0, T0, T0, T0);
  db.close();
  const pdf = path.join(dir, 'r.pdf');
  await exportReport(caseFile, { pdf, analyst: 'A', displayZone: 'UTC', generatedAt: T0 });
  text = joinedText(pdfText(pdf));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('group findings in the PDF', () => {
  it('says how many sources it shows of how many the group has', () => {
    const m = /sources: ([0-9., ]+?) \(showing (\d+) of 137\)/.exec(text);
    expect(m, 'the beaconing group lists its sources with "showing K of 137"').not.toBeNull();
    const printed = m![1]!.split(',').map((s) => s.trim()).filter(Boolean);
    expect(printed.length).toBe(Number(m![2]));
    expect(printed.length).toBeLessThan(50);
    // every printed address is whole: the list is cut between addresses, never inside one
    expect(printed).toEqual(ips(printed.length));
  });

  it('says nothing more for a whole list', () => {
    expect(text.includes(`sources: ${ips(3, 200).join(', ')}; source count: 3`), 'the whole list, then its count').toBe(true);
    expect(/showing \d+ of 3\)/.test(text)).toBe(false);
  });

  it('counts the list itself when the detector gave no sourceCount', () => {
    expect(pdfNumberRows({ sources: 'a,b' })).toEqual(['sources: a, b']);
    expect(pdfNumberRows({ sources: 'a,b', sourceCount: 9 })).toEqual(['sources: a, b (showing 2 of 9)', 'source count: 9']);
  });
});
