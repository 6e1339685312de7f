import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecretBox } from './secret-box.ts';

describe('secret box', () => {
  it('seals so the plaintext is not visible and opens back to it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tillsync-secret-'));
    const box = loadSecretBox({ secretKeyHex: undefined, dataDir: dir });
    const sealed = box.seal('shpat_live_token');
    expect(sealed).not.toContain('shpat');
    expect(box.open(sealed)).toBe('shpat_live_token');
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    // The same key file opens it again after a restart.
    expect(loadSecretBox({ secretKeyHex: undefined, dataDir: dir }).open(sealed)).toBe('shpat_live_token');
  });

  it('refuses a tampered secret and a wrong key', () => {
    const a = loadSecretBox({ secretKeyHex: 'a'.repeat(64), dataDir: '/nonexistent' });
    const b = loadSecretBox({ secretKeyHex: 'b'.repeat(64), dataDir: '/nonexistent' });
    const sealed = a.seal('secret');
    expect(() => b.open(sealed)).toThrow();
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64');
    expect(() => a.open(parts.join(':'))).toThrow();
    expect(() => loadSecretBox({ secretKeyHex: 'short', dataDir: '/x' })).toThrow(/64 hexadecimal/);
  });
});
