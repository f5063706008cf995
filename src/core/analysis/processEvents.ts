// Process creation on Windows hosts: Security 4688 ("A new process has been created"), Sysmon 1
// ("Process Create") and PowerShell 4104 (a script block), as EvtxECmd CSV, Get-WinEvent |
// Export-Csv, wevtutil XML and Winlogbeat write them. A machine runs thousands of processes a day;
// what a responder wants are the few command lines that only an intruder types, the ones Sigma's
// process-creation rules and every DFIR cheat sheet look for: LSASS dumped, hives or NTDS.dit
// copied, shadow copies deleted, logs cleared, Defender turned off, code downloaded with a built-in
// tool, an Office document or a web server starting a shell, an account made an administrator.
// Each rule says what it is and why it matters (with its MITRE ATT&CK technique); a process that
// matches none is not kept, except the reconnaissance commands (whoami, net group, nltest …) that
// count only in a burst (detectors/processes.ts). Linux hosts' auditd EXECVE records get their own
// rules (linuxRules.ts): reverse shells, scripts fetched and run, /etc/shadow read, history wiped,
// miners, encoded commands, auditing stopped, set-uid shells, rootkits, a second root, uploads.
import { decodedShellCommand, LINUX_DISCOVERY, LINUX_RULES, readable } from './linuxRules';

/** One rule a command line can match. */
export interface ProcessRule {
  id: string;
  /** short name, used in titles */
  name: string;
  severity: 'high' | 'medium';
  /** why it matters, in one sentence, with the ATT&CK technique */
  why: string;
}

/** What a process event says about the process (lower-case matching is done on copies). */
export interface ProcessFacts {
  image: string | null;
  command: string | null;
  parent: string | null;
  /** PowerShell 4104: the script block's text (in `command`) */
  script?: boolean;
  /** a Linux process (auditd EXECVE): the Linux rules apply, not the Windows ones */
  linux?: boolean;
}

const SHELLS = /\\(?:cmd|powershell|pwsh|wscript|cscript|mshta|rundll32|regsvr32|certutil|bitsadmin|msbuild|installutil|schtasks|wmic|bash|sh)\.exe$/i;
const OFFICE = /\\(?:winword|excel|powerpnt|outlook|onenote|msaccess|mspub|visio)\.exe$/i;
/** web servers and database engines whose children are a web shell's or xp_cmdshell's commands */
const SERVERS = /\\(?:w3wp|httpd|nginx|php-cgi|php|tomcat\d*|tomcat\d*w|sqlservr|umworkerprocess|ssms)\.exe$/i;
const RECON_IMAGE = /\\(?:whoami|net1?|ipconfig|systeminfo|nltest|quser|qwinsta|tasklist|netstat|arp|route|hostname|nslookup|dsquery|adfind|klist|cmdkey|wmic)\.exe$/i;

/** Each rule: a test on the lower-cased command line (and image, parent) and what it means. */
const RULES: readonly (ProcessRule & { test: (cmd: string, image: string, parent: string) => boolean })[] = [
  {
    id: 'lsass',
    name: 'LSASS memory dumped',
    severity: 'high',
    why: 'a dump of LSASS holds the passwords and hashes of everyone logged on; procdump -ma lsass, rundll32 comsvcs.dll MiniDump and nanodump are how intruders take it (T1003.001)',
    // procdump renamed (pd64.exe) still takes -ma lsass; Task Manager's own dump is lsass.DMP in the user's Temp, not a command line
    test: (c) => /\bprocdump(?:64)?(?:\.exe)?\b.*\blsass/.test(c) || /\s[-/]m[ap]\s+["']?lsass(?:\.exe)?\b/.test(c) || /comsvcs(?:\.dll)?["',\s]+(?:#\s*24|minidump)\b/.test(c) || /\bsqldumper(?:\.exe)?\b.*\b0x0*1100\b/.test(c) || /\b(?:nanodump|pypykatz|lsassy|handlekatz)\b/.test(c) || /\bout-minidump\b/.test(c),
  },
  {
    id: 'mimikatz',
    name: 'Mimikatz',
    severity: 'high',
    why: 'Mimikatz commands read passwords, hashes and Kerberos tickets out of memory and forge tickets (T1003, T1558)',
    test: (c) => /\bmimikatz\b|sekurlsa::|lsadump::|kerberos::(?:golden|ptt|list)|privilege::debug|token::elevate|invoke-mimikatz|crypto::capi/.test(c),
  },
  {
    id: 'hives',
    name: 'registry hives copied',
    severity: 'high',
    why: 'the SAM, SYSTEM and SECURITY hives copied out hold the local accounts\' password hashes and cached domain credentials for cracking offline (T1003.002)',
    test: (c) => /\breg(?:\.exe)?["']?\s+(?:save|export)\s+["']?hklm\\(?:sam|system|security)\b/.test(c) || /\\(?:config\\)?(?:sam|system|security)["']?\s+.*\\(?:temp|users\\public|programdata)\\/.test(c) && /\b(?:copy|esentutl)\b/.test(c),
  },
  {
    id: 'ntds',
    name: 'NTDS.dit copied',
    severity: 'high',
    why: 'NTDS.dit is the domain\'s account database; ntdsutil "ifm" or a shadow copy of it gives every domain password hash (T1003.003)',
    test: (c) => (/\bntdsutil\b/.test(c) && /\bifm\b|create\s+full/.test(c)) || (/\bntds\.dit\b/.test(c) && /\b(?:copy|esentutl|robocopy|xcopy)\b/.test(c)),
  },
  {
    id: 'recovery',
    name: 'backups and shadow copies deleted',
    severity: 'high',
    why: 'deleting shadow copies and backup catalogs, or turning off Windows recovery, is what ransomware does right before it encrypts (T1490)',
    test: (c) => /\bvssadmin(?:\.exe)?["']?\s+(?:delete\s+shadows|resize\s+shadowstorage)/.test(c) || /\bwmic(?:\.exe)?["']?\s+shadowcopy\s+delete/.test(c) || /win32_shadowcopy.*(?:delete|remove-wmiobject|remove-ciminstance)/.test(c) || /\bbcdedit(?:\.exe)?["']?\s.*(?:recoveryenabled\s+no|bootstatuspolicy\s+ignoreallfailures)/.test(c) || /\bwbadmin(?:\.exe)?["']?\s+delete\s+(?:catalog|systemstatebackup|backup)/.test(c),
  },
  {
    id: 'logclear',
    name: 'event logs cleared',
    severity: 'high',
    why: 'clearing event logs from the command line destroys the evidence of what came before (T1070.001)',
    test: (c) => /\bwevtutil(?:\.exe)?["']?\s+(?:cl|clear-log)\s/.test(c) || /\bclear-eventlog\b|\bremove-eventlog\b|\[system\.diagnostics\.eventing\.reader\.eventlogsession\]::globalsession\.clearlog/.test(c),
  },
  {
    id: 'defenses',
    name: 'Defender or the firewall turned off',
    severity: 'high',
    why: 'turning off Defender\'s real-time protection, excluding a folder from it, blinding AMSI or dropping the firewall clears the way for the tools that follow (T1562.001, T1562.004)',
    test: (c) =>
      /set-mppreference\s.*-disable(?:realtimemonitoring|behaviormonitoring|ioavprotection|scriptscanning|intrusionpreventionsystem|blockatfirstseen)\s+(?:\$true|1)/.test(c) ||
      /add-mppreference\s.*-exclusion(?:path|process|extension)/.test(c) ||
      /\bsc(?:\.exe)?["']?\s+(?:stop|delete|config)\s+windefend\b/.test(c) ||
      /\bnetsh(?:\.exe)?["']?\s+(?:advfirewall\s+set\s+\w+\s+state\s+off|firewall\s+set\s+opmode\s+(?:mode=)?disable)/.test(c) ||
      /amsiutils|amsiinitfailed|amsiscanbuffer/.test(c),
  },
  {
    id: 'download',
    name: 'code downloaded with a built-in tool',
    severity: 'high',
    why: 'built-in Windows tools that fetch and run code from a web address (certutil -urlcache, bitsadmin /transfer, PowerShell\'s DownloadString, mshta or regsvr32 on a URL) are how intruders bring their tools in without dropping an installer (T1105, T1218)',
    test: (c) =>
      (/\b(?:downloadstring|downloadfile|downloaddata|invoke-webrequest|invoke-restmethod|start-bitstransfer|net\.webclient)\b|\biwr\s|\birm\s/.test(c) && /(?:https?|ftp):\/\//.test(c) && /\b(?:iex|invoke-expression|downloadstring|\.exe|\.ps1|\.dll|\.hta|start-process)\b/.test(c)) ||
      /\bcertutil(?:\.exe)?["']?\s.*-(?:urlcache|verifyctl)\b.*(?:https?|ftp):\/\//.test(c) ||
      /\bcertutil(?:\.exe)?["']?\s.*-decode\b/.test(c) ||
      /\bbitsadmin(?:\.exe)?["']?\s.*\/(?:transfer|addfile)\b.*(?:https?|ftp):\/\//.test(c) ||
      /\bmshta(?:\.exe)?["']?\s+["']?(?:https?|javascript|vbscript):/.test(c) ||
      /\bregsvr32(?:\.exe)?["']?\s.*\/i:\s*["']?(?:https?|ftp):/.test(c) ||
      /\brundll32(?:\.exe)?["']?\s.*(?:javascript:|url\.dll,(?:openurl|fileprotocolhandler))/.test(c),
  },
  {
    id: 'encoded',
    name: 'encoded PowerShell',
    severity: 'medium',
    why: 'PowerShell run with an encoded command hides what it does from a reader of the command line; software rarely needs it, intruders and malware often do (T1059.001, T1027)',
    test: (c, image) => (/\b(?:powershell|pwsh)(?:\.exe)?\b/.test(c) || /\\(?:powershell|pwsh)\.exe$/.test(image)) && /\s[-/]e(?:c|n|nc|nco|ncod|ncode|ncoded|ncodedc|ncodedco|ncodedcom|ncodedcomm|ncodedcomma|ncodedcomman|ncodedcommand)?\s+["']?[a-z0-9+/]{24,}={0,2}/.test(c),
  },
  {
    id: 'office',
    name: 'an Office program started a shell',
    severity: 'high',
    why: 'Word, Excel or Outlook starting a command shell, PowerShell or a script host is a malicious macro or document exploit running (T1566.001, T1204.002)',
    test: (_c, image, parent) => OFFICE.test(parent) && SHELLS.test(image),
  },
  {
    id: 'server',
    name: 'a web or database server started a shell',
    severity: 'high',
    why: 'IIS (w3wp), Apache, PHP, Tomcat or SQL Server starting a command shell or reconnaissance commands is a web shell or xp_cmdshell running an intruder\'s commands (T1505.003, T1190)',
    test: (_c, image, parent) => SERVERS.test(parent) && (SHELLS.test(image) || RECON_IMAGE.test(image)) && !/\\(?:php-cgi|php)\.exe$/.test(image),
  },
  {
    id: 'account',
    name: 'an account made or made an administrator',
    severity: 'high',
    why: 'creating a user or adding one to Administrators or Domain Admins from the command line is an intruder\'s way back in (T1136.001, T1098)',
    test: (c) => /\bnet1?(?:\.exe)?["']?\s+user\s+\S+\s+\S+.*\s\/add\b/.test(c) || /\bnet1?(?:\.exe)?["']?\s+(?:localgroup\s+(?:"?administrators"?|"?remote desktop users"?)|group\s+"?(?:domain|enterprise) admins"?)\s+\S+.*\/add\b/.test(c) || /\badd-localgroupmember\s.*administrators/.test(c),
  },
  {
    id: 'runkey',
    name: 'a Run key set',
    severity: 'medium',
    why: 'a program added under the Run or RunOnce keys starts at every logon: the commonest persistence (T1547.001); an updater can do it too, so look at the program',
    test: (c) => (/\breg(?:\.exe)?["']?\s+add\s+["']?hk(?:lm|cu|ey_local_machine|ey_current_user)\\software\\(?:wow6432node\\)?microsoft\\windows\\currentversion\\run(?:once)?\b/.test(c) || /new-itemproperty\s.*\\currentversion\\run(?:once)?\b/.test(c)),
  },
  {
    id: 'remote',
    name: 'commands run on another machine',
    severity: 'medium',
    why: 'WMI, PsExec, WinRM or a service created on another host runs commands there: lateral movement when it is not an administrator\'s routine (T1047, T1021, T1569.002)',
    test: (c) => /\bwmic(?:\.exe)?["']?\s+\/node:\s*["']?(?!localhost|127\.0\.0\.1|\.)[^\s"']+.*\bprocess\s+call\s+create\b/.test(c) || /\bpsexec(?:64)?(?:\.exe)?["']?\s.*\\\\[^\s\\]+/.test(c) || /\bwinrs(?:\.exe)?["']?\s.*-r(?:emote)?:/.test(c) || /\bsc(?:\.exe)?["']?\s+\\\\[^\s\\]+\s+create\b/.test(c),
  },
  {
    id: 'adrecon',
    name: 'Active Directory mapped',
    severity: 'high',
    why: 'AdFind, SharpHound and BloodHound map the whole domain (users, groups, admins, trusts) to plan the path to Domain Admins; ransomware crews run them days before encrypting (T1087.002, T1482)',
    test: (c, image) => /\badfind(?:\.exe)?["']?\s.*(?:objectcategory|-f\s|-sc\s|trustdmp|dcmodes|-gcb)/.test(c) || /\\adfind\.exe$/.test(image) || /\b(?:sharphound|bloodhound|invoke-bloodhound)\b|--collectionmethods?\b|-collectionmethod\b/.test(c),
  },
];

/** Reconnaissance commands: alone they are an administrator's daily work; many within minutes are hands on a keyboard. */
const DISCOVERY: readonly [string, RegExp][] = [
  ['whoami', /\bwhoami(?:\.exe)?\b/],
  ['net user /domain', /\bnet1?(?:\.exe)?["']?\s+user\b.*\/do(?:main)?\b/],
  ['net group', /\bnet1?(?:\.exe)?["']?\s+group\b/],
  ['net localgroup', /\bnet1?(?:\.exe)?["']?\s+localgroup\b(?!.*\/add)/],
  ['net view', /\bnet1?(?:\.exe)?["']?\s+view\b/],
  ['net share', /\bnet1?(?:\.exe)?["']?\s+share\b/],
  ['net accounts', /\bnet1?(?:\.exe)?["']?\s+accounts\b/],
  ['nltest', /\bnltest(?:\.exe)?["']?\s+\/(?:dclist|domain_trusts|dsgetdc|all_trusts)/],
  ['systeminfo', /\bsysteminfo(?:\.exe)?\b/],
  ['ipconfig /all', /\bipconfig(?:\.exe)?["']?\s+\/all\b/],
  ['quser', /\b(?:quser|qwinsta)(?:\.exe)?\b|\bquery\s+(?:user|session)\b/],
  ['tasklist', /\btasklist(?:\.exe)?\b/],
  ['netstat', /\bnetstat(?:\.exe)?["']?\s+-[a-z]*n/],
  ['arp -a', /\barp(?:\.exe)?["']?\s+-a\b/],
  ['route print', /\broute(?:\.exe)?["']?\s+print\b/],
  ['dsquery', /\bdsquery(?:\.exe)?\b/],
  ['klist', /\bklist(?:\.exe)?\b/],
  ['cmdkey /list', /\bcmdkey(?:\.exe)?["']?\s+\/l(?:ist)?\b/],
  ['Get-AD*', /\bget-ad(?:user|computer|group|groupmember|domain|trust|domaincontroller)\b/],
  ['wmic useraccount/group/qfe', /\bwmic(?:\.exe)?["']?\s+(?:useraccount|group|qfe|computersystem|product)\b/],
];

/** The rules a process matches (none: an ordinary process). */
/**
 * The characters of a command line or script block the rules read: a Windows command line holds
 * at most 32,767, and a few rules have two open-ended parts (`a.*b`), which on a hostile megabyte
 * of repeats would take seconds; what gives an intruder away sits at the start.
 */
const MATCH_CHARS = 16_384;

export function processRules(f: ProcessFacts): ProcessRule[] {
  const cmd = (f.command ?? '').slice(0, MATCH_CHARS).toLowerCase();
  const image = (f.image ?? '').toLowerCase();
  const parent = (f.parent ?? '').toLowerCase();
  if (!cmd && !image) return [];
  const withImage = cmd || image;
  const out: ProcessRule[] = [];
  if (f.linux) {
    for (const r of LINUX_RULES) if (r.test(cmd)) out.push({ id: r.id, name: r.name, severity: r.severity, why: r.why });
    // where a program ran from matters when nothing says what it is: a miner in /tmp/.x is a miner, said once
    if (out.length > 1 && out.some((r) => r.id === 'hidden')) out.splice(out.findIndex((r) => r.id === 'hidden'), 1);
    const decoded = out.some((r) => r.id === 'decodeexec') || /base64|decode/.test(cmd) ? decodedShellCommand(f.command ?? '') : null;
    if (decoded) {
      // what the hidden command does is named too (the finding quotes the decoded text); never run
      const inner = processRules({ ...f, command: decoded }).filter((r) => !out.some((o) => o.id === r.id));
      return [...inner, ...out];
    }
    return out;
  }
  for (const r of RULES) if (r.test(withImage, image, parent)) out.push({ id: r.id, name: r.name, severity: r.severity, why: r.why });
  // an encoded command that decodes to a download cradle is a download, said once
  if (out.some((r) => r.id === 'encoded') && out.some((r) => r.id === 'download')) return out.filter((r) => r.id !== 'encoded');
  if (out.some((r) => r.id === 'encoded')) {
    const decoded = decodedCommand(f.command ?? '');
    if (decoded) {
      const inner = processRules({ image: f.image, command: decoded, parent: f.parent }).filter((r) => r.id !== 'encoded');
      // what the decoded command does is the finding (it quotes the decoded text); "encoded" would say it twice
      if (inner.length) return [...inner.filter((r) => !out.some((o) => o.id === r.id)), ...out.filter((r) => r.id !== 'encoded')];
    }
  }
  return out;
}

/** The reconnaissance command this is, or null. */
export function discoveryCommand(f: ProcessFacts): string | null {
  const cmd = (f.command ?? f.image ?? '').slice(0, MATCH_CHARS).toLowerCase();
  if (!cmd) return null;
  // auditd's a0 may be the full path (/usr/bin/id): judged by the program's name
  for (const [name, re] of f.linux ? LINUX_DISCOVERY : DISCOVERY) if (re.test(f.linux ? cmd.replace(/^\S*\//, '') : cmd)) return name;
  return null;
}

/**
 * PowerShell's -EncodedCommand decoded (Base64 of UTF-16LE), when the command carries one: shown
 * in the finding as text, never run. Null when there is none or it does not decode to text.
 */
export function decodedCommand(command: string): string | null {
  const m = /\s[-/]e(?:c|n|nc|nco|ncod|ncode|ncoded|ncodedc|ncodedco|ncodedcom|ncodedcomm|ncodedcomma|ncodedcomman|ncodedcommand)?\s+["']?([A-Za-z0-9+/]{24,}={0,2})/i.exec(command);
  if (!m) return null;
  const buf = Buffer.from(m[1]!, 'base64');
  if (buf.length < 4) return null;
  const text = buf.toString('utf16le');
  // printable text, or it was not UTF-16LE PowerShell
  return readable(text) ? text : null;
}
