// Round 7 Linux auth logs: a password guessed over SSH and what the intruder did next (an account of
// their own put in sudo, its password set, sudoers edited, root reached, a key for root used from
// another address), beside an administrator's ordinary work on the same and another machine.

const MON = 'Mar';
/** An RFC 3164 auth.log line (Debian, Ubuntu) at second `sec` of 10 March. */
const bsd = (sec: number, host: string, prog: string, msg: string): { ts: number; line: string } => {
  const d = new Date(Date.UTC(2026, 2, 10) + sec * 1000);
  return { ts: sec, line: `${MON} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} ${host} ${prog}: ${msg}` };
};
/** An ISO-timestamped /var/log/secure line (rsyslog's RSYSLOG_FileFormat on Red Hat). */
const iso = (sec: number, host: string, prog: string, msg: string): { ts: number; line: string } => {
  const d = new Date(Date.UTC(2026, 2, 10) + sec * 1000);
  return { ts: sec, line: `${d.toISOString().slice(0, 19)}.${String(100000 + (sec % 900000)).slice(0, 6)}+00:00 ${host} ${prog}: ${msg}` };
};
const sorted = (xs: { ts: number; line: string }[]): string[] => [...xs].sort((a, b) => a.ts - b.ts).map((x) => x.line);
const H = 3600;

/** web3's auth.log: 198.51.100.23 guesses and gets in as deploy, then makes sysupd a sudoer and goes root; ops does ordinary work. */
export function web3AuthLog(): string[] {
  const L: { ts: number; line: string }[] = [];
  let pid = 3100;
  const sshd = (sec: number, msg: string): void => void L.push(bsd(sec, 'web3', `sshd[${pid++}]`, msg));
  // trap: the administrator's morning and night work (a key from the office, sudo to restart nginx and upgrade), cron
  for (const t of [1 * H, 9 * H, 2 * H + 40 * 60]) {
    sshd(t, `Accepted publickey for ops from 10.0.0.5 port ${40000 + t % 1000} ssh2: ED25519 SHA256:Qm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg`);
    L.push(bsd(t + 30, 'web3', 'sudo', `     ops : TTY=pts/0 ; PWD=/home/ops ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx`));
    L.push(bsd(t + 31, 'web3', 'sudo', 'pam_unix(sudo:session): session opened for user root(uid=0) by ops(uid=1000)'));
  }
  L.push(bsd(9 * H + 120, 'web3', 'sudo', '     ops : TTY=pts/0 ; PWD=/home/ops ; USER=root ; COMMAND=/usr/bin/apt-get -y upgrade'));
  for (let m = 0; m < 12; m++) L.push(bsd(m * 10 * 60 + 1, 'web3', `CRON[${5000 + m}]`, 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)'));
  // planted: 198.51.100.23 guesses passwords for 10 minutes, then gets in as deploy
  const users = ['root', 'admin', 'ubuntu', 'deploy', 'test', 'oracle', 'postgres', 'git'];
  for (let i = 0; i < 48; i++) {
    const u = users[i % users.length]!;
    const invalid = ['admin', 'test', 'oracle'].includes(u);
    if (invalid) sshd(2 * H + i * 12, `Invalid user ${u} from 198.51.100.23 port ${51000 + i}`);
    sshd(2 * H + i * 12 + 1, `Failed password for ${invalid ? 'invalid user ' : ''}${u} from 198.51.100.23 port ${51000 + i} ssh2`);
  }
  sshd(2 * H + 10 * 60, 'Accepted password for deploy from 198.51.100.23 port 51999 ssh2');
  sshd(2 * H + 10 * 60 + 1, 'pam_unix(sshd:session): session opened for user deploy(uid=1001) by (uid=0)');
  // then: an account of their own, in sudo, with a password; sudoers edited; root
  L.push(bsd(2 * H + 12 * 60, 'web3', 'sudo', '  deploy : TTY=pts/1 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/sbin/useradd -m -s /bin/bash sysupd'));
  L.push(bsd(2 * H + 12 * 60 + 1, 'web3', 'groupadd[2185]', 'group added to /etc/group: name=sysupd, GID=1002'));
  L.push(bsd(2 * H + 12 * 60 + 1, 'web3', 'useradd[2190]', 'new user: name=sysupd, UID=1002, GID=1002, home=/home/sysupd, shell=/bin/bash, from=/dev/pts/1'));
  L.push(bsd(2 * H + 12 * 60 + 20, 'web3', 'sudo', '  deploy : TTY=pts/1 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/sbin/usermod -aG sudo sysupd'));
  L.push(bsd(2 * H + 12 * 60 + 21, 'web3', 'usermod[2201]', "add 'sysupd' to group 'sudo'"));
  L.push(bsd(2 * H + 12 * 60 + 21, 'web3', 'usermod[2201]', "add 'sysupd' to shadow group 'sudo'"));
  L.push(bsd(2 * H + 12 * 60 + 40, 'web3', 'passwd[2211]', 'pam_unix(passwd:chauthtok): password changed for sysupd'));
  L.push(bsd(2 * H + 13 * 60, 'web3', 'sudo', "  deploy : TTY=pts/1 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/tee -a /etc/sudoers.d/90-sysupd"));
  L.push(bsd(2 * H + 15 * 60, 'web3', 'su[2240]', '(to sysupd) deploy on pts/1'));
  L.push(bsd(2 * H + 15 * 60 + 5, 'web3', 'sudo', '  sysupd : TTY=pts/1 ; PWD=/home/sysupd ; USER=root ; COMMAND=/bin/bash'));
  // and a key for root, used from another outside address
  sshd(2 * H + 25 * 60, 'Accepted publickey for root from 203.0.113.200 port 60122 ssh2: RSA SHA256:zXc9aW50cnVkZXJrZXkxMjM0NTY3ODkwYWJjZA');
  return sorted(L);
}

/** db2's /var/log/secure (ISO times): 192.0.2.77 guesses and never gets in; an administrator onboards alice into wheel the same hour. */
export function db2Secure(): string[] {
  const L: { ts: number; line: string }[] = [];
  let pid = 4400;
  for (let i = 0; i < 30; i++) L.push(iso(3 * H + i * 20, 'db2', `sshd[${pid++}]`, `Failed password for ${i % 2 ? 'root' : 'invalid user oracle'} from 192.0.2.77 port ${50100 + i} ssh2`));
  L.push(iso(3 * H + 15 * 60, 'db2', `sshd[${pid++}]`, 'Accepted publickey for ops from 10.0.0.5 port 41022 ssh2: ED25519 SHA256:Qm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg'));
  L.push(iso(3 * H + 16 * 60, 'db2', 'sudo', '     ops : TTY=pts/0 ; PWD=/home/ops ; USER=root ; COMMAND=/sbin/useradd -m alice'));
  L.push(iso(3 * H + 16 * 60 + 1, 'db2', 'useradd[4501]', 'new user: name=alice, UID=1003, GID=1003, home=/home/alice, shell=/bin/bash, from=/dev/pts/0'));
  L.push(iso(3 * H + 16 * 60 + 20, 'db2', 'usermod[4505]', "add 'alice' to group 'wheel'"));
  L.push(iso(3 * H + 16 * 60 + 40, 'db2', 'passwd[4509]', 'pam_unix(passwd:chauthtok): password changed for alice'));
  L.push(iso(3 * H + 17 * 60, 'db2', 'sudo', '     ops : TTY=pts/0 ; PWD=/home/ops ; USER=root ; COMMAND=/usr/sbin/visudo -c'));
  return sorted(L);
}

/** app7's journal (journalctl -o json; OpenSSH 9.8 logs as sshd-session): 203.0.113.61 guesses admin's password, then puts admin in wheel and sets root's password. */
export function app7Journal(): string[] {
  const base = Date.UTC(2026, 2, 10, 4, 0, 0);
  const j = (sec: number, ident: string, pid: number, msg: string): string =>
    JSON.stringify({ __CURSOR: `s=1f2e;i=${pid.toString(16)}`, __REALTIME_TIMESTAMP: String((base + sec * 1000) * 1000), __MONOTONIC_TIMESTAMP: String(9_000_000 + sec * 1_000_000), _BOOT_ID: '6b1c0e2a9d4f4c7e8a1b2c3d4e5f6071', PRIORITY: '6', SYSLOG_FACILITY: '10', SYSLOG_IDENTIFIER: ident, _PID: String(pid), _COMM: ident, _TRANSPORT: 'syslog', _HOSTNAME: 'app7', MESSAGE: msg });
  const rows: string[] = [];
  for (let i = 0; i < 20; i++) rows.push(j(i * 15, 'sshd-session', 7000 + i, `Failed password for admin from 203.0.113.61 port ${33000 + i} ssh2`));
  rows.push(j(320, 'sshd-session', 7100, 'Accepted password for admin from 203.0.113.61 port 33999 ssh2'));
  rows.push(j(400, 'sudo', 7110, '   admin : TTY=pts/0 ; PWD=/home/admin ; USER=root ; COMMAND=/usr/sbin/chpasswd'));
  rows.push(j(401, 'chpasswd', 7111, 'pam_unix(chpasswd:chauthtok): password changed for root'));
  rows.push(j(460, 'gpasswd', 7120, 'user admin added by root to group wheel'));
  return rows;
}
