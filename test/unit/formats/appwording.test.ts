// Applications' own words for a login, in logs no specific format types (a custom app's JSON log, a
// framework's text log): failures and successes typed, with the account when the line names it;
// lines that say both, or neither, and the system's own login stack, left alone.
import { describe, expect, it } from 'vitest';
import { appLogin } from '../../../src/core/formats/appwording';
import { parseText } from './helpers';

describe('appLogin', () => {
  it('reads the usual wordings of a failed and a successful login', () => {
    const out = (m: string, program: string | null = null): string => {
      const a = appLogin(m, program);
      return a === null ? 'none' : `${a.action}${a.user ? `:${a.user}` : ''}`;
    };
    expect(out('login failed for user "admin" from 203.0.113.5')).toBe('auth_failure:admin');
    expect(out('Invalid username or password')).toBe('auth_failure');
    expect(out('Failed login attempt for username=bob')).toBe('auth_failure:bob');
    expect(out("Authentication failure for 'carol'")).toBe('auth_failure:carol');
    expect(out('type=LOGIN_ERROR error=invalid_user_credentials')).toBe('auth_failure');
    expect(out('Failed to authenticate user dave')).toBe('auth_failure:dave');
    expect(out('login succeeded')).toBe('auth_success');
    expect(out('User alice logged in')).toBe('auth_success:alice');
    expect(out('Successfully authenticated user=erin')).toBe('auth_success:erin');
    // both, neither, or not a login
    expect(out('login succeeded after 3 failed login attempts')).toBe('none');
    expect(out('user is not logged in, redirecting to /login')).toBe('none');
    expect(out('Failed to send login email to alice@example.com')).toBe('none');
    expect(out('password reset failed: token expired')).toBe('none');
    expect(out('GET /login 200')).toBe('none');
    // the system's login stack is typed by its own readers (a PAM line repeats sshd's)
    expect(out('pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.5')).toBe('none');
    expect(out('authentication failure', 'sshd')).toBe('none');
    // hostile text stays text and fast
    for (const m of ['<script>alert("login failed")</script>', '=HYPERLINK("x","failed login")', `${'login '.repeat(300)}`, 'a\u0000b failed login']) expect(() => appLogin(m, null)).not.toThrow();
  });

  it("types a custom app's JSON log lines and a text log's, when they name the client", () => {
    const json = parseText(
      [
        JSON.stringify({ timestamp: '2026-12-05T10:00:00Z', level: 'warn', logger: 'auth', msg: 'login failed: invalid password', user: 'alice', remote_ip: '194.26.29.113' }),
        JSON.stringify({ timestamp: '2026-12-05T10:00:02Z', level: 'info', logger: 'auth', msg: 'login succeeded', user: 'alice', remote_ip: '194.26.29.113' }),
        JSON.stringify({ timestamp: '2026-12-05T10:00:03Z', level: 'info', logger: 'orders', msg: 'order 1234 created', user: 'alice', remote_ip: '194.26.29.113' }),
        JSON.stringify({ timestamp: '2026-12-05T10:00:04Z', level: 'warn', logger: 'auth', msg: 'login failed: invalid password', user: 'bob' }),
      ].join('\n') + '\n',
    );
    expect(json.rows.map((e) => [e.src_ip, e.user, e.action])).toEqual([
      ['194.26.29.113', 'alice', 'auth_failure'],
      ['194.26.29.113', 'alice', 'auth_success'],
      ['194.26.29.113', 'alice', null],
      // no client named: nothing to follow
      [null, 'bob', null],
    ]);
    const text = parseText('[2024-05-01 10:00:00] app.ERROR: login failed for user "admin" from 203.0.113.5 {"exception":"AuthError"}\n', { tz: 'UTC' });
    expect(text.rows.map((e) => [e.src_ip, e.user, e.action])).toEqual([['203.0.113.5', 'admin', 'auth_failure']]);
  });
});
