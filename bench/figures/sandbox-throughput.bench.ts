import { Agent, request } from 'node:http';
import { startSandbox } from '../../src/sandbox/start-sandbox.ts';
import type { BenchSuite, Figure } from '../bench-types.ts';

/**
 * The sandbox's own throughput: simple Admin API queries (a variant looked up by barcode, the read a
 * sync does most) over HTTP at concurrency 16, spread over Plus-plan shops so the cost bucket is not
 * what is measured. Later figures that drive the sandbox can be read against this ceiling.
 */
export const sandboxThroughput: BenchSuite = {
  name: 'sandbox',
  inProcessServer: false,
  async run(options) {
    const sandbox = await startSandbox({ port: 0, dataFile: ':memory:', seed: 1 });
    try {
      const shops: Array<{ domain: string; accessToken: string }> = [];
      for (let i = 0; i < 8; i++) {
        const response = await fetch(`${sandbox.url}/sandbox/shops`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ plan: 'plus' }),
        });
        const shop = (await response.json()) as { domain: string; accessToken: string };
        await fetch(`${sandbox.url}/sandbox/shops/${shop.domain}/seed`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ variants: options.quick ? 1000 : 10_000 }),
        });
        shops.push(shop);
      }
      const query =
        'query ($q: String!) { productVariants(first: 1, query: $q) { nodes { id sku inventoryQuantity } } }';
      const seconds = options.quick ? 2 : 6;
      const until = Date.now() + seconds * 1000;
      const latencies: number[] = [];
      let failures = 0;
      let n = 0;
      // A plain keep-alive HTTP client: fetch's own overhead would otherwise be most of what is measured.
      const agent = new Agent({ keepAlive: true, maxSockets: 16 });
      const url = new URL(`${sandbox.url}/admin/api/2026-07/graphql.json`);
      const post = (token: string, body: string) =>
        new Promise<string>((resolve, reject) => {
          const req = request(
            url,
            {
              method: 'POST',
              agent,
              headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
            },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (chunk: Buffer) => chunks.push(chunk));
              res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      const worker = async () => {
        while (Date.now() < until) {
          const shop = shops[n++ % shops.length] as { domain: string; accessToken: string };
          const started = performance.now();
          const text = await post(
            shop.accessToken,
            JSON.stringify({ query, variables: { q: `sku:SKU-${n % 1000}` } }),
          );
          if (!(JSON.parse(text) as { data?: unknown }).data) failures++;
          latencies.push(performance.now() - started);
        }
      };
      const started = Date.now();
      await Promise.all(Array.from({ length: 16 }, worker));
      const elapsed = (Date.now() - started) / 1000;
      agent.destroy();
      latencies.sort((a, b) => a - b);
      const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
      options.log(`${latencies.length} queries in ${elapsed.toFixed(1)} s, ${failures} without data`);
      const figures: Figure[] = [
        {
          name: 'sandbox_simple_queries_per_s',
          value: Math.round(latencies.length / elapsed),
          unit: 'queries/s',
          note: `variant by SKU over HTTP, concurrency 16, 8 Plus shops; ${failures} throttled or failed`,
        },
        { name: 'sandbox_simple_query_p99_ms', value: Math.round(p99 * 10) / 10, unit: 'ms' },
      ];
      return figures;
    } finally {
      await sandbox.close();
    }
  },
};
