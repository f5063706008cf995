// Renderer entry: one API client (Electron preload or web mode), session and job stores, the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createClient } from './app/client';
import { ApiContext } from './app/hooks';
import { JobsProvider } from './app/jobs';
import { SessionProvider } from './app/session';
import { IngestProvider } from './features/ingest/IngestContext';
import { LiveFeedProvider } from './features/live/LiveFeed';
import './styles.css';

const client = createClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiContext.Provider value={client}>
      <SessionProvider>
        <JobsProvider>
          <IngestProvider>
            <LiveFeedProvider>
              <App />
            </LiveFeedProvider>
          </IngestProvider>
        </JobsProvider>
      </SessionProvider>
    </ApiContext.Provider>
  </StrictMode>,
);
