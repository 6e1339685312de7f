import { describe, expect, it } from 'vitest';
import { backoffDelay, waitBeforeCall } from './throttle-pacing.ts';

const standard = { maximumAvailable: 2000, restoreRate: 100 };

describe('throttle pacing', () => {
  it('does not wait while the bucket holds the requested cost', () => {
    expect(waitBeforeCall({ ...standard, currentlyAvailable: 1992 }, 13, 0)).toBe(0);
  });

  it('waits for the restore rate to refill what is missing', () => {
    // 50 available, 250 needed: 200 points at 100/s = 2 s.
    expect(waitBeforeCall({ ...standard, currentlyAvailable: 50 }, 250, 0)).toBe(2000);
    // Half a second already passed since the status was read: 1.5 s left.
    expect(waitBeforeCall({ ...standard, currentlyAvailable: 50 }, 250, 500)).toBe(1500);
  });

  it('never waits for more than a full bucket', () => {
    expect(waitBeforeCall({ ...standard, currentlyAvailable: 0 }, 5000, 0)).toBe(20_000);
  });

  it('backs off exponentially with jitter and a cap', () => {
    expect(backoffDelay(0, () => 0.999)).toBeLessThan(500);
    expect(backoffDelay(3, () => 0.999)).toBeLessThan(4000);
    expect(backoffDelay(3, () => 0.999)).toBeGreaterThan(3900);
    expect(backoffDelay(20, () => 0.999)).toBeLessThan(30_000);
    expect(backoffDelay(5, () => 0)).toBe(0);
  });
});
