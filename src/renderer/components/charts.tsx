// Thin recharts components: they only draw what the pure series builders (lib/series.ts) made.
// Colours come from CSS variables so light and dark themes both read well.
import { Bar, BarChart, Brush, CartesianGrid, Cell, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBytes, formatCount } from '../../shared/format';
import { safeString } from '../lib/safeText';
import type { KeyCount } from '../../shared/model';
import { barAxisWidth, barLabel, shareSlices, type CurvePoint, type HistogramBin, type TimelinePoint } from '../lib/series';
import { formatTick } from '../lib/zone';

export const PALETTE = ['var(--c1)', 'var(--c2)', 'var(--c3)', 'var(--c4)', 'var(--c5)', 'var(--c6)', 'var(--c7)', 'var(--c8)'];
const SERIES_COLORS: Record<string, string> = { '2xx': 'var(--c3)', '3xx': 'var(--c1)', '4xx': 'var(--c2)', '5xx': 'var(--c4)', attack: 'var(--c4)', normal: 'var(--c1)', none: 'var(--c8)', other: 'var(--c8)' };
// keys without a fixed colour take these, in order, so they never repeat a fixed one
const FREE = ['var(--c5)', 'var(--c6)', 'var(--c7)', 'var(--c1)', 'var(--c2)', 'var(--c3)', 'var(--c4)'];
export const colorFor = (key: string, i: number): string => SERIES_COLORS[key] ?? FREE[i % FREE.length];
/** Timeline series names for people ('none' = records without the stacked field, e.g. flows in a web stack). */
const seriesName = (k: string): string => (k === 'none' ? 'no status (flows, auth…)' : safeString(k, 60));

const axis = { stroke: 'var(--muted)', fontSize: 11 };
const tooltipStyle = { contentStyle: { background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)', fontSize: 12 }, itemStyle: { color: 'var(--text)' } };

export function TimelineChart({ data, keys, zone, bucketMs, onBrush, fmtTime }: { data: TimelinePoint[]; keys: string[]; zone: string; bucketMs: number; onBrush?: (a: number, b: number) => void; fmtTime: (ms: number) => string }) {
  const span = data.length ? data[data.length - 1].t - data[0].t + bucketMs : 0;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} barCategoryGap={0}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis dataKey="t" tickFormatter={(t: number) => formatTick(t, zone, span)} tick={axis} minTickGap={40} />
        <YAxis tick={axis} width={56} allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} />
        <Tooltip {...tooltipStyle} labelFormatter={(t) => fmtTime(Number(t))} formatter={(v) => formatCount(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {keys.map((k, i) => (
          <Bar key={k} dataKey={k} name={seriesName(k)} stackId="t" fill={colorFor(k, i)} isAnimationActive={false} />
        ))}
        {onBrush && data.length > 2 ? (
          <Brush dataKey="t" height={22} stroke="var(--accent)" fill="var(--panel-2)" travellerWidth={8} tickFormatter={(t: number) => formatTick(t, zone, span)} onChange={(r) => onBrush(r.startIndex ?? 0, r.endIndex ?? data.length - 1)} />
        ) : null}
      </BarChart>
    </ResponsiveContainer>
  );
}

export interface BarRow {
  key: string;
  value: number;
}

/** Horizontal bars for top-N lists; labels are log text, so they are escaped and cut to fit, the whole key in the tooltip. */
export function HBarChart({ rows, unit = 'count', onClick }: { rows: BarRow[]; unit?: 'count' | 'bytes'; onClick?: (key: string) => void }) {
  const fmt = unit === 'bytes' ? formatBytes : formatCount;
  const data = rows.map((r) => ({ ...r, label: barLabel(r.key), full: safeString(r.key, 300) }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid stroke="var(--border)" horizontal={false} />
        <XAxis type="number" tick={axis} tickFormatter={(v: number) => fmt(v)} allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={barAxisWidth(data.map((d) => d.label))} tick={axis} interval={0} />
        <Tooltip {...tooltipStyle} labelFormatter={(_, p) => (p?.[0]?.payload as { full?: string } | undefined)?.full ?? ''} formatter={(v) => fmt(Number(v))} />
        <Bar dataKey="value" fill="var(--c1)" isAnimationActive={false} onClick={onClick ? (d: { payload?: BarRow }) => d.payload && onClick(d.payload.key) : undefined} cursor={onClick ? 'pointer' : undefined} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function DonutChart({ rows }: { rows: readonly KeyCount[] }) {
  const data = shareSlices(rows);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <PieChart>
        <Pie data={data} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="85%" isAnimationActive={false} stroke="var(--panel)">
          {data.map((d, i) => (
            <Cell key={d.key} fill={colorFor(d.key, i)} />
          ))}
        </Pie>
        <Tooltip {...tooltipStyle} formatter={(v) => formatCount(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
      </PieChart>
    </ResponsiveContainer>
  );
}

export function HistogramChart({ bins }: { bins: HistogramBin[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={bins} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} barCategoryGap={1}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis dataKey="from" tick={axis} tickFormatter={(v: number) => v.toFixed(1)} />
        <YAxis tick={axis} width={48} allowDecimals={false} />
        <Tooltip {...tooltipStyle} labelFormatter={(_, p) => (p?.[0]?.payload as HistogramBin | undefined)?.label ?? ''} formatter={(v) => formatCount(Number(v))} />
        <Bar dataKey="count" fill="var(--c2)" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export interface CurveSet {
  name: string;
  points: CurvePoint[];
}

export function CurveChart({ sets, xLabel, yLabel, diagonal }: { sets: CurveSet[]; xLabel: string; yLabel: string; diagonal?: boolean }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
        <CartesianGrid stroke="var(--border)" />
        <XAxis type="number" dataKey="x" domain={[0, 1]} tick={axis} label={{ value: xLabel, position: 'insideBottom', offset: -8, fill: 'var(--muted)', fontSize: 11 }} />
        <YAxis type="number" dataKey="y" domain={[0, 1]} tick={axis} width={40} label={{ value: yLabel, angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 11 }} />
        <Tooltip {...tooltipStyle} formatter={(v) => Number(v).toFixed(3)} />
        <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
        {diagonal ? <Line data={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} dataKey="y" name="chance" stroke="var(--muted)" strokeDasharray="4 4" dot={false} isAnimationActive={false} legendType="none" /> : null}
        {sets.map((s, i) => (
          <Line key={s.name} data={s.points} dataKey="y" name={s.name} stroke={PALETTE[i % PALETTE.length]} dot={false} strokeWidth={2} isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
