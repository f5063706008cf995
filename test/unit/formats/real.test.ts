// The real sample logs (../shared/data): every record parses, nothing quarantined, and the
// typed sshd events agree with what grep counts in the same file.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SHARED_DATA, parseFile } from './helpers';

const lines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
const grepC = (file: string, re: RegExp): number => lines(file).filter((l) => re.test(l)).length;

describe.skipIf(!existsSync(SHARED_DATA))('real sample logs', () => {
  it('apache_access.log: 10,000 records, 0 quarantined, every row timed and addressed', () => {
    const f = path.join(SHARED_DATA, 'apache_access.log');
    const r = parseFile(f);
    expect(r.detected.layout.format).toBe('combined');
    expect(r.records).toBe(lines(f).length);
    expect(r.quarantined).toEqual([]);
    expect(r.rows.every((x) => typeof x.ts === 'number' && typeof x.src_ip === 'string' && typeof x.status === 'number')).toBe(true);
    const minTs = Math.min(...r.rows.map((x) => x.ts as number));
    expect(new Date(minTs).toISOString().slice(0, 10)).toBe('2015-05-17');
    expect(r.rows.filter((x) => x.bytes === null).length).toBe(grepC(f, /" \d{3} - /));
  });

  it('shop_access.log: 1,000 records with +0330 offsets and Persian paths, 0 quarantined', () => {
    const f = path.join(SHARED_DATA, 'shop_access.log');
    const r = parseFile(f);
    expect(r.records).toBe(1000);
    expect(r.quarantined).toEqual([]);
    expect(r.rows[0].ts).toBe(Date.UTC(2019, 0, 22, 0, 26, 14));
    expect(r.rows.some((x) => String(x.path).includes('%D9%85'))).toBe(true);
  });

  it('auth.log: 0 quarantined; sshd events match grep counts', () => {
    const f = path.join(SHARED_DATA, 'auth.log');
    const r = parseFile(f, { year: 2017 });
    expect(r.detected.layout.format).toBe('syslog');
    expect(r.records).toBe(lines(f).length);
    expect(r.quarantined).toEqual([]);
    const count = (pred: (x: (typeof r.rows)[number]) => boolean): number => r.rows.filter(pred).length;
    const passwordFailures = count((x) => x.action === 'auth_failure' && JSON.parse(String(x.extra)).method === 'password');
    expect(passwordFailures).toBe(grepC(f, /Failed password/)); // grep -c "Failed password" = 713
    expect(count((x) => x.action === 'auth_failure')).toBe(grepC(f, /sshd\[\d+\]: (message repeated \d+ times: \[ )?Failed \S+ for/));
    expect(count((x) => x.action === 'auth_success')).toBe(grepC(f, /sshd\[\d+\]: Accepted /));
    expect(count((x) => x.action === 'invalid_user')).toBe(grepC(f, /sshd\[\d+\]: Invalid user /));
    expect(count((x) => x.action === 'sudo')).toBe(grepC(f, /sudo: +\S+ : .*COMMAND=/) + grepC(f, /sudo: +\S+ : user NOT in sudoers/));
    expect(count((x) => x.action === 'auth_failure' && x.src_ip === null)).toBe(0);
    expect(new Date(r.rows[0].ts as number).toISOString()).toBe('2017-03-27T13:06:56.000Z');
  });
});
