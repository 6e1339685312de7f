import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteTestDatabase, type TestDatabase } from '../../tests/support/test-databases.ts';
import { readConfig } from '../config/config.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { secretBoxFromKey } from '../shared/secret-box.ts';
import { buildApp } from './build-app.ts';

describe('serving the built web app', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const webRoot = mkdtempSync(join(tmpdir(), 'tillsync-web-'));

  beforeAll(async () => {
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>tillsync</title>');
    database = await createSqliteTestDatabase();
    app = await buildApp(
      {
        db: database.db,
        clock: systemClock,
        newId,
        config: readConfig({ DATA_DIR: '/tmp/tillsync-test-unused' }),
        secretBox: secretBoxFromKey(randomBytes(32)),
      },
      { logLevel: false, webRoot },
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it("answers the page's own addresses with index.html, so a reload on /register works", async () => {
    for (const url of ['/', '/register', '/back-office/stock?x=1']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<title>tillsync</title>');
    }
  });

  it('still answers unknown API paths with the JSON error shape', async () => {
    const get = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(get.statusCode).toBe(404);
    expect(get.json()).toEqual({
      error: { code: 'ROUTE_NOT_FOUND', message: 'No route GET /api/no-such-thing' },
    });
    const post = await app.inject({ method: 'POST', url: '/register' });
    expect(post.statusCode).toBe(404);
    expect(post.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
