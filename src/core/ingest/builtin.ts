// The built-in formats (src/core/formats) as the ingest pipeline's registry; parse workers load
// the same specs by name, so built-in sources are parsed in parallel.
import { FORMATS, getFormat, rankFormats, resolveLayout } from '../formats';
import type { FormatRegistry } from './registry';

export const builtinRegistry = (): FormatRegistry => ({
  builtIn: true,
  list: () => FORMATS,
  get: (name) => FORMATS.find((f) => f.name === name),
  detect(headLines) {
    const best = rankFormats(headLines)[0];
    return best ? { spec: getFormat(best.name), confidence: best.confidence, layout: best.result.layout } : null;
  },
  resolve(headLines, format, map) {
    const r = resolveLayout(headLines, { format: format ?? 'auto', map: map ?? null });
    return { spec: getFormat(r.layout.format), confidence: r.confidence, layout: r.layout };
  },
});
