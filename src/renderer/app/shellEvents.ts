// Desktop-shell glue: files dropped anywhere on the window go to the ingest plan, and native
// menu commands (File > New case, Open case, Add files, Export, recent cases) are carried out.
import { useEffect } from 'react';
import type { ApiEvents } from '../../shared/api';
import { useIngest } from '../features/ingest/IngestContext';
import { unwrap, useApi } from './hooks';
import { navigate } from './router';
import { useSession } from './session';

export function useShellEvents(onError: (message: string) => void): void {
  const api = useApi();
  const ingest = useIngest();
  const session = useSession();
  const hasCase = session.caseInfo != null;

  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      // the Start screen's drop zone handles its own drops
      if (e.defaultPrevented || !e.dataTransfer?.files.length) return;
      e.preventDefault();
      if (!hasCase) {
        onError('Create or open a case first: dropped files are ingested into it.');
        navigate('start');
        return;
      }
      void ingest.addBrowserFiles([...e.dataTransfer.files]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [hasCase, ingest, onError]);

  useEffect(() => {
    const openCase = async (mode: 'open' | 'create', file?: string) => {
      const chosen = file ?? (await unwrap(api['app/pickCase']({ mode })));
      if (!chosen) return;
      session.setCase(await unwrap(api[mode === 'open' ? 'cases/open' : 'cases/create']({ file: chosen })));
      await session.reloadCase();
      navigate(mode === 'open' ? 'overview' : 'start');
    };
    const onMenu = (m: ApiEvents['app/menu']) => {
      const run = async () => {
        switch (m.command) {
          case 'new-case':
            return openCase('create');
          case 'open-case':
            return openCase('open');
          case 'open-recent':
            return m.paths?.[0] ? openCase('open', m.paths[0]) : undefined;
          case 'add-files': {
            const paths = m.paths ?? (await unwrap(api['app/pickFiles']({})));
            if (paths?.length) await ingest.addPaths(paths);
            return;
          }
          case 'export':
            navigate('export');
            return;
        }
      };
      run().catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)));
    };
    return api.on('app/menu', onMenu);
  }, [api, ingest, session, onError]);
}
