// The service a failed login was against, named from what the events say: the program that
// logged it, the fail2ban jail that saw it, the wording of a program-less line (a database's own
// error log read as text), or the port a flow went to. Never assumed to be SSH.

/**
 * A responder's name for the service, from a program name, `fail2ban [jail]`, or the canonical
 * names messageProgram gives. 'Login' when nothing says which.
 */
export function loginService(program: string | null): string {
  const p = (program ?? '').toLowerCase();
  if (/\bssh|cowrie/.test(p)) return 'SSH';
  // Entra ID's sign-ins (formats/vendorLogins.ts): legacy protocols by name, before IMAP and SMTP servers'
  if (/^entra id legacy auth/.test(p)) return 'Microsoft 365 legacy protocol';
  if (/^entra id\b/.test(p)) return 'Entra ID';
  if (/mssql|sqlservr|sql ?server/.test(p)) return 'SQL Server';
  if (/mysql|maria/.test(p)) return 'MySQL/MariaDB';
  if (/postgres|\bpg_/.test(p)) return 'PostgreSQL';
  if (/\bmongo/.test(p)) return 'MongoDB';
  if (/security-auditing|winlogon|lsass|kerberos|microsoft-windows|\bwindows\b|\brdp\b|terminalservices/.test(p)) return 'Windows logon';
  if (/ftp/.test(p)) return 'FTP';
  if (/signin\.amazonaws/.test(p)) return 'AWS console';
  if (/postfix|smtp|sasl|exim|sendmail/.test(p)) return 'SMTP AUTH';
  if (/dovecot|imap|pop3|courier|cyrus/.test(p)) return 'IMAP/POP3';
  if (/netscaler/.test(p)) return 'Citrix Gateway';
  if (/asterisk/.test(p)) return 'SIP';
  if (/radius|vpn|openvpn|strongswan|charon|ipsec|globalprotect|pulse|ivanti|network policy server/.test(p)) return 'VPN login';
  // Cisco ASA's AnyConnect and clientless (WebVPN) session messages
  if (/^%(?:asa|ftd)-\d-(?:716\d{3}|722\d{3}|113039)$/.test(p)) return 'VPN login';
  if (/kube-apiserver|kubernetes/.test(p)) return 'Kubernetes API';
  if (/^hostd$/.test(p)) return 'ESXi';
  if (/wordpress|nextcloud|roundcube|gitlab|grafana|webmin|proxmox/.test(p)) return 'Web login';
  // names the formats give logins whose records name no program (FortiGate, Sophos, Okta: mapped.ts)
  if (/\bokta\b/.test(p)) return 'Okta SSO';
  if (/^(?:fortigate|sophos) admin (?:https?|web|gui|jsconsole)\b/.test(p)) return 'Web admin login';
  if (/^(?:fortigate|sophos) admin telnet\b/.test(p)) return 'Telnet admin login';
  if (/^(?:fortigate|sophos) admin\b/.test(p)) return 'Admin login';
  if (/^sophos captive portal/.test(p)) return 'Captive portal login';
  if (/^sophos firewall authentication/.test(p)) return 'Firewall user login';
  if (/^sophos my account/.test(p)) return 'Web login';
  return 'Login';
}

/**
 * A canonical program for a failed login logged without one (SQL Server's ERRORLOG, MySQL's and
 * PostgreSQL's own logs read as text): from the line's wording, only its first 300 characters.
 */
export function messageProgram(msg: string): string | null {
  const m = msg.length > 300 ? msg.slice(0, 300) : msg;
  if (/Login failed for user '.*\[CLIENT:/i.test(m)) return 'sqlservr';
  if (/Access denied for user '/i.test(m)) return 'mysqld';
  if (/authentication failed for user "|no pg_hba\.conf entry/i.test(m)) return 'postgres';
  if (/\bssh2?\b|sshd|Failed (?:password|publickey|keyboard-interactive)|Invalid user /i.test(m)) return 'sshd';
  if (/FAIL LOGIN|Login failed\)|ftpd/i.test(m)) return 'ftpd';
  if (/SASL \w+ authentication failed/i.test(m)) return 'postfix';
  if (/ authenticator failed for /.test(m)) return 'exim';
  if (/IMAP Error: Login failed for |(?:Successful|Failed) login for \S+ (?:\(ID: \d+\) )?from /.test(m)) return 'roundcube';
  if (/^Login failed: .{0,260}\(Remote IP: /.test(m)) return 'nextcloud';
  if (/imap-login|pop3-login|dovecot/i.test(m)) return 'dovecot';
  if (/-PPE-\d+ : \S+ (?:AAA LOGIN_FAILED|SSLVPN LOGIN|UI CMD_EXECUTED) /.test(m)) return 'netscaler';
  if (/\)\[[^\]]{0,512}\] - (?:[A-Z]{3}\d{5}: )?Login failed using auth server /.test(m)) return 'pulsesecure';
  if (/^\S{0,300}:\d{1,5} TLS Auth Error: |Auth Username\/Password verification failed for peer/.test(m)) return 'openvpn';
  return null;
}

/** The login service usually behind a port (flow data says nothing else). */
export function portService(port: number): string | null {
  return { 21: 'FTP', 22: 'SSH', 23: 'Telnet', 3389: 'RDP', 5900: 'VNC', 1433: 'SQL Server', 3306: 'MySQL/MariaDB', 5432: 'PostgreSQL' }[port] ?? null;
}

/**
 * Remote administration and file-sharing services an intruder moves between machines with (and a
 * worm spreads over): lateralMovement reports them, and the fold counts which hosts answered on them.
 */
export const ADMIN_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'], [23, 'Telnet'], [135, 'RPC'], [139, 'NetBIOS'], [445, 'SMB'], [3389, 'RDP'], [5900, 'VNC'], [5985, 'WinRM'], [5986, 'WinRM'],
]);
