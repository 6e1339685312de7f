import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * The server processes of one batch: started as real `node` processes on fixed ports (a restart
 * comes back at the same address), killed with SIGKILL, and fronted for webhooks by a small proxy
 * that forwards each delivery to a live process — as a load balancer in front of several servers
 * would — and answers 502 while none is up, so the sandbox retries as Shopify does.
 */
const repoRoot = resolve(import.meta.dirname, '../..');
// One bundle per runner: two runners (one per database) must not overwrite each other's.
const bundlePath = join(import.meta.dirname, `.build/soak-server-${process.pid}.mjs`);
let bundled: Promise<string[]> | undefined;

/**
 * The server's command line. Bundled once into one ES module (the same source; packages stay
 * external), because a restart after SIGKILL then takes about half the time of loading every file
 * through tsx, and restarts are most of a killing seed's cost.
 */
function serverCommand(): Promise<string[]> {
  bundled ??= (async () => {
    try {
      const { build } = await import('esbuild');
      await build({
        entryPoints: [join(import.meta.dirname, 'soak-server.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        outfile: bundlePath,
        logLevel: 'error',
      });
      return [bundlePath];
    } catch {
      return [join(repoRoot, 'bin/run-ts.js'), 'tests/soak/soak-server.ts'];
    }
  })();
  return bundled;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createNetServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

// A runner stopped early must not leave servers behind.
const livePools = new Set<ServerPool>();
process.once('exit', () => {
  for (const pool of livePools) pool.killAll();
  rmSync(bundlePath, { force: true });
});

export class ServerPool {
  private readonly children = new Map<number, ChildProcess>();
  private readonly starting = new Map<number, Promise<void>>();
  private readonly ports: number[] = [];
  private proxy: Server | undefined;
  private proxyPort = 0;
  private turn = 0;
  kills = 0;

  constructor(
    readonly count: number,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    livePools.add(this);
    for (let i = 0; i < this.count; i++) this.ports.push(await freePort());
    this.proxyPort = await freePort();
    this.proxy = createServer((req, res) => void this.forward(req, res));
    await new Promise<void>((done) => this.proxy?.listen(this.proxyPort, '127.0.0.1', done));
    // The first process migrates the database alone; the others start once it is up.
    await this.spawn(0);
    await Promise.all(this.ports.slice(1).map((_, i) => this.spawn(i + 1)));
  }

  get webhookUrl(): string {
    return `http://127.0.0.1:${this.proxyPort}`;
  }

  url(index: number): string {
    return `http://127.0.0.1:${this.ports[index]}`;
  }

  isAlive(index: number): boolean {
    return this.children.has(index) && !this.starting.has(index);
  }

  alive(): number[] {
    return this.ports.map((_, i) => i).filter((i) => this.isAlive(i));
  }

  dead(): number[] {
    return this.ports.map((_, i) => i).filter((i) => !this.children.has(i));
  }

  kill(index: number): void {
    const child = this.children.get(index);
    if (!child) return;
    this.kills++;
    child.kill('SIGKILL');
    this.children.delete(index);
  }

  /** Starts a dead process again (same port, same database); resolves once it answers. */
  restart(index: number): Promise<void> {
    const pending = this.starting.get(index);
    if (pending) return pending;
    if (this.children.has(index)) return Promise.resolve();
    return this.spawn(index);
  }

  async restartAll(): Promise<void> {
    await Promise.all(this.ports.map((_, i) => this.restart(i)));
  }

  private spawn(index: number): Promise<void> {
    const port = this.ports[index] as number;
    const ready = (async () => {
      const child = spawn(process.execPath, await serverCommand(), {
        cwd: repoRoot,
        env: { ...process.env, ...this.env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', process.env.SOAK_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
      });
      this.children.set(index, child);
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`server ${index} exited while starting (${child.exitCode ?? child.signalCode})`);
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/health`);
          if (response.ok) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`server ${index} did not start within 60 s`);
        await new Promise((done) => setTimeout(done, 40));
      }
    })().finally(() => this.starting.delete(index));
    this.starting.set(index, ready);
    return ready;
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const live = this.alive();
    if (live.length === 0) {
      res.writeHead(502).end();
      return;
    }
    const target = live[this.turn++ % live.length] as number;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
    }
    try {
      const response = await fetch(`${this.url(target)}${req.url ?? '/'}`, {
        method: req.method ?? 'POST',
        headers,
        body: Buffer.concat(chunks),
      });
      const body = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, {
        'content-type': response.headers.get('content-type') ?? 'text/plain',
      });
      res.end(body);
    } catch {
      res.writeHead(502).end();
    }
  }

  killAll(): void {
    for (const index of [...this.children.keys()]) {
      this.children.get(index)?.kill('SIGKILL');
      this.children.delete(index);
    }
  }

  async stop(): Promise<void> {
    this.killAll();
    livePools.delete(this);
    await new Promise<void>((done) => (this.proxy ? this.proxy.close(() => done()) : done()));
  }
}
