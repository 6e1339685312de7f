/**
 * Catches scanner bursts wherever focus is: a window-level keydown listener in the capture phase sees
 * every key before any input or React handler does. Keys the detector holds back never reach the
 * focused input; on a scan, the few that did are taken out again, so a scan never ends up in a search
 * box. Keys held back from a burst that was in fact a person typing are typed back in.
 */
import { useEffect, useRef } from 'react';
import { createScanBurstDetector, DEFAULT_SCAN_CONFIG } from './scan-burst.ts';

type TextField = HTMLInputElement | HTMLTextAreaElement;

function focusedTextField(): TextField | null {
  const active = document.activeElement;
  return active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active : null;
}

/** Sets a field's value so React's onChange sees it (React listens for the native input event). */
function setFieldValue(field: TextField, value: string, caret: number): void {
  const prototype =
    field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
  try {
    field.setSelectionRange(caret, caret);
  } catch {
    // Number and email inputs have no selection; the value is still right.
  }
}

function caretOf(field: TextField): number {
  try {
    return field.selectionStart ?? field.value.length;
  } catch {
    return field.value.length;
  }
}

function removeBeforeCaret(field: TextField, count: number): void {
  const end = caretOf(field);
  const start = Math.max(0, end - count);
  setFieldValue(field, field.value.slice(0, start) + field.value.slice(end), start);
}

function insertAtCaret(field: TextField, text: string): void {
  const at = caretOf(field);
  setFieldValue(field, field.value.slice(0, at) + text + field.value.slice(at), at + text.length);
}

export const SCAN_MARK = 'tillsync:scan';

export function useScanner(onScan: (code: string) => void, enabled = true): void {
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    const detector = createScanBurstDetector();
    let expiry: ReturnType<typeof setTimeout> | undefined;

    const giveBack = (text: string) => {
      const field = focusedTextField();
      if (text && field) insertAtCaret(field, text);
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing) return;
      const decision = detector.key({
        key: event.key,
        at: event.timeStamp,
        withModifier: event.ctrlKey || event.altKey || event.metaKey,
      });
      if (decision.kind === 'pass') {
        giveBack(decision.replay);
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      clearTimeout(expiry);
      if (decision.kind === 'hold') {
        expiry = setTimeout(
          () => giveBack(detector.expire(performance.now())),
          DEFAULT_SCAN_CONFIG.maxStallMs + 15,
        );
        return;
      }
      const field = focusedTextField();
      if (field && decision.passedCount > 0) removeBeforeCaret(field, decision.passedCount);
      // A mark on the page's timeline: how long a scan takes to reach the cart can be measured.
      performance.mark(SCAN_MARK);
      onScanRef.current(decision.code);
    };

    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      clearTimeout(expiry);
      window.removeEventListener('keydown', onKeyDown, true);
    };
  }, [enabled]);
}
