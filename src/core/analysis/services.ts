// The service a failed login was against, named from the program (or fail2ban jail) that logged it.

/** What the failed logins were against, named from the program that logged them. */
export function loginService(program: string | null): string {
  const p = (program ?? '').toLowerCase();
  if (/\bssh/.test(p)) return 'SSH';
  if (/security-auditing|winlogon|lsass|kerberos|microsoft-windows|\bwindows\b/.test(p)) return 'Windows logon';
  if (/ftp/.test(p)) return 'FTP';
  if (/signin\.amazonaws/.test(p)) return 'AWS console';
  if (/dovecot|postfix|sasl|imap|pop3|exim|sendmail/.test(p)) return 'Mail login';
  if (/radius|vpn|openvpn|strongswan|charon|ipsec/.test(p)) return 'VPN login';
  return 'Login';
}
