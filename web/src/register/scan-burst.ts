/**
 * Tells a barcode scanner from a person. USB/Bluetooth scanners are keyboards that type a code's
 * characters a few milliseconds apart and press Enter; people type far slower. A burst is a run of
 * printable keys each less than `maxGapMs` after the previous one; ended by Enter and at least
 * `minLength` long, it is a scan.
 *
 * One key per burst may come late (up to `maxStallMs`): Bluetooth links and busy machines deliver a
 * scanner's keys in uneven batches, and a person still never types five more keys 35 ms apart.
 *
 * The first key of a burst cannot be told from a person's key, so keys are let through to whatever has
 * focus until `passThrough` gaps in a row have been at scanner speed; from then on the burst's keys are
 * held back. On a scan the caller
 * removes the `passedCount` characters that did land. If a held-back burst goes quiet without Enter
 * (a very fast typist), `expire` hands the held keys back so the caller can type them in: nothing a
 * person types is ever lost. Pure: time comes in as numbers, so the rules are unit-tested.
 */
export interface ScanBurstConfig {
  maxGapMs: number;
  /** One gap per burst may be this long without ending it. */
  maxStallMs: number;
  minLength: number;
  /** Keys of a burst that reach the focused element before the rest are held back. */
  passThrough: number;
}

export const DEFAULT_SCAN_CONFIG: ScanBurstConfig = {
  maxGapMs: 35,
  maxStallMs: 150,
  minLength: 6,
  passThrough: 2,
};

export type KeyDecision =
  /** Let the key do what it normally does. `replay`: held keys of an abandoned burst, to type in first. */
  | { kind: 'pass'; replay: string }
  /** Part of a burst: keep it away from inputs. */
  | { kind: 'hold' }
  /** Enter ended a scan: swallow the Enter, delete `passedCount` characters already typed, add `code`. */
  | { kind: 'scan'; code: string; passedCount: number };

export interface KeyInput {
  key: string;
  at: number;
  /** Ctrl, Alt or Meta held: a shortcut, never part of a scan. */
  withModifier?: boolean;
}

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

export interface ScanBurstDetector {
  key(input: KeyInput): KeyDecision;
  /** Held keys of a burst that has gone quiet at time `at` without Enter ('' if none). */
  expire(at: number): string;
}

export function createScanBurstDetector(config: ScanBurstConfig = DEFAULT_SCAN_CONFIG): ScanBurstDetector {
  let chars = '';
  let passed = 0;
  let lastAt = Number.NEGATIVE_INFINITY;
  let stalled = false;
  /** Gaps in a row at scanner speed; keys are held only once the burst has shown it is that fast. */
  let fastRun = 0;
  let holding = false;

  const heldChars = () => chars.slice(passed);
  const reset = () => {
    const held = heldChars();
    chars = '';
    passed = 0;
    lastAt = Number.NEGATIVE_INFINITY;
    stalled = false;
    fastRun = 0;
    holding = false;
    return held;
  };
  /** Too long since the last key: longer than a stall, or a second slow gap in the same burst. */
  const isStale = (at: number) => {
    const gap = at - lastAt;
    return gap > config.maxStallMs || (gap > config.maxGapMs && stalled);
  };

  return {
    key({ key, at, withModifier }) {
      if (MODIFIER_KEYS.has(key)) return { kind: 'pass', replay: '' };
      const replay = chars && isStale(at) ? reset() : '';
      if (withModifier) return { kind: 'pass', replay: replay + reset() };
      if (key === 'Enter') {
        if (chars.length >= config.minLength) {
          const scan = { kind: 'scan', code: chars, passedCount: passed } as const;
          reset();
          return scan;
        }
        return { kind: 'pass', replay: replay + reset() };
      }
      if (key.length !== 1) return { kind: 'pass', replay: replay + reset() };
      if (chars) {
        const fast = at - lastAt <= config.maxGapMs;
        fastRun = fast ? fastRun + 1 : 0;
        if (!fast) stalled = true;
      }
      chars += key;
      lastAt = at;
      holding ||= fastRun >= config.passThrough;
      if (holding) return { kind: 'hold' };
      passed += 1;
      return { kind: 'pass', replay };
    },
    expire(at) {
      return chars && isStale(at) ? reset() : '';
    },
  };
}
