// Dense ids for 52-bit hash keys (IPs, paths, user agents...): an open-addressing table on typed
// arrays, since Maps with keys above 2^31 box every key and cost most of a pass over 1M rows.

export class KeyTable {
  private slotKey: Float64Array;
  private slotId: Int32Array;
  private mask: number;
  private byId: Float64Array;
  /** distinct keys so far; ids are 0..size-1 in first-seen order */
  size = 0;

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.slotKey = new Float64Array(cap);
    this.slotId = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.byId = new Float64Array(Math.max(16, expected));
  }

  /** Slot of key k: where it is, or the empty slot where it goes. */
  private slot(k: number): number {
    // mix the high and low 32 bits of the (integer-valued) key
    const lo = k >>> 0;
    const hi = Math.floor(k / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h = (h ^ (h >>> 15)) & this.mask;
    while (this.slotId[h] >= 0 && this.slotKey[h] !== k) h = (h + 1) & this.mask;
    return h;
  }

  /** The id of k (a finite integer below 2^53), adding it when new. */
  intern(k: number): number {
    const h = this.slot(k);
    const id = this.slotId[h];
    if (id >= 0) return id;
    if (this.size === this.byId.length) {
      const grown = new Float64Array(this.size * 2);
      grown.set(this.byId);
      this.byId = grown;
    }
    this.byId[this.size] = k;
    this.slotKey[h] = k;
    this.slotId[h] = this.size;
    if (++this.size * 2 > this.slotId.length) this.rehash();
    return this.size - 1;
  }

  /** The id of k, or -1 when it was never interned. */
  get(k: number): number {
    return k !== k ? -1 : this.slotId[this.slot(k)];
  }

  /** The key of an id. */
  key(id: number): number {
    return this.byId[id];
  }

  private rehash(): void {
    const cap = this.slotId.length * 2;
    this.slotKey = new Float64Array(cap);
    this.slotId = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let id = 0; id < this.size; id++) {
      const h = this.slot(this.byId[id]);
      this.slotKey[h] = this.byId[id];
      this.slotId[h] = id;
    }
  }
}

/**
 * Dense ids 0..count-1 for the distinct values of a key column, first seen first (NaN -> -1);
 * with `rows`, only the rows marked 1 there get ids (the others -1).
 */
export function internKeys(keys: Float64Array, rows?: Uint8Array): { ids: Int32Array; count: number } {
  const table = new KeyTable(Math.min(keys.length, 1 << 16));
  const ids = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    ids[i] = k !== k || (rows && !rows[i]) ? -1 : table.intern(k);
  }
  return { ids, count: table.size };
}
