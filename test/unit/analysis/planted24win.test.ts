import { afterAll, describe, it } from 'vitest';
import { analysePlanted, cleanupPlanted, logFiles } from './plantedKit';
import * as W from './planted24win/windows';

afterAll(cleanupPlanted);

describe('probe', () => {
  it('dc01', async () => {
    const found = await analysePlanted('planted24win', (dir) => {
      const { put, files } = logFiles(dir);
      put('dc01-security.csv', W.dc01Security());
      put('servers-system.csv', W.serversSystem());
      return files;
    });
    for (const f of found) console.log(`${f.detector} | ${f.entity} | ${f.severity} | ${f.title}\n   ${f.explanation.slice(0, 600)}`);
  });
});
