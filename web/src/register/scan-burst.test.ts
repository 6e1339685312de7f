import { describe, expect, it } from 'vitest';
import { createScanBurstDetector, type KeyDecision } from './scan-burst.ts';

/** Feeds keys `gap` ms apart starting at `start`; returns every decision. */
function typeKeys(
  detector: ReturnType<typeof createScanBurstDetector>,
  keys: string[],
  gap: number,
  start = 1000,
): KeyDecision[] {
  return keys.map((key, index) => detector.key({ key, at: start + index * gap }));
}

const chars = (text: string) => [...text];

describe('scan burst detector', () => {
  it('recognises a fast burst of digits ended by Enter as a scan', () => {
    const detector = createScanBurstDetector();
    const decisions = typeKeys(detector, [...chars('5012345678900'), 'Enter'], 8);
    expect(decisions.at(-1)).toEqual({ kind: 'scan', code: '5012345678900', passedCount: 2 });
  });

  it('lets the first keys of a burst through and holds back the rest', () => {
    const detector = createScanBurstDetector();
    const decisions = typeKeys(detector, chars('12345678'), 5);
    expect(decisions.map((d) => d.kind)).toEqual([
      'pass',
      'pass',
      'hold',
      'hold',
      'hold',
      'hold',
      'hold',
      'hold',
    ]);
  });

  it('treats slow human typing followed by Enter as ordinary typing', () => {
    const detector = createScanBurstDetector();
    const decisions = typeKeys(detector, [...chars('mug 12'), 'Enter'], 120);
    expect(decisions.every((d) => d.kind === 'pass')).toBe(true);
  });

  it('does not call a fast burst shorter than the minimum a scan, and gives held keys back', () => {
    const detector = createScanBurstDetector();
    const decisions = typeKeys(detector, [...chars('abcd'), 'Enter'], 5);
    expect(decisions.at(-1)).toEqual({ kind: 'pass', replay: 'cd' });
  });

  it('hands held keys back when a fast burst goes quiet without Enter', () => {
    const detector = createScanBurstDetector();
    typeKeys(detector, chars('abcde'), 10, 1000);
    expect(detector.expire(1100)).toBe('');
    expect(detector.expire(1200)).toBe('cde');
    expect(detector.expire(1300)).toBe('');
  });

  it('tolerates one late key in a scan, as Bluetooth scanners and busy machines deliver them', () => {
    const detector = createScanBurstDetector();
    detector.key({ key: '4', at: 0 });
    const rest = typeKeys(detector, [...chars('006381333931'), 'Enter'], 6, 90);
    expect(rest.at(-1)).toEqual({ kind: 'scan', code: '4006381333931', passedCount: 3 });
  });

  it('ends a burst at a second late key, so slow typing is never taken for a scan', () => {
    const detector = createScanBurstDetector();
    typeKeys(detector, chars('123'), 5, 0);
    detector.key({ key: '4', at: 100 });
    typeKeys(detector, chars('56'), 5, 105);
    expect(detector.key({ key: '7', at: 200 })).toEqual({ kind: 'pass', replay: '3456' });
  });

  it('replays held keys before a slow key that follows an abandoned burst', () => {
    const detector = createScanBurstDetector();
    typeKeys(detector, chars('abc'), 10, 1000);
    expect(detector.key({ key: 'x', at: 2000 })).toEqual({ kind: 'pass', replay: 'c' });
  });

  it('treats ordinary typing with one quick key pair as typing', () => {
    const detector = createScanBurstDetector();
    const decisions = [0, 120, 140, 260, 380].map((at, i) => detector.key({ key: 'mugsx'[i] ?? '', at }));
    expect(decisions.map((d) => d.kind)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('splits a burst at a pause longer than the gap, so a scan after typing is still clean', () => {
    const detector = createScanBurstDetector();
    typeKeys(detector, chars('te'), 150, 0);
    const decisions = typeKeys(detector, [...chars('4006381333931'), 'Enter'], 6, 2000);
    expect(decisions.at(-1)).toEqual({ kind: 'scan', code: '4006381333931', passedCount: 2 });
  });

  it('ignores Shift so scanners that shift for capitals still scan', () => {
    const detector = createScanBurstDetector();
    const keys = ['Shift', 'A', 'B', 'C', '1', '2', '3', 'Enter'];
    expect(typeKeys(detector, keys, 4).at(-1)).toEqual({ kind: 'scan', code: 'ABC123', passedCount: 2 });
  });

  it('never treats a shortcut (Ctrl/Alt/Meta held) as part of a scan', () => {
    const detector = createScanBurstDetector();
    typeKeys(detector, chars('123'), 5, 0);
    expect(detector.key({ key: 'v', at: 16, withModifier: true })).toEqual({ kind: 'pass', replay: '3' });
    expect(detector.key({ key: 'Enter', at: 20 })).toEqual({ kind: 'pass', replay: '' });
  });

  it('ends a burst on a non-printable key such as Backspace', () => {
    const detector = createScanBurstDetector();
    typeKeys(detector, chars('1234567'), 5, 0);
    expect(detector.key({ key: 'Backspace', at: 40 })).toEqual({ kind: 'pass', replay: '34567' });
    expect(detector.key({ key: 'Enter', at: 45 })).toEqual({ kind: 'pass', replay: '' });
  });

  it('recognises two scans in a row', () => {
    const detector = createScanBurstDetector();
    const first = typeKeys(detector, [...chars('11111111'), 'Enter'], 5, 0);
    const second = typeKeys(detector, [...chars('22222222'), 'Enter'], 5, 60);
    expect(first.at(-1)).toMatchObject({ kind: 'scan', code: '11111111' });
    expect(second.at(-1)).toMatchObject({ kind: 'scan', code: '22222222' });
  });
});
