// Web attack payload recognition: normalises attacker-written request text (repeated URL
// decoding, HTML entities, case folding, SQL comments) and matches SQLi, XSS, traversal,
// command injection, JNDI, Shellshock, SSRF, CRLF, XXE, OGNL, deserialization, LDAP and
// prototype pollution patterns. Pure functions; never executes anything.
import type { PayloadKind } from './types';
import { REFERRER_PAYLOAD_RE } from './eventKind';

const MAX_INPUT = 8192;
// control characters (NUL, bidi and escape tricks live in logs) are shown as a middle dot
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

function decodeOnce(s: string): string {
  // decodeURIComponent throws on a lone '%', so decode escape by escape (bytes as Latin-1 when not UTF-8)
  return s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    }
  });
}

const SQL_WORDS = ['union', 'select', 'from', 'where', 'and', 'or', 'order', 'by', 'sleep', 'benchmark', 'concat', 'group_concat', 'information_schema', 'insert', 'update', 'delete', 'drop', 'having', 'waitfor', 'delay', 'null', 'version', 'database', 'char', 'extractvalue', 'updatexml', 'load_file', 'into', 'outfile', 'xp_cmdshell', 'exec'];
const SPLIT_WORD = /(?<![a-z_])([a-z_]{1,20})\/\*[^*]{0,40}\*\/([a-z_]{1,20})(?![a-z_])/g;

/** `UN/**\/ION` → `union` when the halves (or a chain of pieces) spell a SQL word or its beginning. */
function joinSplitKeywords(s: string): string {
  for (let i = 0; i < 4; i++) {
    const next = s.replace(SPLIT_WORD, (m, a: string, b: string) => (SQL_WORDS.some((w) => w.startsWith(a + b)) ? a + b : m));
    if (next === s) break;
    s = next;
  }
  return s;
}

/** Decodes until stable (at most 4 rounds: double/triple encoding is a classic evasion). */
export function normalizeRequestText(raw: string): string {
  let s = raw.length > MAX_INPUT ? raw.slice(0, MAX_INPUT) : raw;
  s = s.replace(/\+/g, ' ');
  // overlong UTF-8 for '/', '\\' and '.' (the IIS "unicode" traversal): invalid UTF-8, but old servers decoded it
  s = s.replace(/%c0%af|%e0%80%af|%c0%2f/gi, '/').replace(/%c1%9c|%c1%1c|%c0%5c/gi, '\\').replace(/%c0%ae|%e0%80%ae|%c0%2e/gi, '.');
  for (let i = 0; i < 4; i++) {
    const next = decodeOnce(s).replace(/%u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    if (next === s) break;
    s = next;
  }
  s = s
    .replace(/&#x([0-9a-f]+);?/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16) & 0xffff))
    .replace(/&#(\d+);?/g, (_m, d: string) => String.fromCharCode(Number(d) & 0xffff))
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&apos;|&#39;/gi, "'")
    .replace(/\\u00([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\x([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  // look-alike slashes (division slash, fraction slash, fullwidth solidus and reverse solidus): servers that
  // fold Unicode to ASCII after their path check read them as '/' and '\\' (`%u2215etc%u2215passwd`)
  s = s.replace(/[\u2215\u2044\uff0f]/g, '/').replace(/\uff3c/g, '\\');
  s = s.toLowerCase();
  // MySQL runs the body of a versioned comment (/*!50000UNION*/): keep it; other inline comments are
  // used as whitespace to slip past filters (UNION/**/SELECT), or cut a keyword in two for a filter that
  // strips them (UN/**/ION SEL/**/ECT): joined again when the halves make a SQL word. A newline (%0a)
  // stays one: it separates shell commands as ';' does, and a CR LF (%0d%0a) starts a forged header
  s = s.replace(/\/\*!\d{0,6}(.*?)\*\//g, ' $1 ');
  if (s.includes('/*')) s = joinSplitKeywords(s);
  s = s.replace(/\/\*.*?\*\//g, ' ').replace(/[^\S\n\r]+/g, ' ');
  return s;
}

interface Pattern {
  kind: PayloadKind;
  re: RegExp;
  /** SQL-like words that ordinary text also has (a search for "select * from", "or 1=1"): see PayloadMatch.weak */
  weak?: true;
  /** what a whole query passed as a parameter (Grafana's InfluxQL proxy: `q=SELECT … WHERE "host" = 'web1' AND …`) has too */
  statement?: true;
  /** text every match contains: the regex is not run on a request without it (cheaper on millions of requests) */
  gate?: string;
  /** evidence only when the request was a POST (see PayloadMatch.posted) */
  posted?: true;
}

const CMD = '(?:cat|ls|id|whoami|uname|wget|curl|nc|ncat|bash|sh|ping|nslookup|echo|chmod|rm|python|perl|powershell|cmd)';
// commands no one types as a word: alone after a spaced separator they are still a command ("java | python" is a search)
const CMD_ONLY = '(?:whoami|uname|wget|curl|ncat|nslookup|chmod|powershell|ifconfig)';

const LOOPBACK_HOST =
  'localhost|127(?:\\.\\d{1,3}){1,3}|0(?:\\.0){0,3}|\\d{8,10}|0x[0-9a-f]{1,8}(?:\\.(?:0x[0-9a-f]{1,2}|\\d{1,3})){0,3}|0[0-7]{1,4}(?:\\.\\d{1,4}){1,3}|\\[[0:]{0,40}(?:1|ffff:[0-9a-f.:]{1,30})?\\]|169\\.254\\.\\d{1,3}\\.\\d{1,3}';
const PRIVATE_HOST = '10(?:\\.\\d{1,3}){3}|192\\.168(?:\\.\\d{1,3}){2}|172\\.(?:1[6-9]|2\\d|3[01])(?:\\.\\d{1,3}){2}|[\\w-]{1,63}\\.(?:internal|svc\\.cluster\\.local)';
const SERVICE_PORT = '(?:6379|11211|2375|2376|2379|8500|9200|9300|10250|10255|5984|27017|3306|5432|1433|6443|4040|22|25)';
const SSRF_URL = new RegExp(
  `(?:(?<!redirect_uri)=|[/?&(,])\\s*(?:https?:|ftp:)?\\/\\/(?:[^/?#@\\s]{0,64}@)?(?:(?:${LOOPBACK_HOST})(?=[:/?#&\\s]|$)|(?:${PRIVATE_HOST}):${SERVICE_PORT}\\b)`,
);

const PATTERNS: readonly Pattern[] = [
  { kind: 'jndi', re: /\$\{\s*jndi\s*:/ },
  // a function definition in a header: `() { :; };`, `() { ignored; };`, `() { _; } >_[$($())] {` (CVE-2014-6278)
  { kind: 'shellshock', re: /\(\)\s*\{[^{}();]{0,20};?\s*\}\s*(?:;|>\s*_\[)/ },
  // Struts OGNL: %{(#_memberAccess…)}, ${#context[…]}, @ognl.OgnlContext@DEFAULT_MEMBER_ACCESS (S2-045, S2-057 and kin)
  { kind: 'ognl', re: /[%$]\{\s*\(?\s*#[a-z_]|#_?memberaccess\b|@ognl\.ognl(?:context|util)\b|#context\s*\[|\bxwork\.methodaccessor\b/ },
  // an XML document in a parameter declaring an external entity (XXE): reads files or reaches internal services
  { kind: 'xxe', re: /<!entity\s+(?:%\s*)?[\w.:-]{1,64}\s+(?:system|public)\b|<!doctype\s+[\w:.-]{1,64}\s+(?:system|public)\s+['"]|<xi:include\b/ },
  // serialized objects handed to a deserializer: Java (rO0AB… base64, aced0005 hex) and .NET BinaryFormatter
  // (AAEAAAD/////) as a whole value, PHP object injection (O:8:"stdClass":…), fastjson @type, SnakeYAML/PyYAML tags.
  // A JSF page's own javax.faces.ViewState is serialized Java from every visitor: not counted there
  {
    kind: 'deserialization',
    re: /(?<![^=?&/; ])(?<!viewstate=)(?:ro0ab|aced0005|aaeaaad\/\/\/\/\/)|\bo:\d{1,4}:"[a-z_\\][\w\\]{0,100}":\d{1,4}:\{|"@type"\s*:\s*"(?:com|org|java|javax)\.|!!(?:python\/|javax\.|java\.|com\.sun\.)/,
  },
  // CR LF and a response header (response splitting: a forged Set-Cookie or Location); 嘊嘍 (U+560A/U+560D) are
  // what some servers truncate to LF/CR
  {
    kind: 'crlf',
    re: /[\r\n\u560a\u560d] ?(?:set-cookie|location|content-(?:type|length|disposition|security-policy)|refresh|access-control-allow-[a-z-]{1,20}|x-xss-protection|transfer-encoding|cache-control|x-forwarded-(?:for|host)) ?:|[\r\n\u560a\u560d] ?http\/1\.[01] \d{3}\b/,
  },
  // UNION SELECT and what an injection selects (columns, NULLs, numbers, a function, a column list, FROM):
  // a search for a "union select committee" selects nothing
  { kind: 'sqli', re: /\bunion(?:\s+all|\s+distinct)?\s*\(?\s*select(?:\s*(?:[-+\d@'"(*,`~]|$)|\s+(?:all|distinct|top|null|concat|char|version|user|database|group_concat|load_file|unhex|hex|md5|sleep|from)\b|\s+\w+\s*(?:,|\(|\s+from\b|--|#))/ },
  { kind: 'sqli', re: /['"`)]\s*(?:or|and|\|\||&&)\s*['"(]?\s*[\w'"]+\s*['"]?\s*(?:=|like|<|>)\s*['"(]?[\w'"]+/, statement: true },
  // a numeric tautology with the rest of the query commented out or a statement after it
  { kind: 'sqli', re: /\b(?:or|and)\s+\d+\s*=\s*\d+\s*(?:--|#|;)/ },
  // a quoted tautology after a bare number (`id=1 OR 'x'='x`): the quote opens on the right of OR
  { kind: 'sqli', re: /\b(?:or|and)\s+(?:'[^']{0,20}'\s*=\s*'|"[^"]{0,20}"\s*=\s*")/, statement: true },
  { kind: 'sqli', re: /\b(?:sleep|benchmark|pg_sleep)\s*\(\s*\d|\bwaitfor\s+delay\b/ },
  // Oracle/PostgreSQL string concatenation out of a quoted value (`1'||(SELECT CHR(65))||'`), and MSSQL
  // stacked batches that hide the statement in a variable (`;DECLARE @x …;EXEC(@x)`)
  { kind: 'sqli', re: /['"]\s*\|\|\s*\(?\s*(?:select\b|chr\s*\(|char\s*\(|dbms_\w+|utl_\w+|pg_\w+\s*\()/ },
  { kind: 'sqli', re: /;\s*declare\s+@\w+|\bexec(?:ute)?\s*\(\s*@\w+\s*\)|;\s*exec(?:ute)?\s+(?:master\.|sp_\w+|xp_\w+)/ },
  { kind: 'sqli', re: /\binformation_schema\b|\b(?:extractvalue|updatexml|load_file)\s*\(|\bxp_cmdshell\b/ },
  { kind: 'sqli', re: /;\s*(?:drop|truncate|alter)\s+table\b|\bselect\s+(?:@@\w+|null\b|0x[0-9a-f]+|(?:group_)?concat\s*\(|char\s*\(|user\s*\(\)|version\s*\(\)|database\s*\(\))|\bfrom\s+(?:dual|mysql\.user|sysobjects|pg_catalog)\b/ },
  { kind: 'sqli', re: /['"]\s*(?:--|#|;)\s*$|['"]\s*\)\s*(?:--|#)/, statement: true },
  // a quote closed and the rest of the query commented out mid-string (`user=admin'--&pass=x`), and
  // column counting (`ORDER BY 10--`) before a UNION
  { kind: 'sqli', re: /['"]\s*(?:--|#)(?:[\s&;]|$)|\border\s+by\s+\d+\s*(?:--|#)/ },
  { kind: 'xss', re: /<\s*(?:script|iframe|svg|object|embed|img[^>]*\s(?:src|onerror)|body[^>]*\sonload|details[^>]*\sontoggle)\b/ },
  { kind: 'xss', re: /\bjavascript\s*:|\bvbscript\s*:|\bon(?:error|load|mouseover|focus|click|toggle)\s*=\s*['"]?[\w$]+\s*\(|<[a-z][^>]{0,200}\son[a-z]{3,20}\s*=\s*['"]?[\w$.]+\s*[(`]|\b(?:alert|confirm|prompt)\s*`|\bdata:text\/html\b|\bdocument\.(?:cookie|domain|write)|\balert\s*\(|\bprompt\s*\(\s*\d|\bsrcdoc\s*=/ },
  // the command must read as one: an argument that is a flag, a path, an address or a quote, or nothing
  // when it is glued to the separator (`x=1|id`) or is no word (`| whoami`); "tom & jerry; cat and mouse"
  // and "java | python" are searches
  { kind: 'cmdi', re: new RegExp(`(?:[;|\`\\n]|&&|\\|\\||\\$\\()(?:\\s*${CMD}\\s+(?:[-/.~$'"\\\\\\d]|[\\w-]*[./:=$])|(?:${CMD}|\\s*${CMD_ONLY})\\s*(?:$|[;|&)\`<>]))`) },
  { kind: 'cmdi', re: /\/bin\/(?:ba|z|da)?sh\b|\bcmd(?:\.exe)?\s*\/c\b|\bpowershell(?:\.exe)?\s+-|\bnc\s+-[el]|\$\{ifs\}|\$ifs\b/ },
  // a blind, time-based probe: `;sleep 5` as the whole rest of the value ("kids; sleep 10 hours" is a search)
  { kind: 'cmdi', re: /(?:[;|`\n]|&&|\$\()\s*sleep\s+\d{1,3}\s*(?:$|[;|&)`#'"])/, gate: 'sleep' },
  // a web shell's command parameter: `shell.aspx?cmd=whoami`, `?exec=id` (not `?c=id`, an ordinary column name)
  { kind: 'cmdi', re: /(?:^|[?&;])(?:cmd|exec|execute|command|shell)=\s*(?:whoami|id|uname|ls|dir|cat|type|ipconfig|ifconfig|hostname|systeminfo|tasklist|net (?:user|localgroup|group)|powershell|pwsh|wget|curl|certutil|bash|sh|nc|ping|echo|pwd)\b/ },
  // server-side request forgery: cloud metadata services and schemes a web app should never fetch (before
  // traversal: `url=file:///etc/passwd` asks the server to fetch its own file)
  { kind: 'ssrf', re: /(?:^|[=/?&(])\s*(?:https?:\/\/)?(?:169\.254\.169\.254|metadata\.google\.internal|100\.100\.100\.200|\[?fd00:ec2::254)\b|(?:^|[=?&(])\s*(?:gopher|dict|file|ldap|jar|netdoc):\/\// },
  // a URL to the server itself or a service behind it: loopback in any spelling (127.1, 2130706433, 0x7f000001,
  // 0177.0.0.1, [::1], [::ffff:127.0.0.1]), link-local, or a private address on a port of an internal service
  // (Redis, memcached, Docker, etcd, Consul, Elasticsearch, kubelet…). An OAuth redirect_uri to loopback is a
  // native app's own listener (RFC 8252), not a fetch; a referrer that is itself a URL to localhost is a developer's page
  { kind: 'ssrf', re: SSRF_URL, gate: '//' },
  // a callback domain of an out-of-band testing service: blind SSRF and injection probes (nuclei, Burp)
  { kind: 'ssrf', re: /(?<=[.@/])(?:oast\.(?:fun|pro|live|site|online|me)|interact\.sh|burpcollaborator\.net|oastify\.com|dnslog\.cn|ceye\.io)\b/ },
  // `..;/` climbs out of a Tomcat context behind a proxy that reads `;` as a path parameter; one `../`
  // to an application's own secrets (`img=../wp-config.php`, the Revolution Slider download) reads them too
  { kind: 'traversal', re: /(?:\.\.[/\\]){2,}|\/\.\.;\/|(?:^|[/\\=])\.\.[/\\].{0,40}(?:(?:etc|windows|winnt|proc|boot|var|usr|root)\b|(?:wp-config|configuration|settings|config|database|localsettings)\.(?:php|inc|ya?ml|json|xml)\b|web\.config\b|\.env\b|\.htpasswd\b|id_rsa\b)/ },
  // eslint-disable-next-line no-control-regex -- a decoded NUL byte (%00) truncates paths in C-based servers
  { kind: 'traversal', re: /\/etc\/(?:passwd|shadow|hosts|group)\b|\bwin\.ini\b|\bboot\.ini\b|\/proc\/self\/environ|\u0000/ },
  { kind: 'php', re: /\bphp:\/\/(?:input|filter)|<\?php|\bexpect:\/\/|\bdata:\/\/text\/plain;base64/ },
  // ThinkPHP 5 invokefunction (CVE-2018-20062), sprayed by botnets at every server: call_user_func_array with system/exec
  { kind: 'php', re: /\\think\\(?:app|container|request)\b|\binvokefunction\b.{0,80}\bcall_user_func(?:_array)?\b|\bfunction=call_user_func(?:_array)?&vars\[/ },
  // Spring expression / OGNL reaching the Java runtime: ${T(java.lang.Runtime).getRuntime().exec(…)}
  { kind: 'ssti', re: /\bt\s*\(\s*java\.lang\.|\bgetruntime\s*\(\s*\)\s*\.\s*exec\s*\(|@java\.lang\.runtime@|\bnew\s+java\.lang\.processbuilder\b/ },
  // template injection probes ({{7*7}}) and payloads reaching Python internals through Jinja
  // (Thymeleaf *{7*7}, Razor @(7*7), Twig {{7*'7'}}), and AngularJS's sandbox escape through constructor.constructor
  {
    kind: 'ssti',
    re: /\{\{\s*['"]?\d+['"]?\s*[*+]\s*['"]?\d+['"]?\s*\}\}|[$#*]\{\s*\d+\s*[*+]\s*\d+\s*\}|@\(\s*\d+\s*[*+]\s*\d+\s*\)|<%=?\s*\d+\s*[*+]\s*\d+\s*%>|\{\{[^}]{0,200}(?:__class__|__globals__|__builtins__|__subclasses__|__mro__|config\.items|request\.application|lipsum\.|cycler\.|constructor\.constructor)/,
  },
  // ProxyShell (Exchange): autodiscover.json reached with an @ so the back end fetches the attacker's path
  { kind: 'ssrf', re: /\/autodiscover\/autodiscover\.json\?@|autodiscover\.json[^ ]{0,120}(?:\/powershell|\/mapi\/nspi)/ },
  // a script run from where uploads land: a web shell (WordPress never serves PHP from wp-content/uploads; the
  // wp-file-manager hole, CVE-2020-25213, drops shells in lib/files). Only answered ones count (see the fold)
  { kind: 'webshell', re: /\/(?:wp-content\/uploads|uploads?|wp-file-manager\/lib\/files)\/[^?#]*\.(?:php\d?|phtml|phar|aspx?|ashx|jspx?|cfm)(?:$|[?;/#])/ },
  // Spring4Shell (CVE-2022-22965): request parameters bound to the class loader rewrite Tomcat's access log into a JSP
  { kind: 'classloader', re: /\bclass\s*(?:\.|\[)\s*module\s*(?:\.|\]\s*\[)\s*classloader\b|\bclass\.classloader\.(?:resources|urls)\b/ },
  // NoSQL operator injection: an operator where a credential belongs (user[$ne]=x logs in as anyone), or $where
  // (an API's own filters, Strapi's filters[price][$gt]=10, are left alone)
  { kind: 'nosqli', re: /(?:user(?:name)?|login|email|pass(?:word|wd)?|pwd|token|otp)\]?\s*\[\s*\$(?:ne|gt|gte|lt|regex|exists|nin|in)\s*\]|\[\s*\$where\s*\]|["']\$where["']\s*:/ },
  // LDAP filter injection: a value that closes the application's filter and opens its own (`*)(uid=*))(|(uid=*`,
  // `admin)(&)`) right after the parameter name; a whole filter an LDAP admin tool passes
  // (`filter=(&(objectClass=user)(cn=x))`) opens with its own parenthesis
  { kind: 'ldap', re: /(?:^|[?&;])[\w.[\]-]{1,40}=[^()&=]{0,64}\)\s*\(+\s*(?:[|&!]|[\w-]{1,40}\s*[~<>]?=)/, gate: ')(' },
  // prototype pollution: __proto__ or constructor.prototype as a parameter name (qs, jQuery deparam) or JSON key
  { kind: 'prototype', re: /(?:^|[?&;[])(?:__proto__|constructor\s*(?:\[\s*prototype\s*\]|\.prototype))\s*[.[\]=]|["']__proto__["']\s*:/, gate: 'proto' },
  // GraphQL introspection: the whole schema (every type, field and argument) asked for, the map an attacker
  // reads before looking for unprotected mutations; production clients know their schema and never ask
  { kind: 'graphql', re: /\b__schema\s*\{|\b__type\s*\(\s*name\s*:/, gate: '__' },
  // last, so that any stronger pattern in the same request wins: words a search box also receives
  // ("select * from tutorial", "or 1=1" in a question about SQL). Reported as payloads, but a
  // browser's single such request answered normally is weak evidence (webAttacks lowers it).
  { kind: 'sqli', re: /\bselect\s+\*/, weak: true, statement: true },
  { kind: 'sqli', re: /\b(?:or|and)\s+\d+\s*=\s*\d+/, weak: true, statement: true },
  // a script among stylesheets, scripts, images or fonts, POSTed to: a web shell hidden where no one looks
  // (/wp-includes/css/dist/…/style.min.php). A GET there may be an old image resizer: only POSTs count
  { kind: 'webshell', re: /\/(?:css|js|img|images?|fonts?|assets|static|media|icons)\/(?:[^?#]*\/)?[^/?#]*\.(?:php\d?|phtml|phar|aspx?|ashx|jspx?)(?:$|[?;/#])/, posted: true },
  // a theme's template POSTed to directly (the theme editor's classic backdoor: code written into 404.php or
  // footer.php): WordPress includes templates through index.php, a request for one alone is never a page
  { kind: 'webshell', re: /\/wp-content\/themes\/[^/?#]+\/(?:[^?#]*\/)?[^/?#]*\.(?:php\d?|phtml)(?:$|[?;/#])/, posted: true },
  // endpoints whose POST body is the exploit, so the path alone, POSTed to, is the attempt (a GET is a scanner's
  // probe, the scanners detector's): PHPUnit's eval-stdin.php runs the body as PHP (CVE-2017-9841), Laravel
  // Ignition's execute-solution (CVE-2021-3129); F5 BIG-IP's iControl bash (CVE-2022-1388) and a GPON
  // router's diag_Form (CVE-2018-10561) run a command; WebLogic's wls-wsat and _async deserialize the body
  // (CVE-2017-10271, CVE-2019-2725); a Spring Cloud Gateway route evaluates SpEL (CVE-2022-22947)
  { kind: 'php', re: /\/phpunit\/(?:[^?#]*\/)?util\/php\/eval-stdin\.php|\/_ignition\/execute-solution\b/, posted: true },
  { kind: 'cmdi', re: /\/mgmt\/tm\/util\/bash\b|\/gponform\/diag_form\b/, posted: true },
  { kind: 'deserialization', re: /\/wls-wsat\/\w+|\/_async\/asyncresponseservice\b/, posted: true },
  { kind: 'ssti', re: /\/actuator\/gateway\/routes\/[^/?#]+/, posted: true },
];

/** Log4Shell obfuscation: ${lower:j}, ${::-j}, ${env:X:-j} collapse to the letter they produce. */
function unwrapLookups(s: string): string {
  if (!s.includes('${')) return s;
  let out = s;
  for (let i = 0; i < 6; i++) {
    const next = out.replace(/\$\{[^${}]*?:-([^${}]*)\}/g, '$1').replace(/\$\{date:'([^'${}]*)'\}/g, '$1').replace(/\$\{(?:lower|upper|date|env|sys|main|ctx|base64|bundle|map|sd|web|docker|k8s|java|marker|spring)?:([^${}]*)\}/g, '$1');
    if (next === out) break;
    out = next;
  }
  return out;
}

/** A GraphQL alias (`a12: login(`) and the field it calls. */
const GQL_ALIAS = /(?:^|[\s{,])[a-z_]\w{0,40}\s*:\s*([a-z_]\w{0,60})\s*\(/g;
/** fields whose answer says whether a secret was right: one request calling them under many aliases is that many guesses */
const GQL_GUESS_FIELD = /login|log_?in|signin|sign_?in|logon|auth|token|password|passw|otp|mfa|2fa|verify|redeem|coupon|voucher|giftcard|promo|reset|register|signup|exists|available/;
/** aliases of one field in one request for the matcher to report it (webAttacks.graphqlAliases decides what counts) */
export const GQL_MIN_ALIASES = 3;

/**
 * GraphQL batching through aliases: one request calling the same login-like field (or any field of a
 * mutation) under several aliases (`a0:login(…) a1:login(…) …`): that many password or code guesses in
 * one request, past any per-request rate limit. A query fetching a few products by alias is no guess.
 */
function graphqlBatch(text: string): PayloadMatch | null {
  if (!text.includes('{') || !text.includes(':')) return null;
  const mutation = /(?:^|[?&;=\s{])mutation\b[^{]{0,80}\{/.test(text);
  const byField = new Map<string, number>();
  for (const m of text.matchAll(GQL_ALIAS)) byField.set(m[1]!, (byField.get(m[1]!) ?? 0) + 1);
  let best: [string, number] | null = null;
  for (const [field, n] of byField) if ((mutation || GQL_GUESS_FIELD.test(field)) && (best === null || n > best[1])) best = [field, n];
  if (best === null || best[1] < GQL_MIN_ALIASES) return null;
  const at = text.search(new RegExp(`\\b${best[0]}\\s*\\(`));
  const fragment = `${best[1]} aliased calls of ${excerpt(text, Math.max(0, at), Math.max(0, at) + 60)}`;
  return { kind: 'graphql', fragment, aliases: best[1] };
}

const ESCAPE_AT = /%(?:u[0-9a-f]{4}|[0-9a-f]{2})/iy;

/** Where a cut at `at` falls inside a percent-escape (%2e, %u002e) or a surrogate pair: that unit's [start, end). */
function unitAround(text: string, at: number): [number, number] | null {
  if (at <= 0 || at >= text.length) return null;
  const hi = text.charCodeAt(at - 1);
  const lo = text.charCodeAt(at);
  if (hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) return [at - 1, at + 1];
  for (let i = Math.max(0, at - 5); i < at; i++) {
    if (text[i] !== '%') continue;
    ESCAPE_AT.lastIndex = i;
    const m = ESCAPE_AT.exec(text);
    if (m && i + m[0].length > at) return [i, i + m[0].length];
  }
  return null;
}

/**
 * text[start, end) as an excerpt to show: a cut never splits a percent-escape (a "%2" would read as
 * another byte) or a surrogate pair (half an emoji is no character), both are widened to the whole
 * unit, and "…" marks each side where the request goes on, so a reader never takes it for the whole.
 */
export function excerpt(text: string, start: number, end: number): string {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  s = unitAround(text, s)?.[0] ?? s;
  e = unitAround(text, e)?.[1] ?? e;
  return `${s > 0 ? '…' : ''}${text.slice(s, e).replace(CONTROL_CHARS, '·')}${e < text.length ? '…' : ''}`;
}

export interface PayloadMatch {
  kind: PayloadKind;
  /** the matched text after decoding, bounded, shown as text only */
  fragment: string;
  /** matched only by words ordinary text also has (no quote, comment, function or UNION) */
  weak?: boolean;
  /** evidence only when POSTed: a script in a static-files folder, which a GET may fetch innocently */
  posted?: boolean;
  /** GraphQL batching: the aliased calls of one login-like field (or of a mutation's) in the request */
  aliases?: number;
  /** a time-based injection: the seconds it asks the database (SLEEP, pg_sleep, WAITFOR DELAY, DBMS_PIPE) or the shell (sleep N) to wait */
  delay?: number;
}

/** The wait a time-based blind SQL injection asks for, in seconds (MySQL, PostgreSQL, SQL Server, Oracle). */
const SQL_DELAY = /\b(?:sleep|pg_sleep)\s*\(\s*(\d+(?:\.\d+)?)\s*\)|\bwaitfor\s+delay\s+'(\d+):(\d+):(\d+(?:\.\d+)?)'|\bdbms_pipe\.receive_message\s*\((?:[^,()]|\([^()]*\))*,\s*(\d+)\s*\)/;

/** The wait an injected shell command asks for (`;sleep 5`, `$(sleep 5)`), in seconds. */
const SHELL_DELAY = /(?:[;|`\n]|&&|\$\()\s*sleep\s+(\d{1,3})\b/;

export function shellDelay(text: string): number | null {
  const m = SHELL_DELAY.exec(text);
  const n = m ? Number(m[1]) : 0;
  return n > 0 ? n : null;
}

export function sqlDelay(text: string): number | null {
  const m = SQL_DELAY.exec(text);
  if (!m) return null;
  const n = m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) : Number(m[5]);
  return Number.isFinite(n) && n > 0 ? n : null;
}

// every pattern needs one of these (after decoding, an escape is needed to produce them)
const WORTH_DECODING = /[%<>'"`;|$\\{]|\/\*|[?&](?:cmd|exec|execute|command|shell)=|autodiscover|&&|&#|&[lg]t|\.\.|169\.254\.169\.254|metadata\.google|100\.100\.100\.200|fd00:ec2|gopher:|dict:|file:|ldap:|jar:|netdoc:|\bon[a-z]{3,12}\s*=|prompt|union|select|sleep|benchmark|waitfor|script|javascript|alert|etc\/|win\.ini|boot\.ini|proc\/self|\/bin\/|cmd|powershell|php:|expect:|data:|information_schema|xp_cmdshell|drop|truncate|alter|onerror|onload|order\s+by|getruntime|java\.lang|classloader|\[\$|\$where|invokefunction|think|uploads?\/[^?]*\.(?:ph|as|js|cf)|\/(?:css|js|img|images?|fonts?|assets|static|media|icons)\/[^?]*\.(?:ph|as[hp]|jsp)|wp-content\/themes\/[^?]*\.ph|wp-file-manager|eval-stdin|execute-solution|tm\/util\/bash|gponform|wls-wsat|asyncresponseservice|gateway\/routes\/|\b(?:or|and)[\s+]+\d|:\/\/(?:[^/?#@\s]{0,64}@)?(?:\[|0|127\.|localhost|\d{8}|10\.|192\.168\.|172\.|169\.254\.|[\w-]+\.(?:internal|svc))|oast\.|interact\.sh|burpcollaborator|oastify|dnslog\.cn|ceye\.io|__proto__|__schema|__type|constructor|ro0ab|aced0005|aaeaaad\/|\)[\s+]*\(|@\(/i;

/**
 * A "request" that opens with raw bytes the access log escaped (`\x16\x03\x01…`, a TLS
 * handshake sent to a plain-HTTP port; RDP or SMB probes) is another protocol, not a web request:
 * its decoded NULs and dots are no payload. Every internet-facing server logs these.
 */
const BINARY_REQUEST = /^(?:\\x[0-9a-f]{2}){3}/i;

const WHOLE_QUERY = /(?:^|[?&;])[\w.[\]-]+=\s*select\s[^&]*?\sfrom\s[^&]*?\swhere\s[^&]*/;

/** The first payload pattern found in a request (path + query, or a header like the UA). */
export function matchPayload(raw: string | null | undefined): PayloadMatch | null {
  if (!raw || !WORTH_DECODING.test(raw) || BINARY_REQUEST.test(raw)) return null;
  const text = unwrapLookups(normalizeRequestText(raw));
  // a parameter holding a whole SELECT … FROM … WHERE is a query API (InfluxDB, Grafana's proxy): its quotes
  // and ANDs are the query's own, so those patterns look only outside it; UNION, sleep() and the rest still look inside
  const whole = WHOLE_QUERY.exec(text);
  const outside = whole ? text.slice(0, whole.index) + ' '.repeat(whole[0].length) + text.slice(whole.index + whole[0].length) : text;
  for (const p of PATTERNS) {
    if (p.gate && !text.includes(p.gate)) continue;
    const m = p.re.exec(p.statement ? outside : text);
    if (m) {
      const start = Math.max(0, m.index - 10);
      // a lookup is shown whole, to its closing brace: the callback address in it is what a responder blocks and searches for
      const close = p.kind === 'jndi' ? text.indexOf('}', m.index) : -1;
      const end = close > 0 && close - m.index < 160 ? close + 1 : m.index + m[0].length + 10;
      const fragment = excerpt(text, start, end);
      if (p.weak) return { kind: p.kind, fragment, weak: true };
      if (p.posted) return { kind: p.kind, fragment, posted: true };
      const delay = p.kind === 'sqli' ? sqlDelay(text) : p.kind === 'cmdi' ? shellDelay(text) : null;
      return delay !== null ? { kind: p.kind, fragment, delay } : { kind: p.kind, fragment };
    }
  }
  return graphqlBatch(text);
}

/**
 * An attack payload in a Referer: a legitimate referrer has no quotes or markup, and SQL-like words
 * alone in it (payload.ts `weak`) are another site's search ("select * from" tutorial), not this client's input.
 */
export function refererPayload(ref: string | null | undefined): PayloadMatch | null {
  if (!ref || !REFERRER_PAYLOAD_RE.test(ref)) return null;
  const m = matchPayload(ref);
  return m && !m.weak ? m : null;
}

export const PAYLOAD_LABELS: Record<PayloadKind, string> = {
  sqli: 'SQL injection',
  xss: 'cross-site scripting',
  traversal: 'path traversal',
  cmdi: 'command injection',
  jndi: 'JNDI lookup (Log4Shell)',
  shellshock: 'Shellshock',
  php: 'PHP wrapper / code injection',
  ssti: 'server-side template injection',
  ssrf: 'server-side request forgery',
  classloader: 'class loader manipulation (Spring4Shell)',
  nosqli: 'NoSQL operator injection',
  webshell: 'script in an upload, theme or static-files folder (web shell)',
  ognl: 'OGNL expression injection (Struts)',
  xxe: 'XML external entity (XXE)',
  deserialization: 'serialized object (deserialization)',
  crlf: 'CRLF / header injection (response splitting)',
  ldap: 'LDAP injection',
  prototype: 'prototype pollution',
  graphql: 'GraphQL introspection or batched guesses',
};

/**
 * The scanner an out-of-band callback host in a payload names: Burp Suite's Collaborator
 * (burpcollaborator.net, oastify.com) or ProjectDiscovery's interactsh (oast.*, interact.sh), which
 * Nuclei templates call back to. A scan that sends a browser's user agent still shows its tool here.
 */
export function callbackTool(fragment: string): 'Burp Suite' | 'Nuclei' | null {
  if (/burpcollaborator\.net|oastify\.com/i.test(fragment)) return 'Burp Suite';
  if (/interact\.sh|\boast\.(?:fun|pro|live|site|online|me)\b/i.test(fragment)) return 'Nuclei';
  return null;
}
