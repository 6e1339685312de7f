/**
 * A short tone alongside the on-screen message, so a cashier looking at the customer hears that a scan
 * failed (or worked). Browsers only allow sound after a user gesture; when not allowed, the visible
 * message is still there.
 */
let context: AudioContext | null = null;

export function beep(kind: 'ok' | 'error'): void {
  try {
    context ??= new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = kind === 'ok' ? 'sine' : 'square';
    oscillator.frequency.value = kind === 'ok' ? 1200 : 220;
    gain.gain.value = kind === 'ok' ? 0.05 : 0.08;
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + (kind === 'ok' ? 0.06 : 0.35));
  } catch {
    // No audio device or not allowed yet: the message on screen is enough.
  }
}
