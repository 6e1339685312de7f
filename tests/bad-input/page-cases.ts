/**
 * Markup typed into names must show as text in the pages and never run. One `it` each in
 * tests/browser/inert-html.scenario.ts (real Chromium, real server), and one line each of
 * docs/bad-input.md.
 */
export const HOSTILE_NAMES = {
  img: '<img src=x onerror="window.__xss=1">',
  script: '<script>window.__xss=2</script>',
  staff: '<b>Mallory</b><img src=x onerror="window.__xss=3">',
} as const;

export interface PageCase {
  page: string;
  case: string;
  /** For the doc, when not the markup rows' "shown as text". */
  answer?: string;
  unchanged?: string;
}

export const PAGE_CASES: PageCase[] = [
  { page: 'register (till) search', case: 'product names with <img onerror> and <script> listed as text' },
  { page: 'register (till) cart', case: 'a product named <img onerror> shown as text in the cart line' },
  { page: 'back office products list', case: 'product names with markup listed as text' },
  { page: 'back office stock page', case: 'product names with markup found and shown as text' },
  { page: 'top bar', case: 'a staff display name with markup shown as text' },
  {
    page: 'back office products list',
    case: 'a garbage session cookie gets the sign-in form, no data',
    answer: 'the sign-in form (the API answered 401)',
    unchanged: 'no product data shown',
  },
];

export const pageCaseName = (row: PageCase) => `${row.page}: ${row.case}`;
