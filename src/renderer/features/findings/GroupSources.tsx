// A group finding's sources (many addresses, one finding): the detector keeps only the first of
// them, so the list says how many it shows of how many there are and opens their rows elsewhere.
import type { MouseEvent } from 'react';
import type { Finding } from '../../../shared/model';
import { formatCount } from '../../../shared/format';
import { href, navigate } from '../../app/router';
import { SafeText } from '../../components/SafeText';

export interface GroupSourceList {
  /** the addresses the finding lists (detectors keep the first 50) */
  listed: string[];
  /** how many sources the group has (numbers.sourceCount, or the list when it is whole) */
  total: number;
  /** how many sources the finding's evidence query selects: all of them, or the ones it names */
  inQuery: number;
}

/** The sources a group finding names, or null for a finding about one source (or a bare count). */
export function groupSources(f: Pick<Finding, 'numbers' | 'evidence'>): GroupSourceList | null {
  const raw = f.numbers.sources;
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const listed = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (!listed.length) return null;
  const total = Math.max(listed.length, Number(f.numbers.sourceCount) || 0);
  // an evidence query that selects by address names at most 100 of them; one that selects by
  // signature, time or row ids covers every source of the group
  const named = /(?:^|\s)src_ip:(\S+)/.exec(f.evidence.query)?.[1];
  const inQuery = named ? Math.min(total, named.split(',').filter(Boolean).length) : total;
  return { listed, total, inQuery };
}

/** "showing 50 of 137" when the finding keeps only part of the list, "all 12" when it is whole. */
export function shownOf(g: GroupSourceList): string {
  return g.listed.length < g.total ? `showing ${formatCount(g.listed.length)} of ${formatCount(g.total)}` : `all ${formatCount(g.total)}`;
}

/** The words on the way to the group's rows in the Explorer: what the query selects, truly. */
export function explorerLabel(g: GroupSourceList): string {
  return g.inQuery >= g.total ? `Rows of all ${formatCount(g.total)} sources in the Explorer` : `Rows of ${formatCount(g.inQuery)} of the ${formatCount(g.total)} sources in the Explorer (its query names the first ${formatCount(g.inQuery)})`;
}

/**
 * The list, collapsed to its count by default in the live feed; each address opens its entity.
 * Clicks stay inside (a feed item itself opens the finding).
 */
export function GroupSources({ finding, group, open = false, testId }: { finding: Pick<Finding, 'evidence'>; group: GroupSourceList; open?: boolean; testId?: string }) {
  const stop = (e: MouseEvent) => e.stopPropagation();
  return (
    <details className="group-sources" open={open} data-testid={testId} onClick={stop} onKeyDown={(e) => e.stopPropagation()}>
      <summary>
        <span data-testid="group-sources-count">
          {formatCount(group.total)} sources · {shownOf(group)}
        </span>
      </summary>
      <div className="group-sources-list mono small">
        {group.listed.map((ip, i) => (
          <span key={`${ip}-${i}`}>
            <a href={href('entity', { ip })} title="open this source">
              <SafeText value={ip} max={64} />
            </a>
            {i < group.listed.length - 1 ? ', ' : ''}
          </span>
        ))}
        {group.listed.length < group.total ? <span className="muted"> … and {formatCount(group.total - group.listed.length)} more the finding does not list</span> : null}
      </div>
      <button type="button" className="btn small" data-testid="group-sources-explorer" onClick={() => navigate('explorer', { q: finding.evidence.query })}>
        {explorerLabel(group)}
      </button>
    </details>
  );
}
