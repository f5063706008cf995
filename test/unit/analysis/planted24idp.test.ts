// Round 24, cloud identity and business email compromise: Entra ID sign-ins (Graph JSON and the
// portal's CSV), Okta's System Log and the Microsoft 365 Unified Audit Log (Purview's CSV), an
// ordinary working day of thirty users around each attack, with the benign look-alikes that must
// stay quiet (MFA asked every morning, a phone that asks twice, a traveller, staff's own mail rules,
// an administrator's forward to a colleague).
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles } from './plantedKit';
import * as D from './planted24idp/day';
import * as E from './planted24idp/entra';
import * as U from './planted24idp/ual';

afterAll(cleanupPlanted);

const entraOnly = (name: string, lines: string[]) => analysePlanted('planted24idp', (dir) => {
  const { put, files } = logFiles(dir);
  put(name, lines);
  return files;
});

describe('round 24 identity: sign-in codes that are no guess', () => {
  it("the portal's Sign-in logs CSV is read like Graph's JSON: the spray and the IMAP guessing are found, the office is quiet", async () => {
    for (const [name, lines] of [['InteractiveSignIns_2026-03-10_2026-03-11.csv', E.portalCsv(E.signIns())], ['signins.json', E.graphJson(E.signIns())]] as const) {
      const found = await entraOnly(name, lines);
      const spray = expectFound(found, 'bruteForce', D.SPRAY[1], 'high');
      expect(spray.title, name).toMatch(/spraying/);
      expectFound(found, 'bruteForce', D.LEGACY, 'medium');
      expect(found.filter((f) => f.entity === D.OFFICE || f.entity === D.BOMBER && f.detector === 'bruteForce'), `${name}: ${listFindings(found)}`).toEqual([]);
    }
  }, 60_000);

  it('the Unified Audit Log\'s UserLoginFailed for an MFA or "keep me signed in" prompt (ErrorNumber 50074, 50140, 50058) is no failed login: the office is no password spray', async () => {
    const found = await entraOnly('AuditLog_2026-03-10.csv', U.purviewCsv(U.ualDay()));
    expect(found.filter((f) => f.detector === 'bruteForce'), listFindings(found)).toEqual([]);
  }, 60_000);
});
