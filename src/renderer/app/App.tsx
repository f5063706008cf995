// The app frame: navigation, the current screen, the job tray, and the readiness signal
// (`document.body.dataset.ready`) that end-to-end tests wait for instead of sleeping.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SafeText } from '../components/SafeText';
import { ErrorBox } from '../components/common';
import { EntityScreen } from '../features/entity/EntityScreen';
import { ExplorerScreen } from '../features/explorer/ExplorerScreen';
import { ExportScreen } from '../features/export/ExportScreen';
import { FindingsScreen } from '../features/findings/FindingsScreen';
import { IngestScreen } from '../features/ingest/IngestScreen';
import { LiveScreen } from '../features/live/LiveScreen';
import { ModelScreen } from '../features/model/ModelScreen';
import { OverviewScreen } from '../features/overview/OverviewScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { StartScreen } from '../features/start/StartScreen';
import { JobTray } from './JobTray';
import { useShellEvents } from './shellEvents';
import { href, landingScreen, useRoute, type Screen } from './router';
import { useSession } from './session';
import { assertNever } from '../../shared/model';

const NAV: { screen: Screen; label: string; needsCase: boolean }[] = [
  { screen: 'start', label: 'Start', needsCase: false },
  { screen: 'ingest', label: 'Ingest', needsCase: true },
  { screen: 'overview', label: 'Overview', needsCase: true },
  { screen: 'findings', label: 'Findings', needsCase: true },
  { screen: 'explorer', label: 'Explorer', needsCase: true },
  { screen: 'entity', label: 'Entity', needsCase: true },
  { screen: 'model', label: 'Model', needsCase: true },
  { screen: 'export', label: 'Export', needsCase: true },
  { screen: 'live', label: 'Live', needsCase: true },
  { screen: 'settings', label: 'Settings', needsCase: false },
];

function ScreenView({ screen, params }: { screen: Screen; params: URLSearchParams }) {
  switch (screen) {
    case 'start':
      return <StartScreen />;
    case 'ingest':
      return <IngestScreen />;
    case 'overview':
      return <OverviewScreen />;
    case 'findings':
      return <FindingsScreen selectedId={params.get('id')} />;
    case 'explorer':
      return <ExplorerScreen initialQuery={params.get('q') ?? ''} />;
    case 'entity':
      return <EntityScreen ip={params.get('ip') ?? ''} />;
    case 'model':
      return <ModelScreen />;
    case 'export':
      return <ExportScreen />;
    case 'live':
      return <LiveScreen />;
    case 'settings':
      return <SettingsScreen />;
    default:
      return assertNever(screen);
  }
}

export function App() {
  const route = useRoute();
  const { caseInfo, ready, error, app } = useSession();
  const [shellError, setShellError] = useState<string | null>(null);
  const onShellError = useCallback((m: string) => setShellError(m), []);
  useShellEvents(onShellError);
  const screen: Screen = !caseInfo && NAV.find((n) => n.screen === route.screen)?.needsCase ? 'start' : route.screen;

  useEffect(() => {
    if (ready) document.body.dataset.ready = '1';
  }, [ready]);

  // once, at start: a case opened with its sources lands on its overview, not the drop zone
  const [landed, setLanded] = useState(false);
  useEffect(() => {
    if (!ready || landed) return;
    setLanded(true);
    const to = landingScreen(window.location.hash, caseInfo ? caseInfo.sources.length : null);
    if (to) window.location.replace(href(to));
  }, [ready, landed, caseInfo]);

  // after a click on the navigation, focus the screen: otherwise the link keeps focus and Enter
  // re-follows it instead of opening a finding's evidence (focus elsewhere is left alone)
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (document.activeElement?.closest('nav.nav')) mainRef.current?.focus({ preventScroll: true });
  }, [screen]);

  // "/" focuses the search box of the screen (explorer, findings filter)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        const box = document.querySelector<HTMLInputElement>('[data-search]');
        if (box) {
          e.preventDefault();
          box.focus();
          box.select();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const findingsTotal = useMemo(() => (caseInfo ? Object.values(caseInfo.findings).reduce((s, n) => s + n, 0) : 0), [caseInfo]);

  return (
    <div className="app">
      <nav className="nav" aria-label="Screens">
        <div className="brand">Loupe</div>
        <div className="case-name" data-testid="case-name">
          {caseInfo ? <SafeText value={caseInfo.name} /> : 'no case open'}
        </div>
        {NAV.map((n) => (
          <a key={n.screen} href={href(n.screen)} className={`${screen === n.screen ? 'active' : ''} ${n.needsCase && !caseInfo ? 'disabled' : ''}`} data-nav={n.screen} aria-current={screen === n.screen ? 'page' : undefined}>
            {n.label}
            {n.screen === 'findings' && caseInfo && findingsTotal ? <span className="muted small"> · {findingsTotal}</span> : null}
          </a>
        ))}
        <div className="spacer" />
        <JobTray />
        <div className="jobs-mini">
          {app ? `${app.mode === 'web' ? 'web mode' : 'desktop'} · v${app.version}` : ''}
          <br />
          <span className="kbd">/</span> search · <span className="kbd">j</span>/<span className="kbd">k</span> findings
        </div>
      </nav>
      <main className="main" data-screen={screen} ref={mainRef} tabIndex={-1}>
        {error ? <ErrorBox error={error} /> : null}
        {shellError ? <ErrorBox error={shellError} onRetry={() => setShellError(null)} /> : null}
        {ready ? <ScreenView screen={screen} params={route.params} /> : <div className="loading">Starting…</div>}
      </main>
    </div>
  );
}
