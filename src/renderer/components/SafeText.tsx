// The one way log-derived text reaches the screen: a text node (never markup, never a link),
// with control/bidi/invisible characters shown as visible ⟨U+XXXX⟩ tokens.
import { memo } from 'react';
import { safePieces, safeString } from '../lib/safeText';

export interface SafeTextProps {
  value: string | number | null | undefined;
  /** characters shown before cutting (1 MB lines exist); the full value stays in the title when short enough */
  max?: number;
  className?: string;
  /** shown for null/empty values */
  empty?: string;
}

export const SafeText = memo(function SafeText({ value, max = 2000, className, empty = '—' }: SafeTextProps) {
  if (value == null || value === '') return <span className={`safe empty ${className ?? ''}`}>{empty}</span>;
  const s = typeof value === 'number' ? String(value) : value;
  const { pieces, truncated } = safePieces(s, max);
  return (
    <span className={`safe ${className ?? ''}`} title={s.length <= 4000 ? safeString(s) : undefined}>
      {pieces.map((p, i) =>
        p.escaped ? (
          <span key={i} className="esc">
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
      {truncated > 0 ? <span className="esc">{`… (+${truncated} chars)`}</span> : null}
    </span>
  );
});
