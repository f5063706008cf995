// jobs/* and follow/*: listing and cancelling jobs; following a growing log (engine pending).
import { LoupeError } from '../../core/errors';
import type { Slice } from './types';

const followUnavailable = (): never => {
  throw new LoupeError('internal', 'following a live log from the app is not available in this build yet (use `loupe follow`)');
};

export const jobs: Slice<'jobs'> = {
  'jobs/list': (_a, s) => s.jobs.list(),
  'jobs/cancel': (a, s) => ({ cancelled: s.jobs.cancel(a.jobId) }),
};

export const follow: Slice<'follow'> = {
  'follow/start': followUnavailable,
  'follow/stop': followUnavailable,
  'follow/status': () => [],
};
