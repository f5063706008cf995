// The analyst's tags and note on an event, a finding or an entity. A refused tag or a note that
// was not stored says so beside the field and keeps what was typed: nothing is lost quietly.
import { useEffect, useRef, useState } from 'react';
import { normaliseTag, tagRefusal } from '../../../shared/tags';
import { toUiError } from '../../app/hooks';
import { SafeText } from '../../components/SafeText';

export function TagEditor({ tags, onAdd, onRemove, testId }: { tags: readonly string[]; onAdd: (t: string) => Promise<unknown>; onRemove: (t: string) => Promise<unknown>; testId?: string }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  // in a scrolled detail pane the message would sit just under the edge, unseen
  useEffect(() => {
    if (problem) problemRef.current?.scrollIntoView({ block: 'nearest' });
  }, [problem]);
  const attempt = (p: Promise<unknown>, then?: () => void) =>
    p.then(
      () => {
        setProblem(null);
        then?.();
      },
      (e: unknown) => setProblem(toUiError(e).message),
    );
  return (
    <div className="row" data-testid={testId}>
      <div className="chips">
        {tags.map((t) => (
          <span key={t} className="chip">
            <SafeText value={t} />{' '}
            <button type="button" className="btn small" style={{ border: 0, padding: 0 }} aria-label={`remove tag ${t}`} onClick={() => void attempt(onRemove(t))}>
              ✕
            </button>
          </span>
        ))}
      </div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const t = text.trim();
          if (!t) return;
          // said at once, where the tag was typed, and the text stays to be corrected
          if (normaliseTag(t) == null) return setProblem(tagRefusal(t));
          void attempt(onAdd(t), () => setText(''));
        }}
      >
        <input
          type="text"
          placeholder="add tag"
          value={text}
          maxLength={64}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
          }}
          style={{ width: 120 }}
          aria-label="new tag"
          aria-invalid={problem ? true : undefined}
          title="letters, digits and _ . : / - (no spaces)"
        />
        <button type="submit" className="btn small" disabled={!text.trim()}>
          Tag
        </button>
      </form>
      {problem ? (
        <div ref={problemRef} className="small error-text" role="alert" data-testid="tag-problem" style={{ flexBasis: '100%' }}>
          <SafeText value={problem} max={300} />
        </div>
      ) : null}
    </div>
  );
}

export function NoteEditor({ note, onSave, testId }: { note: string | null; onSave: (t: string) => Promise<unknown>; testId?: string }) {
  const [text, setText] = useState(note ?? '');
  const [state, setState] = useState<{ saved: true } | { problem: string } | null>(null);
  useEffect(() => setText(note ?? ''), [note]);
  return (
    <form
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(text).then(
          () => setState({ saved: true }),
          (err: unknown) => setState({ problem: toUiError(err).message }),
        );
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
    >
      <textarea
        rows={2}
        value={text}
        placeholder="Note for the report (what you concluded, what to check next)"
        onChange={(e) => {
          setText(e.target.value);
          setState(null);
        }}
        aria-label="note"
      />
      <div className="row">
        <button type="submit" className="btn small" disabled={text === (note ?? '')}>
          Save note
        </button>
        {state && 'saved' in state ? <span className="small muted">saved (kept in the audit log)</span> : null}
        {state && 'problem' in state ? (
          <span className="small error-text" role="alert" data-testid="note-problem">
            not saved: <SafeText value={state.problem} max={300} />
          </span>
        ) : null}
      </div>
    </form>
  );
}
