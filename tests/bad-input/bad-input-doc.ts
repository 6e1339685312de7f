import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteTestDatabase } from '../support/test-databases.ts';
import { openBadInputShop } from './bad-input-shop.ts';
import { CSV_CLI_CASES, CSV_HTTP_CASES } from './csv-cases.ts';
import { HTTP_CASES, httpCaseName } from './http-cases.ts';
import { LITERAL_TEXT_CASES } from './literal-text-cases.ts';
import { PAGE_CASES, pageCaseName } from './page-cases.ts';
import { STATIC_PATH_CASES } from './path-cases.ts';
import { deliverWebhook, runCsvCliCase, sendCsvHttpCase, sendHttpCase } from './send-case.ts';
import { WEBHOOK_CASES } from './webhook-cases.ts';

/**
 * docs/bad-input.md is generated from the case lists the tests run, with each answer's message as
 * the server really gives it (sent once to a SQLite shop). doc.test.ts checks the doc still lists
 * exactly the tests there are. Regenerate: `node bin/run-ts.js tests/bad-input/write-doc.ts`.
 */
export const DOC_PATH = 'docs/bad-input.md';

export interface DocRow {
  door: string;
  case: string;
  example: string;
  /** Starts with the status (and code): doc.test.ts reads it back. */
  answer: string;
  unchanged: string;
  test: string;
}

interface Section {
  title: string;
  note: string;
  rows: DocRow[];
}

const EVERY_TABLE = 'every table';
const test = (file: string, name: string) => `${file} › ${name}`;

/** The test each doc row names, computed from the case lists alone (no server needed). */
export function expectedDocTests(): Array<{ test: string; answerStart: string }> {
  return [
    ...HTTP_CASES.map((row) => ({
      test: test('tests/bad-input/http-api.test.ts', httpCaseName(row)),
      answerStart: `${row.status} ${row.code}`,
    })),
    ...WEBHOOK_CASES.map((row) => ({
      test: test('tests/bad-input/webhook.test.ts', `POST /api/shopify/webhooks: ${row.case}`),
      answerStart: row.code ? `${row.status} ${row.code}` : `${row.status}`,
    })),
    ...CSV_HTTP_CASES.map((row) => ({
      test: test('tests/bad-input/csv-import.test.ts', `POST /api/catalog/import: ${row.case}`),
      answerStart: `${row.status} ${row.code}`,
    })),
    ...CSV_CLI_CASES.map((row) => ({
      test: test('tests/bad-input/csv-import.test.ts', `tillsync import-csv: ${row.case}`),
      answerStart: 'exit 1',
    })),
    ...STATIC_PATH_CASES.map((row) => ({
      test: test('tests/bad-input/static-paths.test.ts', `GET ${row.case}`),
      answerStart: `${row.status}`,
    })),
    ...LITERAL_TEXT_CASES.map((row) => ({
      test: test('tests/bad-input/literal-text.test.ts', `POST /api/catalog/products: ${row.case}`),
      answerStart: '201',
    })),
    ...PAGE_CASES.map((row) => ({
      test: test('tests/browser/inert-html.scenario.ts', pageCaseName(row)),
      answerStart: row.answer ?? 'shown as text',
    })),
  ];
}

/** Ids and scratch folders differ per run; the doc shows placeholders. */
function stable(text: string, dir?: string): string {
  const withoutIds = text.replace(/\b[a-z]{3,4}_[0-9A-HJKMNP-TV-Z]{26}\b/g, '<id>');
  return dir ? withoutIds.split(dir).join('{dir}') : withoutIds;
}

function answerOf(status: number, body: string): string {
  const parsed = JSON.parse(body) as { error?: { code: string; message: string; field?: string } };
  if (!parsed.error) return `${status}`;
  const { code, message, field } = parsed.error;
  return `${status} ${code}: “${stable(message)}”${field ? `, field \`${field}\`` : ''}`;
}

/** Sends every case that has a server answer to a fresh SQLite shop and records the answers. */
export async function collectSections(): Promise<Section[]> {
  const database = await createSqliteTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'tillsync-bad-input-doc-'));
  try {
    const shop = await openBadInputShop(database.db);
    const http: DocRow[] = [];
    for (const row of HTTP_CASES) {
      const response = await sendHttpCase(shop, row);
      http.push({
        door: row.door,
        case: row.case,
        example: row.example,
        answer: answerOf(response.statusCode, response.body),
        unchanged: row.writes
          ? `${EVERY_TABLE} but ${row.writes.join(', ')} (the failed attempt is counted)`
          : EVERY_TABLE,
        test: test('tests/bad-input/http-api.test.ts', httpCaseName(row)),
      });
    }

    const webhooks: DocRow[] = [];
    for (const row of WEBHOOK_CASES) {
      const id = randomUUID();
      if (row.deliveredBefore) await deliverWebhook(shop, row.delivery(id));
      const response = await deliverWebhook(shop, row.delivery(id));
      webhooks.push({
        door: 'POST /api/shopify/webhooks',
        case: row.case,
        example: row.example,
        answer: row.code
          ? answerOf(response.statusCode, response.body)
          : `${response.statusCode} (Shopify must hear 200 or it retries); the delivery is counted once`,
        unchanged: row.deliveredBefore
          ? `${EVERY_TABLE}: the inbox keeps the one row of the first delivery`
          : `${EVERY_TABLE}: nothing in the webhook inbox`,
        test: test('tests/bad-input/webhook.test.ts', `POST /api/shopify/webhooks: ${row.case}`),
      });
    }

    const csvHttp: DocRow[] = [];
    for (const row of CSV_HTTP_CASES) {
      const response = await sendCsvHttpCase(shop, row);
      const parsed = JSON.parse(response.body) as {
        error: { details?: { rows: Array<Record<string, unknown>> } };
      };
      const problems = (parsed.error.details?.rows ?? [])
        .map((p) => `row ${p.row}, ${p.field}: ${stable(String(p.message))}`)
        .join('; ');
      csvHttp.push({
        door: 'POST /api/catalog/import',
        case: row.case,
        example: row.example,
        answer: `${answerOf(response.statusCode, response.body)}${problems ? ` — ${problems}` : ''}`,
        unchanged: `${EVERY_TABLE}: no product or variant created or changed`,
        test: test('tests/bad-input/csv-import.test.ts', `POST /api/catalog/import: ${row.case}`),
      });
    }

    const csvCli: DocRow[] = [];
    for (const row of CSV_CLI_CASES) {
      if (row.file) writeFileSync(join(dir, row.file.name), row.file.content);
      const { exit, stderr } = await runCsvCliCase(database.db, row, dir);
      csvCli.push({
        door: 'tillsync import-csv',
        case: row.case,
        example: row.example,
        // The lines about files we wrote ourselves; /etc/passwd's own lines differ per machine.
        answer: `exit ${exit}: ${(row.file ? stderr : stderr.slice(0, 1)).map((line) => `“${stable(line.trim(), dir)}”`).join(' ')}`,
        unchanged: `${EVERY_TABLE}: nothing imported`,
        test: test('tests/bad-input/csv-import.test.ts', `tillsync import-csv: ${row.case}`),
      });
    }
    await shop.app.close();

    return [
      {
        title: 'HTTP API',
        note: 'Sent as the caller shown (owner unless said) to a working shop; every table compared before and after.',
        rows: http,
      },
      {
        title: 'Shopify webhook receiver',
        note: 'The shop is connected to `bad-input-test.myshopify.com`; a correctly signed delivery is stored (the control test).',
        rows: webhooks,
      },
      {
        title: 'CSV import over HTTP',
        note: 'One bad row and nothing is imported; the answer lists every problem by row and column (`details.rows`).',
        rows: csvHttp,
      },
      {
        title: 'CSV import on the command line',
        note: 'The path is the operator’s own, so it is not confined to a folder: anything that is not a regular catalogue CSV is refused before or while reading, and nothing is imported.',
        rows: csvCli,
      },
      {
        title: 'Web app file server',
        note: 'Paths trying to leave web/dist (a file `etc/passwd` sits beside the web root in the test). Unknown page addresses are the single-page app, so most answer its index page.',
        rows: STATIC_PATH_CASES.map((row) => ({
          door: 'GET (web app)',
          case: row.case,
          example: row.url,
          answer:
            row.answer === 'index.html'
              ? `${row.status}: the app’s index.html`
              : `${row.status} ${row.answer.code}`,
          unchanged: 'no file outside web/dist is read',
          test: test('tests/bad-input/static-paths.test.ts', `GET ${row.case}`),
        })),
      },
      {
        title: 'Code-like text is kept as text',
        note: 'Accepted, not refused: stored exactly as typed, read back, found by search on its name and its SKU, and never executed.',
        rows: LITERAL_TEXT_CASES.map((row) => ({
          door: 'POST /api/catalog/products',
          case: row.case,
          example:
            row.name.length > 60 ? `${row.name.slice(0, 20)}… (${row.name.length} characters)` : row.name,
          answer: '201; read back and found by name and SKU exactly as typed',
          unchanged: `${EVERY_TABLE} but the new product’s products + product_variants rows`,
          test: test('tests/bad-input/literal-text.test.ts', `POST /api/catalog/products: ${row.case}`),
        })),
      },
      {
        title: 'The pages (real Chromium)',
        note: 'Names `<img src=x onerror="window.__xss=1">`, `<script>window.__xss=2</script>` (products) and `<b>Mallory</b><img src=x onerror="window.__xss=3">` (a staff member).',
        rows: PAGE_CASES.map((row) => ({
          door: row.page,
          case: row.case,
          example: row.answer ? 'tillsync_session=garbage' : 'the names above',
          answer: row.answer ?? 'shown as text, literally',
          unchanged:
            row.unchanged ??
            'no script runs: window.__xss stays unset; no <img src=x>, <script> or <b> element appears',
          test: test('tests/browser/inert-html.scenario.ts', pageCaseName(row)),
        })),
      },
    ];
  } finally {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const pipes = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** Table text; markup in it is shown, not rendered. */
const cell = (text: string) => pipes(text).replace(/</g, '&lt;').replace(/>/g, '&gt;');
const code = (text: string) => `\`${pipes(text)}\``;

/** What these cases found, kept with the table so the next reader knows why the guards exist. */
const FINDINGS = [
  '## Found by these cases, and fixed',
  '',
  '- Whitespace-only names (product, staff display name, till, shop name, misc sale line) were stored as empty names (201); now 400 `NAME_REQUIRED` naming the field (`src/shared/required-text.ts`).',
  '- A NUL character (U+0000) in any body, query or path value was stored by SQLite and would fail the insert on PostgreSQL (a 500); now 400 `NUL_CHARACTER` naming the field, for every route, before validation (`src/server/input-guards.ts`).',
  '- JSON nested very deep (a parked cart `[[[…]]]` 200,000 levels, 400 KB) parsed, then overflowed the stack in `JSON.stringify`: a 500. Now 400 `NESTED_TOO_DEEP` past 32 levels (same guard).',
  '- A value matching no branch of a union (a percent discount of 20000) was reported against the other branch (`discount.amountMinor is required`); the error handler now names the deepest issue (`discount.basisPoints must be <= 10000`).',
  '- A refused Content-Type answered only "Unsupported Media Type"; the message now names the type.',
  '- The webhook receiver accepted `text/plain` bodies (parsed as a string) and stored correctly signed ones; it now takes `application/json` only (415 otherwise).',
  '- A CSV import could set prices above the largest the API accepts (99,999,999,999.99); now a row error. A CSV file holding a NUL byte was imported on SQLite (and would fail on PostgreSQL); now refused as "not a CSV file" by HTTP and by the CLI.',
  '',
  '## Known gaps (not fixed here)',
  '',
  '- Search on SQLite folds case for ASCII only: a product named `ÉCLAIR` is not found by `ÉCLAIR` or `éclair` (the query is lower-cased in JavaScript, the column by SQLite’s ASCII-only `lower()`); PostgreSQL finds it. Needs a stored search key or an ICU build, not a one-line fix.',
  '- The CSV export writes names as typed, so a name starting with `=`, `+`, `-` or `@` is a formula when the file is opened in a spreadsheet. Escaping it would change what a re-import stores; left for a decision on the CSV format.',
  '',
];

export function renderBadInputDoc(sections: Section[]): string {
  const count = sections.reduce((n, s) => n + s.rows.length, 0);
  const lines = [
    '# Bad input from every door',
    '',
    '<!-- Generated by `node bin/run-ts.js tests/bad-input/write-doc.ts` from the case lists in tests/bad-input/. Do not edit by hand: tests/bad-input/doc.test.ts checks every row names a test that exists, and every test has a row. -->',
    '',
    `${count} cases. Each row is one test; the tests under tests/bad-input/ run every row on SQLite and on PostgreSQL (\`describeEachDatabase\`), except the web app's file server (no database) and the pages (real Chromium, in \`tests/browser/browser.test.ts\`).`,
    '',
    'What every refusal must do:',
    '',
    '- answer 4xx with `{ error: { code, message, field? } }`; a field error names the field in `field` and in the message (`lines.0.quantity`), other refusals say what was wrong;',
    '- change nothing: `snapshotState` (tests/bad-input/state-snapshot.ts) digests **every table** of the database before and after, so stock levels, ledger rows, outbox rows, catalogue, sales, sessions and the webhook inbox are all covered at once. The only exceptions are written in the row (a failed sign-in is counted, so a brute force can be throttled).',
    '',
    'Run them: `npx vitest run tests/bad-input` (and `npm run build:web && npx vitest run tests/browser/browser.test.ts -t "markup in names"` for the pages).',
    '',
  ];
  for (const section of sections) {
    lines.push(`## ${section.title}`, '', section.note, '');
    lines.push('| Door | Case | Example input | Answer | Unchanged | Test |', '|---|---|---|---|---|---|');
    for (const row of section.rows) {
      lines.push(
        `| ${cell(row.door)} | ${cell(row.case)} | ${code(row.example)} | ${cell(row.answer)} | ${cell(row.unchanged)} | ${code(row.test)} |`,
      );
    }
    lines.push('');
  }
  lines.push(...FINDINGS);
  return `${lines.join('\n')}`;
}
