import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets at rest (Shopify tokens, app secrets) are sealed with AES-256-GCM. The key comes from
 * TILLSYNC_SECRET_KEY (64 hex characters) or, failing that, a key file created once under DATA_DIR
 * with mode 0600 — so a copied database alone does not reveal the shop's credentials.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

const VERSION = 'v1';

export function secretBoxFromKey(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('secret key must be 32 bytes');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        VERSION,
        iv.toString('base64'),
        cipher.getAuthTag().toString('base64'),
        body.toString('base64'),
      ].join(':');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}

export function loadSecretBox(options: { secretKeyHex: string | undefined; dataDir: string }): SecretBox {
  if (options.secretKeyHex) {
    if (!/^[0-9a-fA-F]{64}$/.test(options.secretKeyHex)) {
      throw new Error('TILLSYNC_SECRET_KEY must be 64 hexadecimal characters (32 bytes)');
    }
    return secretBoxFromKey(Buffer.from(options.secretKeyHex, 'hex'));
  }
  const file = join(options.dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return secretBoxFromKey(Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'));
}
