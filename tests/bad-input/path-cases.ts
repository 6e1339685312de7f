/**
 * Paths a browser (or anyone) can ask the web app's file server for, trying to leave its folder.
 * The answer may be the app's own index.html (every unknown page address is the single-page app) or
 * a 4xx, but never a file outside web/dist. One test each in static-paths.test.ts.
 */
export interface StaticPathCase {
  case: string;
  url: string;
  status: number;
  /** What the answer is: the app's index page, or a JSON error with this code. */
  answer: 'index.html' | { code: string };
}

export const STATIC_PATH_CASES: StaticPathCase[] = [
  { case: 'dot-dot segments', url: '/../../../../etc/passwd', status: 200, answer: 'index.html' },
  {
    case: 'percent-encoded dots',
    url: '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    status: 200,
    answer: 'index.html',
  },
  {
    case: 'encoded slashes under /assets',
    url: '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd',
    status: 200,
    answer: 'index.html',
  },
  { case: 'backslashes', url: '/..%5c..%5c..%5c..%5cetc%5cpasswd', status: 200, answer: 'index.html' },
  {
    case: 'double-encoded dots',
    url: '/%252e%252e/%252e%252e/etc/passwd',
    status: 200,
    answer: 'index.html',
  },
  { case: 'a NUL byte', url: '/index.html%00.js', status: 400, answer: { code: 'NUL_CHARACTER' } },
  {
    case: 'through /api/',
    url: '/api/../../../etc/passwd',
    status: 200,
    answer: 'index.html',
  },
];
