/**
 * Bad catalogue imports, by HTTP (POST /api/catalog/import) and by the CLI (`tillsync import-csv`).
 * Each row is one test in csv-import.test.ts and one line of docs/bad-input.md. A refused import
 * writes nothing: the whole database is compared before and after.
 */
const HEADER = 'product_name,sku,barcode,price,tax_rate_percent';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

export interface CsvHttpCase {
  case: string;
  example: string;
  body: string;
  contentType?: string;
  caller?: 'owner' | 'cashier';
  status: number;
  code: string;
  /** `row:field` of every problem the answer must list (details.rows), when it lists rows. */
  problems?: string[];
  /** Text the message must contain. */
  says: string;
}

export const CSV_HTTP_CASES: CsvHttpCase[] = [
  {
    case: 'a bad amount on one row of two',
    example: 'price "1.2.3" on row 3',
    body: csv('Fine,NEW-1,,1.00,20', 'Broken,NEW-2,,1.2.3,20'),
    status: 400,
    code: 'CSV_INVALID',
    problems: ['3:price'],
    says: 'nothing was imported',
  },
  {
    case: 'negative price',
    example: 'price "-4.00"',
    body: csv('Mug,NEW-3,,-4.00,20'),
    status: 400,
    code: 'CSV_INVALID',
    problems: ['2:price'],
    says: 'nothing was imported',
  },
  {
    case: 'price above the API’s maximum',
    example: 'price "99999999999.99"',
    body: csv('Mug,NEW-4,,99999999999.99,20'),
    status: 400,
    code: 'CSV_INVALID',
    problems: ['2:price'],
    says: 'nothing was imported',
  },
  {
    case: 'barcode with a bad check digit',
    example: 'barcode "5012345678901"',
    body: csv('Mug,NEW-5,5012345678901,4.00,20'),
    status: 400,
    code: 'CSV_INVALID',
    problems: ['2:barcode'],
    says: 'nothing was imported',
  },
  {
    case: 'barcode with letters',
    example: 'barcode "ABC123"',
    body: csv('Mug,NEW-6,ABC123,4.00,20'),
    status: 400,
    code: 'CSV_INVALID',
    problems: ['2:barcode'],
    says: 'nothing was imported',
  },
  {
    case: 'the same SKU twice in the file',
    example: 'two rows with sku "DUP-1"',
    body: csv('Mug,DUP-1,,4.00,20', 'Cup,DUP-1,,5.00,20'),
    status: 400,
    code: 'CSV_INVALID',
    problems: ['3:sku'],
    says: 'nothing was imported',
  },
  {
    case: 'blank product name',
    example: 'product_name "   "',
    body: csv('   ,NEW-7,,4.00,20'),
    status: 400,
    code: 'CSV_INVALID',
    problems: ['2:product_name'],
    says: 'nothing was imported',
  },
  {
    case: 'required column missing',
    example: 'no tax_rate_percent column',
    body: 'product_name,price\nMug,4.00',
    status: 400,
    code: 'CSV_INVALID',
    problems: ['1:tax_rate_percent'],
    says: 'nothing was imported',
  },
  {
    case: 'unknown column',
    example: 'a "DROP TABLE products" column',
    body: `${HEADER},DROP TABLE products\nMug,NEW-8,,4.00,20,x`,
    status: 400,
    code: 'CSV_INVALID',
    problems: ['1:DROP TABLE products'],
    says: 'nothing was imported',
  },
  {
    case: 'unterminated quote',
    example: '"Mug,NEW-9,,4.00,20',
    body: `${HEADER}\n"Mug,NEW-9,,4.00,20`,
    status: 400,
    code: 'CSV_INVALID',
    problems: ['2:(file)'],
    says: 'nothing was imported',
  },
  {
    case: 'a header and no rows',
    example: 'the header line only',
    body: HEADER,
    status: 400,
    code: 'CSV_INVALID',
    problems: ['1:(file)'],
    says: 'nothing was imported',
  },
  {
    case: 'empty body',
    example: '(no bytes)',
    body: '',
    status: 400,
    code: 'CSV_INVALID',
    problems: ['1:(file)'],
    says: 'nothing was imported',
  },
  {
    case: 'NUL byte in the file',
    example: 'product_name "Mug\\0"',
    body: csv('Mug\u0000,NEW-10,,4.00,20'),
    status: 400,
    code: 'NUL_CHARACTER',
    says: 'NUL',
  },
  {
    case: 'JSON instead of CSV',
    example: 'Content-Type: application/json, [{"name":"Mug"}]',
    body: '[{"name":"Mug"}]',
    contentType: 'application/json',
    status: 400,
    code: 'VALIDATION_FAILED',
    says: 'body',
  },
  {
    case: 'wrong content type',
    example: 'Content-Type: application/vnd.ms-excel',
    body: csv('Mug,NEW-11,,4.00,20'),
    contentType: 'application/vnd.ms-excel',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    says: 'application/vnd.ms-excel',
  },
  {
    case: 'a file over the 20 MiB limit',
    example: '20 MiB + 1 KiB of rows',
    body: `${HEADER}\n${'Mug,,,1.00,20\n'.repeat(Math.ceil((20 * 1024 * 1024 + 1024) / 14))}`,
    status: 413,
    code: 'BODY_TOO_LARGE',
    says: 'too large',
  },
  {
    case: 'a cashier importing',
    example: 'cashier session',
    body: csv('Mug,NEW-12,,4.00,20'),
    caller: 'cashier',
    status: 403,
    code: 'FORBIDDEN',
    says: 'catalog.write',
  },
];

export interface CsvCliCase {
  case: string;
  example: string;
  /** The path given on the command line; `{dir}` is a scratch folder holding `good.csv`. */
  path: string;
  /** A file to write first (name inside the scratch folder → content). */
  file?: { name: string; content: string };
  /** What stderr must contain. */
  says: string;
}

export const CSV_CLI_CASES: CsvCliCase[] = [
  {
    case: 'path traversal to a system file',
    example: 'tillsync import-csv {dir}/../../../../etc/passwd',
    path: '{dir}/../../../../etc/passwd',
    says: 'was not imported',
  },
  {
    case: 'a directory',
    example: 'tillsync import-csv {dir}/..',
    path: '{dir}/..',
    says: 'is not a regular file',
  },
  {
    case: 'a device that never ends',
    example: 'tillsync import-csv /dev/zero',
    path: '/dev/zero',
    says: 'is not a regular file',
  },
  {
    case: 'a missing file',
    example: 'tillsync import-csv {dir}/nope.csv',
    path: '{dir}/nope.csv',
    says: 'is not a regular file',
  },
  {
    case: 'a bad row',
    example: 'price "abc" on row 2',
    path: '{dir}/bad-row.csv',
    file: { name: 'bad-row.csv', content: csv('Mug,CLI-1,,abc,20') },
    says: 'row 2, price',
  },
  {
    case: 'NUL byte in the file',
    example: 'product_name "Mug\\0"',
    path: '{dir}/nul.csv',
    file: { name: 'nul.csv', content: csv('Mug\u0000,CLI-2,,4.00,20') },
    says: 'NUL',
  },
  {
    case: 'a binary file',
    example: 'a PNG renamed .csv',
    path: '{dir}/picture.csv',
    file: {
      name: 'picture.csv',
      content: '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0000\u0001',
    },
    says: 'was not imported',
  },
];
