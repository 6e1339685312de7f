#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the shipped code is the source we test.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
