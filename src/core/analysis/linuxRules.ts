// Process rules for Linux hosts (auditd EXECVE records, osquery's process rows): what follows a
// web shell or a guessed SSH password, as incident write-ups and Sigma's linux/process_creation
// rules describe it. Each rule is tested on the lower-cased command line; an encoded command
// (`echo … | base64 -d | bash`, Python's exec(b64decode(…))) is decoded as text, never run, and
// the rules are tried on what it says too.
import type { ProcessRule } from './processEvents';

/** Services whose stopping blinds a Linux machine: auditing, logging and security agents. */
const MONITORS = 'auditd|rsyslog|syslog-ng|systemd-journald|falcon-sensor|wazuh-agent|ossec|osqueryd|auditbeat|filebeat|elastic-agent|mdatp|sentinelone|cbagentd|aliyun|aegis|qualys-cloud-agent|amazon-cloudwatch-agent';

/** File-sharing and paste services used to take data out without the intruder's own server. */
const FILE_SHARES = /\b(?:transfer\.sh|file\.io|temp\.sh|0x0\.st|bashupload\.com|oshi\.at|gofile\.io|anonfiles|catbox\.moe|litterbox\.catbox\.moe|pastebin\.com|paste\.ee|termbin\.com|ufile\.io|filebin\.net|mega\.nz|dropbox\.com|api\.telegram\.org|discord(?:app)?\.com\/api\/webhooks)\b/;

/** The same for a Linux host (auditd EXECVE records): what follows a web shell or a guessed SSH password. */
export const LINUX_RULES: readonly (ProcessRule & { test: (cmd: string) => boolean })[] = [
  {
    id: 'revshell',
    name: 'a reverse shell',
    severity: 'high',
    why: 'a shell whose input and output are wired to a network connection (bash -i >& /dev/tcp, nc -e, a Python, Perl or PHP socket, socat exec) hands the machine to whoever listens at the other end (T1059.004)',
    test: (c) => /\/dev\/(?:tcp|udp)\/[^\s/]+\/\d+/.test(c) || /\b(?:nc|ncat|netcat)\b.*\s-[a-z]*[ec]\s+\/?(?:bin\/|usr\/bin\/)?(?:ba|z|da)?sh\b/.test(c) || /\bmkfifo\b.*\b(?:nc|ncat|telnet)\b/.test(c) || /\b(?:python[23]?|perl|ruby|php)\b.*\b(?:socket|fsockopen)\b.*(?:pty\.spawn|subprocess|\/bin\/(?:ba)?sh|exec)/.test(c) || /\bsocat\b.*\bexec:/.test(c),
  },
  {
    id: 'fetchexec',
    name: 'a script downloaded and run',
    severity: 'high',
    why: 'fetching a file with curl or wget and piping it to a shell, or saving it to /tmp or /dev/shm and making it executable, is how intruders and botnets (miners, Mirai) install their tools (T1105, T1059.004)',
    test: (c) => /\b(?:curl|wget|fetch)\b[^|;&]*(?:https?|ftp):\/\/[^|;&]*\|\s*(?:sudo\s+)?(?:ba|da|z)?sh\b/.test(c) || (/\b(?:curl|wget)\b.*(?:https?|ftp):\/\//.test(c) && /(?:\/tmp\/|\/dev\/shm\/|\/var\/tmp\/)/.test(c) && /\bchmod\b|\+x\b/.test(c)),
  },
  {
    id: 'shadow',
    name: 'password hashes read',
    severity: 'high',
    why: 'reading /etc/shadow (or unshadow) takes every local account\'s password hash for cracking offline (T1003.008)',
    test: (c) => /\b(?:cat|less|more|head|tail|cp|scp|base64|xxd|strings|grep)\b[^|;&]*\/etc\/(?:shadow|gshadow)\b/.test(c) || /\bunshadow\b/.test(c),
  },
  {
    id: 'wipe',
    name: 'shell history or logs wiped',
    severity: 'high',
    why: 'clearing shell history, pointing it at /dev/null or emptying the logs under /var/log destroys the record of what was done (T1070.002, T1070.003)',
    test: (c) => /\bhistory\s+-c\b|\bunset\s+histfile\b|histfile=\/dev\/null|\bln\s+-sf?\s+\/dev\/null\s+\S*\.(?:bash|zsh)_history/.test(c) || /\b(?:rm|shred|truncate)\b[^|;&]*\/var\/log\/(?:auth|secure|syslog|messages|wtmp|btmp|lastlog|audit)/.test(c) || /(?:^|\s)>\s*\/var\/log\/(?:auth|secure|syslog|messages|wtmp|btmp|lastlog)/.test(c),
  },
  {
    id: 'miner',
    name: 'a cryptocurrency miner',
    severity: 'high',
    why: 'xmrig and other miners, or a stratum mining-pool address on a command line, turn the machine\'s CPUs into someone else\'s income: the commonest payload on a compromised Linux server (T1496)',
    test: (c) => /\b(?:xmrig|xmr-stak|minerd|cpuminer|kdevtmpfsi|kinsing)\b|stratum\+(?:tcp|ssl):\/\//.test(c),
  },
  {
    id: 'privesc',
    name: 'a privilege-escalation scan',
    severity: 'high',
    why: 'LinPEAS, LinEnum, linux-exploit-suggester, pspy or a search for set-uid programs is an intruder on an unprivileged account looking for the way to root (T1068, T1083)',
    test: (c) => /\b(?:linpeas|linenum|lse\.sh|linux-exploit-suggester|les\.sh|pspy(?:32|64)?)\b/.test(c) || /\bfind\s+\/\s.*-perm\s+[-/]?(?:u=s|4000|2000|6000)\b/.test(c),
  },
  {
    id: 'sshkey',
    name: 'an SSH key planted',
    severity: 'high',
    why: 'appending a key to authorized_keys from a command line gives whoever holds the key a way back in that survives a password change (T1098.004)',
    test: (c) => /(?:>>|\btee\s+-a)\s*\S*\.ssh\/authorized_keys\b/.test(c),
  },
  {
    id: 'decodeexec',
    name: 'an encoded command run',
    severity: 'high',
    why: 'a command hidden in Base64 or hex and decoded straight into a shell or an interpreter is how droppers, miners and web-shell operators keep their commands out of logs and past filters (T1140, T1059.004)',
    test: (c) =>
      /\b(?:base64\s+(?:-\w*d\w*|--decode)|openssl\s+(?:enc\s+)?-?base64\s+-d|xxd\s+-r\w*(?:\s+-p)?)\b[^|;&]*\|\s*(?:sudo\s+)?(?:\S*\/)?(?:(?:ba|da|z|k)?sh|python[\d.]*|perl|php|ruby)\b/.test(c) ||
      (/\b(?:python[\d.]*|perl|ruby|php)\b/.test(c) && /\b(?:b64decode|decode_base64|base64_decode|decodebytes)\b|unpack\(\s*["']m/.test(c) && /\b(?:exec|eval|system|popen|assert)\s*\(/.test(c)),
  },
  {
    id: 'cron',
    name: 'a cron job or service written from a command line',
    severity: 'medium',
    why: 'a line piped into `crontab -`, or echoed into /etc/crontab, /etc/cron.d, a systemd unit or rc.local, runs again on every schedule or boot: the persistence miners and bots install first (configuration management writes these files, but not with echo) (T1053.003, T1543.002, T1037.004)',
    test: (c) => /\|\s*crontab\s+(?:-u\s+\S+\s+)?-(?:\s|$)/.test(c) || /(?:>>?|\btee\b(?:\s+-a)?)\s*(?:\/etc\/(?:crontab|cron\.(?:d|hourly|daily|weekly|monthly)\/\S*|rc\.local|init\.d\/\S+|systemd\/system\/\S+\.(?:service|timer))|\/var\/spool\/cron\/\S*|\/(?:usr\/)?lib\/systemd\/system\/\S+\.(?:service|timer))/.test(c),
  },
  {
    id: 'auditoff',
    name: 'logging or monitoring turned off',
    severity: 'high',
    why: 'stopping auditd, the syslog daemon or a security agent, or telling the kernel to stop auditing, blinds the machine for whatever comes next: intruders do it right after getting root (T1562.001, T1562.012)',
    test: (c) =>
      new RegExp(`\\b(?:systemctl\\s+(?:stop|disable|mask|kill)(?:\\s+--now)?|service)\\s+(?:${MONITORS})\\b(?:\\.service)?(?!\\s+(?:status|start|restart|reload))`).test(c) ||
      /\bauditctl\s+(?:-e\s*0|-d\b)/.test(c) ||
      new RegExp(`\\b(?:kill(?:all)?|pkill)\\b[^|;&]*\\b(?:${MONITORS})d?\\b`).test(c),
  },
  {
    id: 'defenceoff',
    name: 'host defences turned off',
    severity: 'medium',
    why: 'SELinux or AppArmor set to permissive, the firewall flushed or disabled: miner and botnet install scripts do this first so their tools run and their pool is reachable; an administrator troubleshooting does it too, briefly (T1562.004, T1562.001)',
    test: (c) => /\bsetenforce\s+0\b|\bselinux=disabled\b|\bufw\s+disable\b|\biptables\s+(?:-t\s+\w+\s+)?(?:-f|--flush)\b|\bsystemctl\s+(?:stop|disable|mask)(?:\s+--now)?\s+(?:firewalld|apparmor|ufw|nftables)\b|\baa-teardown\b|\bnft\s+flush\s+ruleset\b/.test(c),
  },
  {
    id: 'suid',
    name: 'a set-uid shell',
    severity: 'high',
    why: 'making a shell, an interpreter or a file in /tmp set-uid gives anyone who runs it the owner\'s rights (root): a back door that survives a password change (T1548.001)',
    test: (c) => /\bchmod\s+(?:-\w+\s+)*(?:[ugoa]*\+[rwxt]*s[rwxt]*|0?[4-7][0-7]{3})\s+(?:\S+\s+)*?\S*(?:\/(?:ba|da|z|k|c|tc)?sh|\/python[\d.]*|\/perl|\/find|\/vim?|\/env|\/(?:tmp|dev\/shm|var\/tmp)\/\S+)(?:\s|$)/.test(c),
  },
  {
    id: 'preload',
    name: 'a library preloaded into every process',
    severity: 'high',
    why: 'a library named in /etc/ld.so.preload is loaded into every program the machine starts: user-land rootkits (libprocesshider, Azazel, Jynx) hide processes and files this way (T1574.006, T1014)',
    test: (c) => /(?:>>?|\btee\b(?:\s+-a)?|\b(?:cp|mv|ln\s+-\w+|install)\b[^|;&]*)\s*\/etc\/ld\.so\.preload\b/.test(c),
  },
  {
    id: 'kmod',
    name: 'a kernel module loaded from a user folder',
    severity: 'high',
    why: 'a kernel module loaded from /tmp, a home folder or the working directory (packages install theirs under /lib/modules), or one named like a known rootkit (Diamorphine, Reptile), runs inside the kernel and can hide everything else (T1547.006, T1014)',
    test: (c) => /\b(?:insmod|modprobe)\b[^|;&]*?(?:\s|^)(?:\/tmp\/|\/dev\/shm\/|\/var\/tmp\/|\/home\/|\/root\/|\.\.?\/)\S*\.ko\b/.test(c) || /\b(?:insmod|modprobe)\b[^|;&]*\b(?:diamorphine|reptile|suterusu|kovid|adore-ng)/.test(c),
  },
  {
    id: 'uid0',
    name: 'a second root account',
    severity: 'high',
    why: 'an account made with user id 0 is root under another name: a back door that is easy to miss in a list of users (T1136.001)',
    test: (c) => /\b(?:useradd|adduser|usermod)\b[^|;&]*\s(?:-u|--uid)(?:\s+|=)0(?:\s|$)/.test(c) || /(?:>>|\btee\s+-a)\s*\/etc\/passwd\b/.test(c) && /:0:0:/.test(c),
  },
  {
    id: 'lockfiles',
    name: 'files locked against removal',
    severity: 'high',
    why: 'chattr +i on a crontab, authorized_keys, /etc/passwd or a file in /tmp makes it immutable, even to root\'s rm: miners lock their cron jobs and keys this way so a clean-up fails (chattr -i unlocks them first to plant their own) (T1222.002)',
    test: (c) => /\bchattr\s+(?:-\w+\s+)*[+-][a-z]*i[a-z]*\s+(?:\S+\s+)*?\S*(?:cron|authorized_keys|\/etc\/(?:passwd|shadow|ld\.so\.preload|rc\.local|sudoers)|\/(?:tmp|dev\/shm|var\/tmp)\/)/.test(c),
  },
  {
    id: 'exfil',
    name: 'files sent to a file-sharing service',
    severity: 'high',
    why: 'an upload with curl to transfer.sh, file.io, 0x0.st or a paste site, or rclone copying to a cloud remote, is how intruders take data off a server without their own infrastructure (T1567.002, T1048)',
    test: (c) => (/\b(?:curl|wget)\b[^|;&]*(?:\s-t\s|\s--upload-file\b|\s-f\s*["']?[\w.-]+=@|\s--data-binary\s+["']?@|\s--post-file[\s=])/.test(c) && FILE_SHARES.test(c)) || /\brclone\s+(?:copy|sync|move|copyto)\b[^|;&]*\s\S+:/.test(c),
  },
  {
    id: 'hidden',
    name: 'a program run from a hiding place',
    severity: 'high',
    why: 'packages never install programs in /dev/shm or in a dot-folder under /tmp: a binary started from there is a dropped tool, a miner or a bot (T1564.001, T1059.004)',
    test: (c) => /^(?:\/dev\/shm\/|(?:\/var)?\/tmp\/(?:\S*\/)?\.)\S+/.test(c),
  },
];


export const LINUX_DISCOVERY: readonly [string, RegExp][] = [
  ['id', /^id(?:\s|$)/],
  ['whoami', /^whoami\b/],
  ['uname', /^uname\s+-[a-z]*a/],
  ['hostname', /^hostname(?:\s|$)/],
  ['cat /etc/passwd', /\/etc\/passwd\b/],
  ['cat /etc/*release', /\/etc\/(?:[\w-]*release|issue)\b/],
  ['sudo -l', /^sudo\s+-l\b/],
  ['ps', /^ps\s+(?:-?aux|-ef)\b/],
  ['netstat/ss', /^(?:netstat|ss)\s+-[a-z]*[tl]/],
  ['ifconfig/ip', /^(?:ifconfig|ip\s+(?:a|addr|r|route))\b/],
  ['w/who/last', /^(?:w|who|last|lastlog)(?:\s|$)/],
  ['crontab -l', /^crontab\s+-l\b/],
  ['cat .bash_history', /\.bash_history\b/],
];

/** A Base64 literal a Linux command decodes (`echo X | base64 -d`, `base64 -d <<< X`, `b64decode("X")`), as text; null when none or not text. */
export function decodedShellCommand(command: string): string | null {
  const m =
    /(?:echo|printf)\s+(?:-\w+\s+)?["']?([A-Za-z0-9+/]{16,}={0,2})["']?\s*\|\s*(?:\S*\/)?base64\s+(?:-\w*d|--decode)/.exec(command) ??
    /base64\s+(?:-\w*d\w*|--decode)\s*<<<\s*["']?([A-Za-z0-9+/]{16,}={0,2})/.exec(command) ??
    /(?:b64decode|decodebytes|decode_base64|base64_decode)\s*\(\s*b?["']([A-Za-z0-9+/]{16,}={0,2})["']/.exec(command);
  if (!m) return null;
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  return text.length >= 4 && readable(text) ? text : null;
}

/** Whether decoded bytes read as text (over 90 % printable ASCII, tabs and newlines): a command, not binary; shared with PowerShell's decoder. */
export function readable(text: string): boolean {
  let printable = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) printable++;
  }
  return text.length > 0 && printable / text.length > 0.9;
}
