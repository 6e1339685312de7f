import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createSqliteTestDatabase, type TestDatabase } from '../support/test-databases.ts';
import { STATIC_PATH_CASES } from './path-cases.ts';

const INDEX = '<!doctype html><title>tillsync test app</title>';
// A file beside the web root, standing for any file the server must not hand out.
const SECRET = 'root:x:0:0:root:/root:/bin/bash';

describe('bad input: paths asked of the web app file server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tillsync-web-root-'));
  const webRoot = join(dir, 'a', 'b', 'dist');
  let database: TestDatabase;
  let test: TestApp;

  beforeAll(async () => {
    mkdirSync(join(webRoot, 'assets'), { recursive: true });
    writeFileSync(join(webRoot, 'index.html'), INDEX);
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
    mkdirSync(join(dir, 'etc'));
    writeFileSync(join(dir, 'etc', 'passwd'), SECRET);
    database = await createSqliteTestDatabase();
    test = await createTestApp(database.db, { webRoot });
  });
  afterAll(async () => {
    await test?.app.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves its own files (the control)', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('console.log(1)');
  });

  it.each(STATIC_PATH_CASES.map((row) => [row.case, row] as const))('GET %s', async (_, row) => {
    const response = await test.app.inject({ method: 'GET', url: row.url });
    expect(response.body).not.toContain('root:');
    expect(response.statusCode, response.body.slice(0, 200)).toBe(row.status);
    if (row.answer === 'index.html') expect(response.body).toBe(INDEX);
    else expect(response.json().error.code).toBe(row.answer.code);
  });
});
