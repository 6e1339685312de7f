/**
 * Tells a barcode scanner from a person. USB/Bluetooth scanners are keyboards that type a code's
 * characters a few milliseconds apart and press Enter; people type far slower. A burst is a run of
 * printable keys each less than `maxGapMs` after the previous one; ended by Enter and at least
 * `minLength` long, it is a scan.
 *
 * The first key of a burst cannot be told from a person's key, so the first `passThrough` keys are let
 * through to whatever has focus; from then on the burst's keys are held back. On a scan the caller
 * removes the `passedCount` characters that did land. If a held-back burst goes quiet without Enter
 * (a very fast typist), `expire` hands the held keys back so the caller can type them in: nothing a
 * person types is ever lost. Pure: time comes in as numbers, so the rules are unit-tested.
 */
export interface ScanBurstConfig {
  maxGapMs: number;
  minLength: number;
  /** Keys of a burst that reach the focused element before the rest are held back. */
  passThrough: number;
}

export const DEFAULT_SCAN_CONFIG: ScanBurstConfig = { maxGapMs: 35, minLength: 6, passThrough: 2 };

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

  const heldChars = () => chars.slice(passed);
  const reset = () => {
    const held = heldChars();
    chars = '';
    passed = 0;
    lastAt = Number.NEGATIVE_INFINITY;
    return held;
  };
  const isStale = (at: number) => at - lastAt > config.maxGapMs;

  return {
    key({ key, at, withModifier }) {
      if (MODIFIER_KEYS.has(key)) return { kind: 'pass', replay: '' };
      const replay = chars && isStale(at) ? reset() : '';
      if (withModifier) return { kind: 'pass', replay: replay + reset() };
      if (key === 'Enter') {
        if (chars.length >= config.minLength) {
          const scan = { kind: 'scan', code: chars, passedCount: passed } as const;
          chars = '';
          passed = 0;
          lastAt = Number.NEGATIVE_INFINITY;
          return scan;
        }
        return { kind: 'pass', replay: replay + reset() };
      }
      if (key.length !== 1) return { kind: 'pass', replay: replay + reset() };
      chars += key;
      lastAt = at;
      if (chars.length <= config.passThrough) {
        passed += 1;
        return { kind: 'pass', replay };
      }
      return { kind: 'hold' };
    },
    expire(at) {
      return chars && isStale(at) ? reset() : '';
    },
  };
}
