// The formats the ingest pipeline can use, behind one small interface: the built-in specs
// (src/core/formats, also loaded by the parse workers) or, in tests, specs passed in directly.
import type { FormatSpec, SourceLayout } from '../formats/types';
import { LoupeError } from '../errors';

export interface Detection {
  spec: FormatSpec;
  confidence: number;
  layout: SourceLayout;
}

export interface FormatRegistry {
  list(): readonly FormatSpec[];
  get(name: string): FormatSpec | undefined;
  /** the best format for a decoded head, or null when none is confident */
  detect(headLines: readonly string[]): Detection | null;
  /**
   * The spec and layout for a head with the user's choices (--format, --map). Throws a LoupeError
   * ('unmappable_layout' or 'usage') saying what was seen and what to pass; never a silent guess.
   */
  resolve(headLines: readonly string[], format: string | undefined, map: Record<string, string> | undefined): Detection;
  /** true when parse workers can load these specs by name (the built-ins) */
  readonly builtIn: boolean;
}

/** A registry over a fixed list of specs: the generic detection and mapping rules, no workers. */
export function registryOf(specs: readonly FormatSpec[], minConfidence = 0.5): FormatRegistry {
  return {
    builtIn: false,
    list: () => specs,
    get: (name) => specs.find((s) => s.name === name),
    detect(headLines) {
      let best: Detection | null = null;
      for (const spec of specs) {
        let r;
        try {
          r = spec.detect(headLines);
        } catch (e) {
          // detection must not throw; a spec that does is treated as "not this format"
          r = null;
          void e;
        }
        if (r && r.confidence >= minConfidence && (!best || r.confidence > best.confidence)) best = { spec, confidence: r.confidence, layout: r.layout };
      }
      return best;
    },
    resolve(headLines, format, map) {
      let det: Detection | null;
      if (format && format !== 'auto') {
        const spec = specs.find((s) => s.name === format);
        if (!spec) throw new LoupeError('usage', `unknown format "${format}"; known: auto, ${specs.map((s) => s.name).join(', ')}`);
        const r = spec.detect(headLines);
        det = { spec, confidence: r?.confidence ?? 0, layout: r?.layout ?? { format: spec.name, header: null, mapping: {}, firstRecordLine: 1 } };
      } else {
        det = this.detect(headLines);
        if (!det) {
          const first = (headLines.find((l) => l.trim() !== '') ?? '').slice(0, 80).replace(/[^\x20-\x7e]/g, '?');
          throw new LoupeError('unmappable_layout', `no format recognises this layout (first line: "${first}"); pass --format <name> and --map role=column`);
        }
      }
      if (map && Object.keys(map).length) {
        const fields = det.layout.header;
        for (const [role, column] of Object.entries(map)) {
          if (!fields || !fields.includes(column)) throw new LoupeError('usage', `--map ${role}=${column}: the source has no field "${column}"`);
        }
        det = { ...det, layout: { ...det.layout, mapping: { ...det.layout.mapping, ...map } } };
      }
      return det;
    },
  };
}
