/**
 * Text that looks like code must be kept as text: SQL metacharacters are stored and searched for
 * literally (never executed), markup is stored as typed (the pages render it inert: see
 * tests/browser/inert-html.scenario.ts), and any Unicode round-trips unchanged. Each row creates a
 * product with that name through the API, reads it back, finds it by search and by SKU, and checks
 * that only the new product's two rows were written. One test per row in literal-text.test.ts.
 */
export interface LiteralTextCase {
  case: string;
  name: string;
}

export const LITERAL_TEXT_CASES: LiteralTextCase[] = [
  { case: 'SQL that drops a table', name: "'; DROP TABLE products; --" },
  { case: 'SQL that ends a string and a statement', name: "Robert'); DELETE FROM stock_movements;--" },
  { case: 'SQL tautology', name: `" OR ""=" ' OR '1'='1` },
  { case: 'LIKE wildcards and the escape character', name: '100% wool_blend \\ mix' },
  { case: 'an HTML tag with an event handler', name: '<img src=x onerror="window.__xss=1">' },
  { case: 'a script element', name: '<script>window.__xss=1</script>' },
  { case: 'Unicode: accents, CJK, emoji', name: 'Café ☕ 日本茶 🍵' },
  { case: 'Unicode: right-to-left and combining marks', name: 'שלום e\u0301te\u0301' },
  { case: 'the longest name allowed (200 characters)', name: `Long ${'n'.repeat(195)}` },
];
