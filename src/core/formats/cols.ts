// Positions of the canonical event columns in a parsed row (rows follow EVENT_COLUMNS order),
// resolved once so hot loops index arrays with constants instead of looking names up.
import { EVENT_COLUMNS, type EventColumnName } from '../../shared/columns';

const index = new Map<string, number>(EVENT_COLUMNS.map((c, i) => [c.name, i]));

export function colIndex(name: string): number {
  const i = index.get(name);
  if (i === undefined) throw new Error(`unknown event column ${name}`);
  return i;
}

export const NCOLS = EVENT_COLUMNS.length;

export const C: { readonly [K in EventColumnName]: number } = Object.fromEntries(
  EVENT_COLUMNS.map((c, i) => [c.name, i]),
) as { [K in EventColumnName]: number };

/** Column type per position ('int' | 'real' | 'text'). */
export const COL_TYPES = EVENT_COLUMNS.map((c) => c.type);
