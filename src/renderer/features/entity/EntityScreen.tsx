// Entity: everything about one IP — activity over time, ports, peers, paths, user agents,
// findings, model scores, first/last seen, tags and note.
import { useEffect, useState } from 'react';
import type { Annotations } from '../../../shared/api';
import type { KeyCount } from '../../../shared/model';
import { formatBytes, formatCount, formatDuration } from '../../../shared/format';
import { unwrap, useApi, useLoad } from '../../app/hooks';
import { NoteEditor, TagEditor } from '../explorer/AnnotationEditors';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { activatable, EmptyState, ErrorBox, Kpi, Loading, Section, SeverityBadge } from '../../components/common';
import { HBarChart, TimelineChart } from '../../components/charts';
import { SafeText } from '../../components/SafeText';
import { SuspiciousList } from '../overview/SuspiciousList';
import { ADDRESS, sourceKindOf, type SourceKind } from '../../lib/sourceKind';

/** What the entity is: an address, or for a name, what one of its rows says it is (a Windows workstation, another name). */
function useEntityKind(ip: string): SourceKind | null {
  const api = useApi();
  const [kind, setKind] = useState<SourceKind | null>(null);
  useEffect(() => {
    setKind(null);
    if (!ip) return;
    if (ADDRESS.test(ip)) {
      setKind('ip');
      return;
    }
    let alive = true;
    api['explore/page']({ query: `src_ip:"${ip.replace(/"/g, '')}"`, sort: 'ts', dir: 'asc', limit: 1 }).then((r) => {
      const row = r.ok ? r.value.rows[0] : undefined;
      if (alive) setKind(row ? sourceKindOf(row) : 'name');
    }, () => undefined);
    return () => {
      alive = false;
    };
  }, [api, ip]);
  return kind;
}

/** The entity's name with what it is; a workstation name says where its address may be found. */
function EntityName({ name, kind }: { name: string; kind: SourceKind | null }) {
  return (
    <div data-testid="entity-head">
      <h2 className="mono" data-testid="entity-ip" style={{ fontSize: 18 }}>
        {kind && kind !== 'ip' ? <span className="chip entity-kind" data-testid="entity-kind">{kind === 'workstation' ? 'Windows workstation' : 'name'}</span> : null} <SafeText value={name} />
      </h2>
      {kind === 'workstation' ? (
        <p className="small muted" style={{ margin: '2px 0 0' }} data-testid="entity-kind-note">
          A workstation name, not an address: Windows logged no address for these logons (NTLM through a workstation, RDP without NLA). The client chooses this name; its address is in the DHCP, DNS or firewall logs of the time.
        </p>
      ) : kind === 'name' ? (
        <p className="small muted" style={{ margin: '2px 0 0' }} data-testid="entity-kind-note">
          A name, not an address: the log wrote a name where the client's address goes (a reverse lookup, the name the client gave, or a data set's placeholder such as EXT_SERVER).
        </p>
      ) : null}
    </div>
  );
}

function TopList({ title, rows, field, ip, testId }: { title: string; rows: KeyCount[]; field: string; ip: string; testId?: string }) {
  if (!rows.length) return null;
  return (
    <Section title={title} testId={testId}>
      <table className="tbl small toplist">
        <tbody>
          {rows.slice(0, 12).map((r) => (
            <tr key={r.key} {...activatable(() => navigate('explorer', { q: `ip:${ip} ${field}:"${r.key.replace(/"/g, '')}"` }))} title="show these events in the Explorer">
              <td>
                <SafeText value={r.key} max={200} className="mono" />
              </td>
              <td className="num">{formatCount(r.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

export function EntityScreen({ ip }: { ip: string }) {
  const api = useApi();
  const { fmtTime, chartZone, version } = useSession();
  const [draft, setDraft] = useState(ip);
  const view = useLoad(() => (ip ? api['entity/get']({ ip }) : Promise.resolve({ ok: true as const, value: null })), [api, ip, version]);
  const kind = useEntityKind(ip);
  const [ann, setAnn] = useState<Annotations>({ tags: [], note: null });
  useEffect(() => setAnn(view.data?.annotations ?? { tags: [], note: null }), [view.data]);
  useEffect(() => setDraft(ip), [ip]);
  // a refused tag or note is told by its editor, beside what was typed
  const annotate = (p: ReturnType<typeof api['entity/tag']>) => unwrap(p).then(setAnn);

  const head = (
    <div className="page-head">
      <h1>Entity</h1>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          navigate('entity', { ip: draft.trim() });
        }}
      >
        <input type="search" data-search value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="IP address or workstation name" aria-label="IP address" spellCheck={false} />
        <button type="submit" className="btn">
          Look up
        </button>
      </form>
    </div>
  );
  if (!ip)
    return (
      <>
        {head}
        <EmptyState title="Pick an IP">Type an address above, or open one from a finding, a top-talker bar, an event or the ranking below.</EmptyState>
        <SuspiciousList />
      </>
    );
  if (view.error)
    return (
      <>
        {head}
        <ErrorBox error={view.error} onRetry={view.reload} />
      </>
    );
  const v = view.data;
  if (!v) return <>{head}<Loading what={`everything about ${ip}`} /></>;
  const tl = v.timeline.buckets.map((b) => ({ t: b.t, total: b.count, events: b.count }));
  // a name that is no event's source or destination (a server's own name, FS01.corp.example.com,
  // or a typo): one plain sentence and where to look, not five empty panels and rows of zeros
  if (v.events.asSource + v.events.asDestination === 0 && !v.findings.length)
    return (
      <>
        {head}
        <h2 className="mono" data-testid="entity-ip" style={{ fontSize: 18 }}>
          <SafeText value={v.ip} />
        </h2>
        <div data-testid="entity-nothing">
          <EmptyState
            title="No event has this as its source or destination"
            action={
              <button type="button" className="btn" onClick={() => navigate('explorer', { q: `"${v.ip.replace(/"/g, '')}"` })}>
                Rows that mention it in the Explorer
              </button>
            }
          >
            This view follows addresses, and the workstation names Windows logs where no address was recorded. A server's own name (the computer that wrote a Windows log, a web site) is in the Host column: search for it in the Explorer.
          </EmptyState>
        </div>
      </>
    );
  return (
    <>
      {head}
      <EntityName name={v.ip} kind={kind} />
      <div className="kpis">
        {/* "0 B sent" beside logons that log no size would read as a measurement */}
        <Kpi label="As source" value={formatCount(v.events.asSource)} sub={v.bytes.sent == null ? (v.events.asSource ? 'no sizes in these rows' : undefined) : `${formatBytes(v.bytes.sent)} sent`} testId="entity-as-source" />
        <Kpi label="As destination" value={formatCount(v.events.asDestination)} sub={v.bytes.received == null ? (v.events.asDestination ? 'no sizes in these rows' : undefined) : `${formatBytes(v.bytes.received)} received`} />
        <Kpi label="First seen" value={<span className="kpi-time" title={fmtTime(v.firstSeen)}>{fmtTime(v.firstSeen)}</span>} />
        <Kpi label="Last seen" value={<span className="kpi-time" title={fmtTime(v.lastSeen)}>{fmtTime(v.lastSeen)}</span>} sub={v.firstSeen != null && v.lastSeen != null ? `active over ${formatDuration(v.lastSeen - v.firstSeen)}` : undefined} />
        <Kpi label="Findings" value={formatCount(v.findings.length)} tone={v.findings.length ? 'warn' : undefined} />
      </div>
      <Section title="Activity over time" testId="entity-timeline" actions={<button type="button" className="btn small" onClick={() => navigate('explorer', { q: `ip:${v.ip}` })}>All events in the Explorer</button>}>
        {tl.length ? (
          <div className="chart-box">
            <TimelineChart data={tl} keys={['events']} zone={chartZone} bucketMs={v.timeline.bucketMs} fmtTime={(t) => fmtTime(t)} />
          </div>
        ) : (
          <EmptyState title="No timed events for this source" />
        )}
      </Section>
      <Section title={`Findings (${v.findings.length})`} testId="entity-findings">
        {v.findings.length ? (
          <table className="tbl">
            <tbody>
              {v.findings.map((f) => (
                <tr key={f.id} {...activatable(() => navigate('findings', { id: f.id }))}>
                  <td style={{ width: 90 }}>
                    <SeverityBadge severity={f.severity} />
                  </td>
                  <td>
                    <SafeText value={f.title} />
                  </td>
                  <td className="small muted">{fmtTime(f.firstSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <EmptyState title="No findings name this source" />
        )}
      </Section>
      <Section title="Tags and note" testId="entity-annotations">
        <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
          <TagEditor tags={ann.tags} onAdd={(tag) => annotate(api['entity/tag']({ ip: v.ip, tag }))} onRemove={(tag) => annotate(api['entity/tag']({ ip: v.ip, tag, remove: true }))} />
          <NoteEditor note={ann.note} onSave={(text) => annotate(api['entity/note']({ ip: v.ip, text }))} />
        </div>
      </Section>
      {v.scores.length ? (
        <Section title="Model scores" testId="entity-scores">
          <table className="tbl small">
            <tbody>
              {v.scores.map((s) => (
                <tr key={s.modelId}>
                  <td>
                    <SafeText value={s.modelName} />
                  </td>
                  <td className="num">{s.score.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
      <div className="grid3">
        {v.dstPorts.length ? (
          <Section title="Destination ports">
            <div className="chart-box">
              <HBarChart rows={v.dstPorts.slice(0, 10).map((k) => ({ key: k.key, value: k.count }))} onClick={(p) => navigate('explorer', { q: `src_ip:${v.ip} dst_port:${p}` })} />
            </div>
          </Section>
        ) : null}
        <TopList title="Peers it talked to" rows={v.dstIps} field="dst_ip" ip={v.ip} />
        <TopList title="Peers that talked to it" rows={v.srcIps} field="src_ip" ip={v.ip} />
        <TopList title="Paths" rows={v.paths} field="path" ip={v.ip} />
        <TopList title="Hosts (server, virtual host or name looked up)" rows={v.hosts} field="host" ip={v.ip} testId="entity-hosts" />
        <TopList title="User names" rows={v.users} field="user" ip={v.ip} testId="entity-users" />
        <TopList title="User agents" rows={v.userAgents} field="user_agent" ip={v.ip} />
        <TopList title="Status codes" rows={v.statuses} field="status" ip={v.ip} />
        <TopList title="Actions" rows={v.actions} field="action" ip={v.ip} />
      </div>
    </>
  );
}
