import { useState } from 'react';
import { describeError, get, post } from '../api/client.ts';
import { formatDateTime } from '../format.ts';
import { ErrorText } from '../ui/dialog.tsx';
import { useLoad } from '../ui/use-load.ts';
import type { DriftRow, ShopifyStatus } from './shopify-types.ts';

const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso) : 'never');

/** Is the sync healthy: queues, latency, the API bucket, errors, and the last reconciliation. */
export function ShopifyHealth(props: { status: ShopifyStatus; onChanged(): void; refreshKey: number }) {
  const { status } = props;
  const drift = useLoad(
    () => get<{ report: { trigger: string } | null; rows: DriftRow[] }>('/api/shopify/drift-reports/latest'),
    `d${props.refreshKey}`,
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reconcileNow = async () => {
    setBusy(true);
    setError(null);
    try {
      await post('/api/shopify/reconcile');
      props.onChanged();
      await drift.reload();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  const report = status.lastReconciliation;
  const bucket = status.throttle;
  return (
    <section className="card" aria-label="Sync health">
      <h2>Sync health</h2>
      <table className="grid">
        <tbody>
          <tr>
            <th>Waiting to send to Shopify</th>
            <td data-testid="queue-pushes">
              {(status.queue?.outbox ?? 0) + (status.queue?.pendingPushes ?? 0)}
            </td>
          </tr>
          <tr>
            <th>Webhooks waiting to be processed</th>
            <td>{status.queue?.inbox ?? 0}</td>
          </tr>
          <tr>
            <th>Last change sent to Shopify</th>
            <td>{when(status.lastPushAt)}</td>
          </tr>
          <tr>
            <th>Last webhook from Shopify</th>
            <td>{when(status.lastWebhookAt)}</td>
          </tr>
          <tr>
            <th>Till → Shopify delay</th>
            <td>
              {status.latencyMs?.samples
                ? `half within ${status.latencyMs.p50} ms, 99% within ${status.latencyMs.p99} ms (last ${status.latencyMs.samples} changes)`
                : 'no changes sent yet'}
            </td>
          </tr>
          <tr>
            <th>Shopify API allowance</th>
            <td>
              {bucket
                ? `${Math.round(bucket.currentlyAvailable)} of ${bucket.maximumAvailable} points, refilling ${bucket.restoreRate}/s`
                : 'not used yet'}
            </td>
          </tr>
        </tbody>
      </table>
      {(status.recentErrors?.length ?? 0) > 0 && (
        <>
          <h3>Recent errors (retried automatically)</h3>
          <ul>
            {status.recentErrors?.map((e) => (
              <li key={`${e.at}-${e.message}`}>
                {formatDateTime(e.at)} — {e.where}: {e.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Reconciliation</h3>
      <p data-testid="last-reconciliation">
        {report
          ? `Last run ${when(report.finishedAt ?? report.startedAt)}: ${report.pointsChecked} items checked, ${report.drifted} differed, ${report.corrected} corrected${report.stale ? `, ${report.stale} to retry` : ''}${report.error ? ` — failed: ${report.error}` : ''}.`
          : 'Not run yet.'}{' '}
        It runs every 2 hours by itself.
      </p>
      <button type="button" onClick={reconcileNow} disabled={busy}>
        {busy ? 'Reconciling…' : 'Reconcile now'}
      </button>
      <ErrorText error={error ?? drift.error} />
      {(drift.data?.rows.length ?? 0) > 0 && (
        <table className="grid" aria-label="Drift report">
          <thead>
            <tr>
              <th>Item</th>
              <th>Location</th>
              <th className="num">Till</th>
              <th className="num">Shopify</th>
              <th>Why</th>
              <th>Done</th>
            </tr>
          </thead>
          <tbody>
            {drift.data?.rows.map((r) => (
              <tr key={`${r.variant_id}-${r.location_name}`}>
                <td>
                  {r.product_name} {r.variant_title !== 'Default' ? `— ${r.variant_title}` : ''}
                </td>
                <td>{r.location_name}</td>
                <td className="num">{r.pos_online_available}</td>
                <td className="num">{r.shopify_available}</td>
                <td>
                  {r.cause === 'shopify_edit'
                    ? 'edited in Shopify'
                    : r.cause === 'unpushed_change'
                      ? 'till change not yet sent'
                      : r.cause}
                </td>
                <td>
                  {r.action === 'set'
                    ? 'Shopify set to the till figure'
                    : r.action === 'accepted'
                      ? 'taken into the till'
                      : r.action === 'stale_retry'
                        ? 'changed meanwhile; next run'
                        : r.action}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
