import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * A real `tillsync serve` process for the crash tests: started from the shipped CLI with its own
 * environment, killed with SIGKILL (no shutdown hook runs), and started again on the same data.
 */
const repoRoot = resolve(import.meta.dirname, '../..');

export interface TillProcessOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  secretKeyHex: string;
  ownerEmail: string;
  ownerPassword: string;
}

export interface HttpAnswer {
  status: number;
  body: string;
  setCookie: string[];
}

export class TillProcess {
  private child: ChildProcess | undefined;
  port = 0;

  constructor(private readonly options: TillProcessOptions) {}

  async start(): Promise<void> {
    this.port = this.port || (await freePort());
    const child = spawn(process.execPath, [join(repoRoot, 'bin/tillsync.js'), 'serve'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.options.dataDir,
        DATABASE_URL: this.options.databaseUrl ?? '',
        TILLSYNC_DEMO: '0',
        TILLSYNC_SECRET_KEY: this.options.secretKeyHex,
        TILLSYNC_OWNER_EMAIL: this.options.ownerEmail,
        TILLSYNC_OWNER_PASSWORD: this.options.ownerPassword,
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.child = child;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`tillsync serve exited with ${child.exitCode}`);
      try {
        const health = await this.send('GET', '/api/health');
        if (health.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('tillsync serve did not answer /api/health within 60 s');
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  /** SIGKILL now (synchronously: callable from inside a response handler), then wait for the exit. */
  killNow(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGKILL');
    return exited;
  }

  /** SIGTERM: the server's own shutdown (the bench's way to end a run). */
  stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    return exited;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * One request on a fresh connection. `onStatus` runs the moment the status line and headers are
   * parsed, before the body is read: that is where a test kills the server "right after the answer".
   */
  send(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; onStatus?: (status: number) => void } = {},
  ): Promise<HttpAnswer> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    return new Promise((done, fail) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          path,
          method,
          agent: false,
          headers: {
            ...options.headers,
            ...(payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          options.onStatus?.(status);
          const chunks: Buffer[] = [];
          const answer = () => ({
            status,
            body: Buffer.concat(chunks).toString('utf8'),
            setCookie: res.headers['set-cookie'] ?? [],
          });
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          // The status is the acknowledgement; a body cut short by the kill does not undo it.
          res.on('error', () => done(answer()));
          res.on('aborted', () => done(answer()));
          res.on('end', () => done(answer()));
        },
      );
      req.on('error', fail);
      req.end(payload);
    });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}
