// The user names a password guesser tried, counted once per guess: sshd logs an unknown name
// twice ("Invalid user x", then "Failed password for invalid user x" on the same connection), and
// that pair is one guess in the finding's per-name count as it is in its total.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, expectFound, logFiles } from './plantedKit';

afterAll(cleanupPlanted);

describe('bruteForce: guesses per user name', () => {
  it('counts an unknown name\'s notice and its failed password as one guess for that name', async () => {
    const lines: string[] = [];
    const at = (sec: number): string => {
      const d = new Date(Date.UTC(2026, 2, 10, 9) + sec * 1000);
      return `Mar 10 ${d.toISOString().slice(11, 19)}`;
    };
    // 20 guesses at "admin" (each logged twice) and 20 at root, one connection each
    for (let i = 0; i < 20; i++) {
      const port = 50000 + i;
      lines.push(`${at(i * 10)} web3 sshd[${3000 + i}]: Invalid user admin from 203.0.113.5 port ${port}`);
      lines.push(`${at(i * 10 + 2)} web3 sshd[${3000 + i}]: Failed password for invalid user admin from 203.0.113.5 port ${port} ssh2`);
      lines.push(`${at(300 + i * 10)} web3 sshd[${4000 + i}]: Failed password for root from 203.0.113.5 port ${port + 100} ssh2`);
    }
    const found = await analysePlanted('ssh-users', (dir) => {
      const { put, files } = logFiles(dir);
      put('auth.log', lines);
      return files;
    });
    const f = expectFound(found, 'bruteForce', '203.0.113.5', 'medium');
    expect(f.explanation).toMatch(/40 times \(20 for user names that do not exist\)/);
    expect(f.explanation).toMatch(/\(20 of the failures as (?:admin|root)\)/);
  }, 60_000);
});
