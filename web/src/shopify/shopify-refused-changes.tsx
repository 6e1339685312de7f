import { useState } from 'react';
import { describeError, get, post } from '../api/client.ts';
import { formatDateTime } from '../format.ts';
import { ErrorText } from '../ui/dialog.tsx';
import { useLoad } from '../ui/use-load.ts';
import type { FailedPushView } from './shopify-types.ts';

/**
 * Stock changes Shopify refused (say, the item is no longer stocked at that location there). They
 * are not retried on their own, because the same call would be refused again: the owner fixes the
 * cause in Shopify, then sends them again from here.
 */
export function ShopifyRefusedChanges(props: { count: number; refreshKey: number; onChanged(): void }) {
  const refused = useLoad(() => get<FailedPushView[]>('/api/shopify/failed-pushes'), `f${props.refreshKey}`);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (props.count === 0 && (refused.data?.length ?? 0) === 0) return null;
  const retry = async () => {
    setBusy(true);
    setError(null);
    try {
      await post('/api/shopify/failed-pushes/retry');
      props.onChanged();
      await refused.reload();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-label="Changes Shopify refused">
      <h2>Changes Shopify refused</h2>
      <p>
        Fix the cause in Shopify (for example, stock the item at that location again), then send them again.
      </p>
      <ErrorText error={error ?? refused.error} />
      <table className="grid">
        <thead>
          <tr>
            <th>Item</th>
            <th>Location</th>
            <th>Change</th>
            <th>Shopify said</th>
            <th>When</th>
          </tr>
        </thead>
        <tbody>
          {(refused.data ?? []).map((r) => (
            <tr key={r.id} data-testid="refused-change">
              <td>
                {r.productName}
                {r.variantTitle !== 'Default' ? ` — ${r.variantTitle}` : ''}
                {r.sku ? ` (${r.sku})` : ''}
              </td>
              <td>{r.locationName}</td>
              <td>{r.delta > 0 ? `+${r.delta}` : r.delta}</td>
              <td>{r.error}</td>
              <td>{formatDateTime(r.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={retry} disabled={busy}>
        Send again
      </button>
    </section>
  );
}
