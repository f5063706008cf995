// Round 8: the user agents scanners send, as they send them. Each tool probes a shop's access log
// a few times from its own address; the vulnerability-management products also from inside;
// internet-wide research scanners visit a few times each; shoppers browse.

const T0 = Date.UTC(2026, 3, 15, 10, 0, 0);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');
const clf = (ms: number): string => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
};
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36';

/**
 * Attack and assessment tools by the name matchTool gives them, with a user agent each writes.
 * Burp, ZAP, dirsearch, Nexpose/InsightVM and Tenable WAS send a browser's agent by default and
 * are recognisable by it only when a scan names the product (a configured agent, older versions):
 * their strings here are of that form; Burp's Collaborator callbacks are caught as payloads.
 */
export const TOOL_AGENTS: [string, string][] = [
  ['Qualys', 'Qualys WAS'],
  ['Nexpose/InsightVM', 'Mozilla/5.0 (compatible; Nexpose; +https://www.rapid7.com)'],
  ['Tenable', 'Mozilla/5.0 (compatible; Tenable.io WAS)'],
  ['Nessus', 'Mozilla/5.0 (compatible; Nessus SOAP)'],
  ['Acunetix', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/91.0.4472.124 Safari/537.36 acunetix_wvs_security_test'],
  ['Netsparker', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.0 Safari/537.36 Netsparker'],
  ['Invicti', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0.0.0 Safari/537.36 Invicti'],
  ['Burp Suite', 'Mozilla/5.0 (compatible; Burp Suite Professional)'],
  ['OWASP ZAP', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:109.0) Gecko/20100101 Firefox/115.0 OWASP ZAP'],
  ['Nuclei', 'Nuclei - Open-source project (github.com/projectdiscovery/nuclei)'],
  ['Nikto', 'Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:Port Check)'],
  ['sqlmap', 'sqlmap/1.8.2#stable (https://sqlmap.org)'],
  ['WPScan', 'WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner)'],
  ['Wapiti', 'Wapiti-2.3.0 (wapiti.sourceforge.net)'],
  ['Arachni', 'Arachni/v1.5.1'],
  ['skipfish', 'Mozilla/5.0 SF/2.10b'],
  ['w3af', 'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0; w3af.org)'],
  ['DirBuster', 'DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)'],
  ['gobuster', 'gobuster/3.6'],
  ['ffuf', 'Fuzz Faster U Fool v2.1.0-dev'],
  ['feroxbuster', 'feroxbuster/2.10.4'],
  ['dirsearch', 'Mozilla/5.0 (compatible; dirsearch/0.4.3)'],
];
// masscan and ZGrab, the tools internet-wide scans are made with, are low background unless they do
// more than such a scan (round 9: planted9web.test.ts)

/** Internet-wide research scanners, with the agents their crawlers send. */
export const RESEARCH_AGENTS: [string, string][] = [
  ['Censys', 'Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)'],
  ['Expanse (Palo Alto Networks)', "Expanse, a Palo Alto Networks company, searches across the global IPv4 space multiple times per day to identify customers' presences on the Internet. If you would like to be excluded from our scans, please send IP addresses/domains to: scaninfo@paloaltonetworks.com"],
  ['LeakIX', 'Mozilla/5.0 (l9explore/1.2.2)'],
  ['InternetMeasurement', 'Mozilla/5.0 (compatible; InternetMeasurement/1.0; +https://internet-measurement.com/)'],
];

/** The vulnerability-management products, also run from inside (10.30.0.x). */
export const VULN_MANAGEMENT = ['Qualys', 'Nexpose/InsightVM', 'Tenable', 'Nessus'];

export const BURP_IP = '198.51.100.90';
export const toolIp = (i: number): string => `198.51.100.${10 + i}`;
export const insideIp = (i: number): string => `10.30.0.${20 + i}`;
export const researchIp = (i: number): string => `192.0.2.${30 + i}`;

export function scannerAgents(): string[] {
  const out: { ms: number; line: string }[] = [];
  const req = (ms: number, ip: string, path: string, status: number, ua: string): void => {
    out.push({ ms, line: `${ip} - - [${clf(ms)}] "GET ${path} HTTP/1.1" ${status} ${status === 200 ? 5120 : 196} "-" "${ua}"` });
  };
  // each tool: a handful of requests for pages that are there and one that is not
  TOOL_AGENTS.forEach(([, ua], i) => {
    for (let k = 0; k < 4; k++) req(T0 + 600_000 + i * 60_000 + k * 2_000, toolIp(i), ['/', '/login', '/products', '/admin/'][k]!, k === 3 ? 404 : 200, ua);
  });
  TOOL_AGENTS.filter(([name]) => VULN_MANAGEMENT.includes(name)).forEach(([, ua], i) => {
    for (let k = 0; k < 4; k++) req(T0 + 3_000_000 + i * 60_000 + k * 2_000, insideIp(i), ['/', '/login', '/products', '/server-status'][k]!, k === 3 ? 403 : 200, ua);
  });
  // research scanners: the home page and robots.txt, twice a day
  RESEARCH_AGENTS.forEach(([, ua], i) => {
    for (let k = 0; k < 3; k++) req(T0 + i * 90_000 + k * 21_600_000, researchIp(i), k === 1 ? '/robots.txt' : '/', k === 1 ? 404 : 200, ua);
  });
  // Burp Suite with its default (browser) agent: known by the Collaborator host its payloads call back
  req(T0 + 5_000_000, BURP_IP, '/api/preview?url=http://q7x2m9kd1c.oastify.com/', 200, BROWSER);
  req(T0 + 5_004_000, BURP_IP, '/api/preview?url=http://xr4b8n0p2e.burpcollaborator.net/ping', 200, BROWSER);
  for (let i = 0; i < 300; i++) req(T0 + i * 100_000, `81.2.${69 + (i % 7)}.${(i * 37) % 250}`, ['/', '/products', '/cart', '/static/app.js'][i % 4]!, 200, BROWSER);
  return out.sort((a, b) => a.ms - b.ms).map((o) => o.line);
}
