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
import * as O from './planted24idp/okta';

afterAll(cleanupPlanted);

const entraOnly = (name: string, lines: string[]) => analysePlanted('planted24idp', (dir) => {
  const { put, files } = logFiles(dir);
  put(name, lines);
  return files;
});

describe('round 24 identity: sign-in codes that are no guess', () => {
  it("the portal's Sign-in logs CSV is read like Graph's JSON: the spray and the IMAP guessing (named a legacy protocol) are found, the office is quiet", async () => {
    for (const [name, lines] of [['InteractiveSignIns_2026-03-10_2026-03-11.csv', E.portalCsv(E.signIns())], ['signins.json', E.graphJson(E.signIns())]] as const) {
      const found = await entraOnly(name, lines);
      const spray = expectFound(found, 'bruteForce', D.SPRAY[1], 'high');
      expect(spray.title, name).toMatch(/spraying/);
      // IMAP4 and Authenticated SMTP: a password alone gets in, so the finding says which protocol
      expect(expectFound(found, 'bruteForce', D.LEGACY, 'medium').title, name).toMatch(/^Microsoft 365 legacy protocol brute force/);
      expect(found.filter((f) => f.entity === D.OFFICE || f.entity === D.BOMBER && f.detector === 'bruteForce'), `${name}: ${listFindings(found)}`).toEqual([]);
    }
  }, 60_000);

  it('the Unified Audit Log\'s UserLoginFailed for an MFA or "keep me signed in" prompt (ErrorNumber 50074, 50140, 50058) is no failed login: the office is no password spray', async () => {
    const found = await entraOnly('AuditLog_2026-03-10.csv', U.purviewCsv(U.ualDay()));
    expect(found.filter((f) => f.detector === 'bruteForce'), listFindings(found)).toEqual([]);
  }, 60_000);
});

describe('round 24 identity: MFA fatigue', () => {
  it('Entra ID (Graph JSON and the portal CSV): fourteen 500121 refusals of erin from one address, then MFA passed from it, is critical on erin; grace, whose phone asked twice, is quiet', async () => {
    for (const [name, lines] of [['signins.json', E.graphJson(E.signIns())], ['InteractiveSignIns_2026-03-10_2026-03-11.csv', E.portalCsv(E.signIns())]] as const) {
      const found = await entraOnly(name, lines);
      const f = expectFound(found, 'mfaFatigue', D.BOMBED, 'critical');
      expect(f.numbers.refusals, name).toBe(14);
      expect(f.numbers.approvedFrom).toBe(D.BOMBER);
      expect(f.explanation).toMatch(/user declined the authentication/);
      expect(f.explanation).toMatch(/mfaFatigue\.minRefusals/);
      expect(found.filter((x) => x.detector === 'mfaFatigue').map((x) => x.entity), listFindings(found)).toEqual([D.BOMBED]);
    }
  }, 60_000);

  it('Entra ID: the same refusals with no approval after them is high, not critical: the owner held out', async () => {
    const held = E.signIns().filter((x) => !(x.user === D.BOMBED && x.ip === D.BOMBER && x.code === 0));
    const found = await entraOnly('signins.json', E.graphJson(held));
    const f = expectFound(found, 'mfaFatigue', D.BOMBED, 'high');
    expect(f.severity).toBe('high');
    expect(f.explanation).toMatch(/held out/);
  }, 60_000);

  it("Okta: pushes rejected on erin's phone and MFA steps failed at the attacker's address are one run of refusals, the approval from the attacker's address is critical; not a brute force, and grace's one mistaken tap is quiet", async () => {
    const found = await entraOnly('okta_system_log.json', O.systemLog());
    const f = expectFound(found, 'mfaFatigue', D.BOMBED, 'critical');
    expect(f.numbers.refusals).toBe(16);
    expect(f.numbers.approvedFrom).toBe(D.BOMBER);
    expect(f.numbers.pushes).toBe(18);
    expect(f.explanation).toContain(O.PHONE);
    expect(found.filter((x) => x.detector === 'mfaFatigue' && x.entity !== D.BOMBED || x.detector === 'bruteForce'), listFindings(found)).toEqual([]);
  }, 60_000);
});

describe('round 24 identity: business email compromise in the Unified Audit Log', () => {
  it("dave's mailbox: a rule named '.' moving payment mail to RSS Feeds, a rule forwarding outside and deleting, and Set-Mailbox forwarding outside, is critical on dave with what the thief's address read; staff's own rules and the administrator's forward to a colleague are quiet", async () => {
    const found = await entraOnly('AuditLog_2026-03-10.csv', U.purviewCsv(U.ualDay()));
    const f = expectFound(found, 'mailboxRules', D.SPRAYED, 'critical');
    expect(f.numbers.rules).toBe(3);
    expect(f.numbers.externalForwards).toBe(2);
    expect(f.numbers.hidingRules).toBe(2);
    expect(f.numbers.filesDownloaded).toBe(150);
    expect(f.numbers.mailItemsRead).toBeGreaterThan(2000);
    expect(f.explanation).toContain(U.FORWARD_TO);
    expect(f.explanation).toContain(U.RULE_TO);
    expect(f.explanation).toMatch(/RSS Feeds.*invoice/);
    expect(f.explanation).toMatch(/mailboxRules\.minRules/);
    // frank's rule, made in OWA over Tor (UpdateInboxRules): payment mail marked read and moved to Conversation History
    const owa = expectFound(found, 'mailboxRules', D.HOPPER, 'high');
    expect(owa.explanation).toMatch(/UpdateInboxRules "\.\.\.".*Conversation History.*wire/);
    expect(found.filter((x) => x.detector === 'mailboxRules').map((x) => x.entity).sort(), listFindings(found)).toEqual([D.SPRAYED, D.HOPPER].sort());
  }, 60_000);

  it('one rule alone is high: a forward outside made by Set-Mailbox, with no hiding rule', async () => {
    const recs = U.ualDay().filter((r) => !(r.user === D.SPRAYED && r.op === 'New-InboxRule'));
    const found = await entraOnly('AuditLog_2026-03-10.csv', U.purviewCsv(recs));
    const f = expectFound(found, 'mailboxRules', D.SPRAYED, 'high');
    expect(f.severity).toBe('high');
    expect(f.numbers.externalForwards).toBe(1);
  }, 60_000);
});

describe('round 24 identity: impossible travel and anonymizers', () => {
  it('Entra ID (Graph JSON): frank in Berlin, then Lagos 17 minutes later, then over Tor (anonymizedIPAddress) is high; dave, whose sprayed password was used from Ashburn six hours before he came to the Berlin office, is medium; heidi, who flew Frankfurt to New York in 11½ hours, is quiet', async () => {
    const found = await entraOnly('signins.json', E.graphJson(E.signIns()));
    const frank = expectFound(found, 'signInTravel', D.HOPPER, 'high');
    expect(frank.explanation).toContain(D.HOPPER_IP);
    expect(frank.explanation).toMatch(/anonymizedIPAddress/);
    expect(frank.explanation).toMatch(/signInTravel\.maxKmPerHour/);
    expect(frank.numbers.anonymizerSignIns).toBe(1);
    const dave = expectFound(found, 'signInTravel', D.SPRAYED, 'medium');
    expect(dave.severity).toBe('medium');
    expect(found.filter((x) => x.detector === 'signInTravel').map((x) => x.entity).sort(), listFindings(found)).toEqual([D.SPRAYED, D.HOPPER].sort());
  }, 60_000);

  it("Okta: frank's session started over Tor (securityContext.isProxy) 18 minutes after his office sign-in in Berlin is high; nobody else moves", async () => {
    const found = await entraOnly('okta_system_log.json', O.systemLog());
    const f = expectFound(found, 'signInTravel', D.HOPPER, 'high');
    expect(f.explanation).toMatch(/isProxy/);
    expect(found.filter((x) => x.detector === 'signInTravel').map((x) => x.entity), listFindings(found)).toEqual([D.HOPPER]);
  }, 60_000);
});

describe('round 24 identity: an app consented to with mail access', () => {
  it('"Consent to application." records carry no client address: dave\'s consent to a mail app with Mail.ReadWrite and Mail.Send is high on dave; carol\'s Zoom sign-in (User.Read, openid, email) is quiet', async () => {
    const found = await entraOnly('AuditLog_2026-03-10.csv', U.purviewCsv(U.ualDay()));
    const f = expectFound(found, 'appConsent', D.SPRAYED, 'high');
    expect(f.title).toMatch(/Mail Sync Pro/);
    expect(f.explanation).toMatch(/Mail\.Send/);
    expect(f.explanation).toMatch(/appConsent\.minRiskyScopes/);
    expect(found.filter((x) => x.detector === 'appConsent').map((x) => x.entity), listFindings(found)).toEqual([D.SPRAYED]);
  }, 60_000);
});

describe('round 24 identity: hostile records', () => {
  it('a rule whose name, words and forward are script tags, formulas, NUL bytes and 50 KB strings is judged quickly and told cut short, as text', async () => {
    const huge = 'A'.repeat(50_000);
    const evil = `=HYPERLINK("http://x")<script>alert(1)</script>\u0000${huge}`;
    const recs = U.ualDay();
    const rule = recs.find((r) => r.op === 'New-InboxRule' && r.user === D.SPRAYED)!;
    rule.data = { ...rule.data, Parameters: [{ Name: 'Name', Value: evil }, { Name: 'SubjectOrBodyContainsWords', Value: `invoice;${evil}` }, { Name: 'MoveToFolder', Value: `RSS Feeds` }, { Name: 'ForwardTo', Value: `${huge}@evil.example;${'b@'.repeat(20_000)}x.example` }] };
    const t0 = Date.now();
    const found = await entraOnly('AuditLog_2026-03-10.csv', U.purviewCsv(recs));
    expect(Date.now() - t0).toBeLessThan(20_000);
    const f = expectFound(found, 'mailboxRules', D.SPRAYED, 'high');
    expect(f.explanation.length).toBeLessThan(6000);
    expect(f.explanation).toContain('<script>');
    expect(f.explanation).not.toContain('A'.repeat(200));
  }, 60_000);
});
