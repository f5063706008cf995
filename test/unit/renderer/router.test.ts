import { describe, expect, it } from 'vitest';
import { landingScreen } from '../../../src/renderer/app/router';

describe('landing screen', () => {
  it('opens a case that holds sources on its overview when the address names no screen', () => {
    expect(landingScreen('', 5)).toBe('overview');
    expect(landingScreen('#/', 1)).toBe('overview');
  });

  it('stays on Start without a case or with an empty one, and never overrides a named screen', () => {
    expect(landingScreen('', null)).toBeNull();
    expect(landingScreen('', 0)).toBeNull();
    expect(landingScreen('#/explorer?q=x', 5)).toBeNull();
    expect(landingScreen('#/start', 5)).toBeNull();
  });
});

import { destinationsNote } from '../../../src/renderer/features/overview/OverviewScreen';

describe('overview destinations note', () => {
  it('counts destinations, and says when the logs have none instead of "0 destinations"', () => {
    expect(destinationsNote(1729)).toBe('1,729 destinations');
    expect(destinationsNote(0)).toBe('no destination addresses in these logs');
  });
});
