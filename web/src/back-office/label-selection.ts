import type { VariantView } from '../api/types.ts';

/**
 * The variants chosen for a label sheet travel from the products page to the labels page in session
 * storage: the API has no fetch-one-variant route, and the products page already holds them.
 */
const KEY = 'tillsync.labelVariants';

export function chooseForLabels(variants: VariantView[]): void {
  sessionStorage.setItem(KEY, JSON.stringify(variants));
}

export function readLabelChoice(): VariantView[] {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as VariantView[]) : [];
  } catch {
    return [];
  }
}
