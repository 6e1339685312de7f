#!/usr/bin/env node
import { resolve } from 'node:path';
// Runs any TypeScript entry point (benchmarks, scripts) with the same loader as the CLI.
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const entry = process.argv[2];
if (!entry) {
  console.error('usage: run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 1);
await import(pathToFileURL(resolve(entry)).href);
