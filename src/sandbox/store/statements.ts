import type Database from 'better-sqlite3';
import type { SandboxDb } from './sandbox-db.ts';

/** Prepared statements cached per database: the hot read paths run thousands of times a second. */
const caches = new WeakMap<SandboxDb, Map<string, Database.Statement>>();

export function sql(db: SandboxDb, text: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = db.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}
