// Binary packing of models: a JSON header plus typed arrays, little-endian, in one Buffer
// (the `models.blob` column and the payload of exported model files).
import { LoupeError } from '../errors';
import type { Forest } from './forest';
import type { IsolationForest } from './isolation';

type Typed = Float32Array | Float64Array | Int32Array | Uint8Array;
const CTORS = { f32: Float32Array, f64: Float64Array, i32: Int32Array, u8: Uint8Array } as const;
type Kind = keyof typeof CTORS;
const kindOf = (a: Typed): Kind => (a instanceof Float32Array ? 'f32' : a instanceof Float64Array ? 'f64' : a instanceof Int32Array ? 'i32' : 'u8');
const MAGIC = 'LOUPEMDL';

export function packArrays(meta: unknown, arrays: Record<string, Typed>): Buffer {
  const entries = Object.entries(arrays);
  let offset = 0;
  const layout = entries.map(([name, a]) => {
    const e = { name, kind: kindOf(a), length: a.length, offset };
    offset += Math.ceil(a.byteLength / 8) * 8;
    return e;
  });
  const header = Buffer.from(JSON.stringify({ meta, layout }), 'utf8');
  const headLen = 8 + 4 + header.length;
  const pad = (8 - (headLen % 8)) % 8;
  const out = Buffer.alloc(headLen + pad + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(header.length, 8);
  header.copy(out, 12);
  const base = headLen + pad;
  entries.forEach(([, a], i) => {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, base + layout[i].offset);
  });
  return out;
}

export function unpackArrays(buf: Buffer): { meta: unknown; arrays: Record<string, Typed> } {
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) throw new LoupeError('invalid_input', 'not a Loupe model (bad magic)');
  const len = buf.readUInt32LE(8);
  if (12 + len > buf.length) throw new LoupeError('invalid_input', 'truncated Loupe model');
  const parsed = JSON.parse(buf.toString('utf8', 12, 12 + len)) as { meta: unknown; layout: { name: string; kind: Kind; length: number; offset: number }[] };
  const headLen = 12 + len;
  const base = headLen + ((8 - (headLen % 8)) % 8);
  const arrays: Record<string, Typed> = {};
  for (const e of parsed.layout) {
    const Ctor = CTORS[e.kind];
    if (!Ctor) throw new LoupeError('invalid_input', `unknown array type in model: ${String(e.kind)}`);
    const bytes = e.length * Ctor.BYTES_PER_ELEMENT;
    if (base + e.offset + bytes > buf.length) throw new LoupeError('invalid_input', 'truncated Loupe model');
    // copy into a fresh, aligned buffer (the source Buffer may sit at any offset of a pool)
    const copy = new ArrayBuffer(bytes);
    new Uint8Array(copy).set(buf.subarray(base + e.offset, base + e.offset + bytes));
    arrays[e.name] = new Ctor(copy);
  }
  return { meta: parsed.meta, arrays };
}

const need = <T extends Typed>(arrays: Record<string, Typed>, name: string, ctor: new (...a: never[]) => T): T => {
  const a = arrays[name];
  if (!(a instanceof ctor)) throw new LoupeError('invalid_input', `model is missing array ${name}`);
  return a;
};

export function packForest(f: Forest, prefix = ''): Record<string, Typed> {
  return {
    [`${prefix}roots`]: f.roots,
    [`${prefix}feat`]: f.feat,
    [`${prefix}thr`]: f.thr,
    [`${prefix}right`]: f.right,
    [`${prefix}value`]: f.value,
    [`${prefix}leafScore`]: f.leafScore,
    [`${prefix}importance`]: f.importance,
  };
}

export function unpackForest(arrays: Record<string, Typed>, meta: { nClasses: number; nFeatures: number; classes: string[] }, prefix = ''): Forest {
  return {
    nClasses: meta.nClasses,
    nFeatures: meta.nFeatures,
    classes: meta.classes,
    roots: need(arrays, `${prefix}roots`, Int32Array),
    feat: need(arrays, `${prefix}feat`, Int32Array),
    thr: need(arrays, `${prefix}thr`, Float32Array),
    right: need(arrays, `${prefix}right`, Int32Array),
    value: need(arrays, `${prefix}value`, Float32Array),
    leafScore: need(arrays, `${prefix}leafScore`, Float32Array),
    importance: need(arrays, `${prefix}importance`, Float64Array),
  };
}

export function packIsolation(f: IsolationForest, prefix: string): Record<string, Typed> {
  return { [`${prefix}roots`]: f.roots, [`${prefix}feat`]: f.feat, [`${prefix}thr`]: f.thr, [`${prefix}right`]: f.right, [`${prefix}leafLen`]: f.leafLen };
}

export function unpackIsolation(arrays: Record<string, Typed>, meta: { nFeatures: number; sampleSize: number }, prefix: string): IsolationForest {
  return {
    nFeatures: meta.nFeatures,
    sampleSize: meta.sampleSize,
    roots: need(arrays, `${prefix}roots`, Int32Array),
    feat: need(arrays, `${prefix}feat`, Int32Array),
    thr: need(arrays, `${prefix}thr`, Float32Array),
    right: need(arrays, `${prefix}right`, Int32Array),
    leafLen: need(arrays, `${prefix}leafLen`, Float32Array),
  };
}
