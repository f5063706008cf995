// Settings: analyst name (on reports and in the audit log), display zone (UTC, each source's
// own zone, or a chosen IANA zone — applied everywhere, exports included) and theme.
import { useState } from 'react';
import { THEMES } from '../../../shared/api';
import { formatTime, isValidZone } from '../../../shared/format';
import { toUiError, type UiError } from '../../app/hooks';
import { useSession } from '../../app/session';
import { ErrorBox, Section } from '../../components/common';

const COMMON_ZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Tehran', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney'];

export function SettingsScreen() {
  const { settings, saveSettings } = useSession();
  const [analyst, setAnalyst] = useState(settings.analyst);
  const kind = settings.displayZone === 'UTC' || settings.displayZone === 'source' ? settings.displayZone : 'zone';
  const [zoneText, setZoneText] = useState(kind === 'zone' ? settings.displayZone : '');
  const [error, setError] = useState<UiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const save = async (patch: Parameters<typeof saveSettings>[0], what: string) => {
    setError(null);
    try {
      await saveSettings(patch);
      setSaved(what);
    } catch (e) {
      setError(toUiError(e));
    }
  };
  const zoneOk = zoneText !== '' && isValidZone(zoneText);
  const now = Date.now();
  return (
    <>
      <div className="page-head">
        <h1>Settings</h1>
        {saved ? <span className="sub" role="status">Saved: {saved}</span> : null}
      </div>
      {error ? <ErrorBox error={error} /> : null}
      <Section title="Analyst">
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void save({ analyst: analyst.trim() }, 'analyst name');
          }}
        >
          <label className="field">
            Name on reports and in the audit log
            <input type="text" value={analyst} onChange={(e) => setAnalyst(e.target.value)} maxLength={200} data-testid="settings-analyst" />
          </label>
          <button type="submit" className="btn primary" disabled={analyst.trim() === settings.analyst}>
            Save
          </button>
        </form>
      </Section>
      <Section title="Display time zone — applies to every screen and export">
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} role="radiogroup" aria-label="display zone">
          <label className="row">
            <input type="radio" name="zone" checked={kind === 'UTC'} onChange={() => void save({ displayZone: 'UTC' }, 'display zone UTC')} /> UTC — {formatTime(now, 'UTC')}
          </label>
          <label className="row">
            <input type="radio" name="zone" checked={kind === 'source'} onChange={() => void save({ displayZone: 'source' }, "each source's own zone")} /> Each source's own zone (as the log recorded it; charts stay in UTC)
          </label>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (zoneOk) void save({ displayZone: zoneText }, `display zone ${zoneText}`);
            }}
          >
            <input type="radio" name="zone" checked={kind === 'zone'} readOnly aria-label="chosen zone" />
            <input type="text" list="zones" value={zoneText} placeholder="IANA zone, e.g. Europe/Berlin" style={{ width: 260 }} onChange={(e) => setZoneText(e.target.value)} aria-invalid={zoneText !== '' && !zoneOk} data-testid="settings-zone" />
            <datalist id="zones">
              {COMMON_ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            <button type="submit" className="btn" disabled={!zoneOk}>
              Use this zone
            </button>
            {zoneText ? <span className="small muted">{zoneOk ? formatTime(now, zoneText) : 'not a known IANA zone'}</span> : null}
          </form>
        </div>
      </Section>
      <Section title="Theme">
        <div className="row" role="radiogroup" aria-label="theme">
          {THEMES.map((t) => (
            <label key={t} className="row">
              <input type="radio" name="theme" checked={settings.theme === t} onChange={() => void save({ theme: t }, `theme ${t}`)} />
              {t === 'system' ? 'Follow the system' : t === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </div>
      </Section>
    </>
  );
}
