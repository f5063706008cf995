// SSH password logins and Windows remote logons (windowsLogons.ts) that follow password guessing:
// from the guessing address itself, or as an account another address had been guessing, from an
// outside address that had not logged in before the guessing began (botnets guess from one machine
// and log in from another). bruteForce reports the second kind; hostTampering ties both to what
// the machine logged next. Accounts compare without their domain (CORP\backup failed as "backup").
import type { HostEvent } from './hostEvents';
import { ipScope } from './net';
import type { SshRow } from './types';
import { bareAccount } from './windowsLogons';

export interface GuessedLogin {
  login: HostEvent;
  /** the address that guessed: the login's own, or the one that failed most on its account */
  guesser: SshRow;
  /** the login came from the guessing address itself */
  same: boolean;
  /** the guesser's failures on the account that logged in (0 when its failures named no user) */
  userFails: number;
}

/**
 * @param minFails failures (not refused keys) that make an address a guesser (bruteForce.minSshFailures)
 * @param guessed failures on one user name that make it a guessed account (bruteForce.guessedUserFailures)
 * @param share the share of a guesser's logins that failed (bruteForce.minFailShare), unless it
 *   failed `highFails` times: an address whose logins mostly work is people mistyping (a NAT, the
 *   account's owner), not a guesser, as bruteForce judges it
 */
export function guessedLogins(evs: readonly HostEvent[], ssh: readonly SshRow[], minFails: number, guessed: number, share: number, highFails: number): GuessedLogin[] {
  const guessers = new Map<string, SshRow>();
  // each account guessed: the address that failed on it most, and how often
  const byUser = new Map<string, { row: SshRow; fails: number }>();
  for (const r of ssh) {
    if (r.fails - r.keyFails < minFails || (r.fails / (r.fails + r.ok) < share && r.fails < highFails)) continue;
    guessers.set(r.ip, r);
    for (const [user, n] of r.failedUsers ?? []) if (n >= guessed && n > (byUser.get(bareAccount(user))?.fails ?? 0)) byUser.set(bareAccount(user), { row: r, fails: n });
  }
  const logins = evs.filter((h) => h.kind === 'sshLogin' && h.ts != null && h.method !== 'publickey');
  const firstLogin = new Map<string, number>();
  for (const h of evs) if (h.kind === 'sshLogin' && h.ts != null && h.ip) firstLogin.set(h.ip, Math.min(firstLogin.get(h.ip) ?? Infinity, h.ts));
  const out: GuessedLogin[] = [];
  for (const l of logins) {
    const own = guessers.get(l.ip!);
    if (own) {
      if (own.firstFail != null && own.firstFail <= l.ts!) out.push({ login: l, guesser: own, same: true, userFails: (own.failedUsers ?? []).find(([u]) => bareAccount(u) === bareAccount(l.user ?? ''))?.[1] ?? 0 });
      continue;
    }
    const g = byUser.get(bareAccount(l.user ?? ''));
    if (!g || g.row.firstFail == null || g.row.firstFail >= l.ts! || ipScope(l.ip!) !== 'external') continue;
    // an address that logged in before the guessing began is the account's usual one
    if ((firstLogin.get(l.ip!) ?? Infinity) < g.row.firstFail) continue;
    out.push({ login: l, guesser: g.row, same: false, userFails: g.fails });
  }
  return out;
}
