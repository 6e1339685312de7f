import type { Clock } from '../shared/clock.ts';

/** Shopify's timestamps carry whole seconds (`2026-06-25T01:33:55Z`); the sandbox stores them so. */
export function shopifyTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function nowText(clock: Clock): string {
  return shopifyTime(clock.now());
}
