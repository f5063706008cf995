// An ordinary working day of a tenant's users (contoso.example, 2026-03-10), shared by the Entra,
// Okta and Microsoft 365 writers: who they are, where they sign in from, and the attacker's addresses.
export const DAY = Date.UTC(2026, 2, 10, 0, 0, 0);
export const at = (h: number, m: number, s = 0): number => DAY + ((h * 60 + m) * 60 + s) * 1000;
export const DOMAIN = 'contoso.example';
export const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'niaj', 'olivia', 'peggy', 'rupert', 'sybil', 'trent', 'victor', 'walter', 'xena', 'yusuf', 'zoe', 'amir', 'bea', 'chen', 'dina', 'emil', 'fay', 'gus', 'hana'].map((u) => `${u}@${DOMAIN}`);
/** the office's egress address: most staff sign in through it */
export const OFFICE = '198.51.100.10';
/** home addresses of a few remote workers */
export const HOME = (i: number): string => `192.0.2.${20 + i}`;
/** password spray from two addresses, one sign-in taken */
export const SPRAY = ['203.0.113.50', '203.0.113.51'];
export const SPRAYED = `dave@${DOMAIN}`;
/** push bombing: the attacker holds erin's password and asks her phone until she gives in */
export const BOMBER = '185.220.101.7';
export const BOMBED = `erin@${DOMAIN}`;
/** legacy-protocol guessing (IMAP / Authenticated SMTP) */
export const LEGACY = '203.0.113.77';
/** benign: grace's phone asks twice (she missed the first push) */
export const TWICE = `grace@${DOMAIN}`;
/** benign: heidi flies Frankfurt to New York */
export const TRAVELLER = `heidi@${DOMAIN}`;
/** a taken-over account signs in from far away within the hour, the second time over Tor */
export const HOPPER = `frank@${DOMAIN}`;
export const HOPPER_IP = '102.89.32.14';
export const TOR = '185.220.101.44';

/** A deterministic pseudo-random stream, so a day is the same every run. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}
export const guid = (r: () => number): string => 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => ((r() * 16) | (c === 'y' ? 8 : 0)).toString(16).slice(-1));
