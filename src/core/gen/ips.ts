// Address pools for generated traffic. External addresses come from a keyed 32-bit permutation so
// that attacker addresses of different seeds can never coincide (train on one seed, test on another)
// while still looking like arbitrary public IPv4 addresses, indistinguishable from the clients'.
import { LoupeError } from '../errors';
import type { Rng } from './rng';

/** A 4-round Feistel network on 32 bits: a bijection, so distinct inputs give distinct addresses. */
function permute32(x: number): number {
  let l = x >>> 16;
  let r = x & 0xffff;
  const keys = [0x3c6e, 0xa54f, 0x510e, 0x9b05];
  for (const k of keys) {
    const f = (Math.imul(r ^ k, 0x45d9f3b) >>> 11) & 0xffff;
    const nl = r;
    r = l ^ f;
    l = nl;
  }
  return ((l << 16) | r) >>> 0;
}

export function ipToString(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return (((p[0] ?? 0) << 24) | ((p[1] ?? 0) << 16) | ((p[2] ?? 0) << 8) | (p[3] ?? 0)) >>> 0;
}

/** Blocks (base, mask) that must not appear as internet clients: special-use ranges, and real crawler ranges
 *  (so a random attacker never lands inside Google's or Bing's crawler networks by chance). */
const RESERVED: ReadonlyArray<readonly [number, number]> = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 3], ['66.249.64.0', 19], ['40.77.0.0', 16],
  ['207.46.0.0', 16], ['157.55.0.0', 16],
].map(([ip, bits]) => [ipToInt(ip as string), bits === 0 ? 0 : (0xffffffff << (32 - (bits as number))) >>> 0] as const);

export function isPublicUnicast(n: number): boolean {
  const last = n & 255;
  if (last === 0 || last === 255) return false;
  for (const [base, mask] of RESERVED) {
    if (((n & mask) >>> 0) === base) return false;
  }
  return true;
}

const SEED_BITS = 20;
const SLOT_BITS = 11;
/** Attacker slots per file: the file's index selects a disjoint range of the slot space. */
export const ATTACKER_SLOTS_PER_FILE = 400;

/**
 * Allocates attacker addresses for one file of one seed. Input to the permutation is
 * [0 | seed (20 bits) | slot (11 bits)]; clients use inputs with the top bit set, so clients and
 * attackers never share an address, and two seeds (mod 2^20) never share an attacker.
 */
export class AttackerIps {
  private next = 0;
  constructor(
    private readonly seed: number,
    private readonly fileIndex: number,
  ) {}

  take(): string {
    for (;;) {
      if (this.next >= ATTACKER_SLOTS_PER_FILE) {
        throw new LoupeError('internal', 'generator ran out of attacker addresses for one file; lower --lines');
      }
      const slot = this.fileIndex * ATTACKER_SLOTS_PER_FILE + this.next++;
      const input = (((this.seed >>> 0) & ((1 << SEED_BITS) - 1)) << SLOT_BITS) | slot;
      const n = permute32(input >>> 0);
      if (!isPublicUnicast(n)) continue;
      return ipToString(n);
    }
  }

  takeMany(k: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < k; i++) out.push(this.take());
    return out;
  }
}

/** A public address for a benign client or server (never equal to any seed's attacker address). */
export function benignPublicIp(rng: Rng): string {
  for (;;) {
    const n = permute32((0x80000000 | (rng.u32() & 0x7fffffff)) >>> 0);
    if (isPublicUnicast(n)) return ipToString(n);
  }
}

/** A random IPv6 client address in a realistic provider prefix (compressed form). */
export function benignIpv6(rng: Rng): string {
  const prefixes = ['2a02:8108', '2001:16b8', '2a01:cb00', '2600:1700', '2a00:23c6', '2409:4042'];
  const h = (): string => rng.int(0, 0xffff).toString(16);
  return `${rng.pick(prefixes)}:${h()}:${h()}:${h()}:${h()}:${h()}:${h()}`;
}

/** Real crawler ranges: a verified crawler comes from its operator's network. */
export const GOOGLEBOT_NET = '66.249.66.';
export const BINGBOT_NET = '40.77.167.';

/** Inside addresses for flow data (CIDDS-like: servers, client subnets, a datacenter subnet). */
export const INTERNAL = {
  servers: '192.168.100.',
  clientNets: ['192.168.200.', '192.168.210.', '192.168.220.'],
  datacenter: '10.0.5.',
} as const;

export function internalClient(rng: Rng): string {
  return `${rng.pick(INTERNAL.clientNets)}${rng.int(2, 250)}`;
}
