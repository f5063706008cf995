// Detector settings: defaults from each detector's definition, overrides by full key
// ("portScan.minPorts"), typed and validated; unknown keys are a usage error listing valid ones.
import { LoupeError } from '../errors';
import { DETECTOR_LIST } from './detectors';
import type { SettingValue, Settings } from './types';

export function defaultSettings(): Record<string, SettingValue> {
  const out: Record<string, SettingValue> = {};
  for (const d of DETECTOR_LIST) for (const s of d.settings) out[`${d.name}.${s.key}`] = s.default;
  return out;
}

/** Merges overrides into the defaults; strings from the command line are converted to the default's type. */
export function resolveSettings(overrides: Readonly<Record<string, SettingValue>> = {}): Settings {
  const out = defaultSettings();
  const unknown = Object.keys(overrides).filter((k) => !(k in out));
  if (unknown.length) {
    throw new LoupeError('usage', `unknown setting ${unknown.map((k) => `"${k}"`).join(', ')}; valid settings: ${Object.keys(out).join(', ')}`);
  }
  for (const [k, raw] of Object.entries(overrides)) {
    const def = out[k]!;
    if (typeof def === 'number') {
      const v = typeof raw === 'number' ? raw : Number(String(raw).replace(/_/g, ''));
      if (!Number.isFinite(v) || v < 0) throw new LoupeError('usage', `setting ${k} expects a non-negative number, got "${String(raw)}"`);
      out[k] = v;
    } else if (typeof def === 'boolean') {
      if (typeof raw === 'boolean') out[k] = raw;
      else if (/^(true|yes|1|on)$/i.test(String(raw))) out[k] = true;
      else if (/^(false|no|0|off)$/i.test(String(raw))) out[k] = false;
      else throw new LoupeError('usage', `setting ${k} expects true or false, got "${String(raw)}"`);
    } else out[k] = String(raw);
  }
  return Object.freeze(out);
}
