import { useState } from 'react';
import { describeError, get, post } from '../api/client.ts';
import { formatDateTime } from '../format.ts';
import { ErrorText } from '../ui/dialog.tsx';
import { useLoad } from '../ui/use-load.ts';
import type { ManualAdjustment, StockEdit } from './shopify-types.ts';

/** What needs a person: refunds of pre-integration orders, and stock edited in Shopify. */
export function ShopifyAttention(props: { canManage: boolean; refreshKey: number }) {
  const manual = useLoad(
    () => get<ManualAdjustment[]>('/api/shopify/manual-adjustments'),
    `m${props.refreshKey}`,
  );
  const edits = useLoad(() => get<StockEdit[]>('/api/shopify/stock-edits'), `e${props.refreshKey}`);
  const [error, setError] = useState<string | null>(null);
  const act = async (path: string, reload: () => Promise<void>) => {
    setError(null);
    try {
      await post(path);
      await reload();
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  const openManual = manual.data?.filter((m) => m.status === 'open') ?? [];
  const detected = edits.data?.filter((e) => e.status === 'detected') ?? [];
  return (
    <section className="card" aria-label="Needs attention">
      <h2>Needs attention</h2>
      <ErrorText error={error ?? manual.error ?? edits.error} />
      <h3>Refunds of orders placed before the till was connected</h3>
      <p>
        These orders never took stock from the till, so their restocked refunds are not added automatically.
      </p>
      {openManual.length === 0 ? (
        <p>None.</p>
      ) : (
        <table className="grid" aria-label="Manual stock adjustments">
          <thead>
            <tr>
              <th>Order</th>
              <th>Item</th>
              <th>Location</th>
              <th className="num">Units</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {openManual.map((m) => (
              <tr key={m.id}>
                <td>{m.order_name ?? m.order_id}</td>
                <td>
                  {m.product_name} {m.variant_title !== 'Default' ? `— ${m.variant_title}` : ''}
                </td>
                <td>{m.location_name}</td>
                <td className="num">{m.quantity}</td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      act(`/api/shopify/manual-adjustments/${encodeURIComponent(m.id)}/adjust`, manual.reload)
                    }
                  >
                    Put back in stock
                  </button>{' '}
                  <button
                    type="button"
                    onClick={() =>
                      act(
                        `/api/shopify/manual-adjustments/${encodeURIComponent(m.id)}/dismiss`,
                        manual.reload,
                      )
                    }
                  >
                    Dismiss
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Stock edited in Shopify</h3>
      <p>
        The till is the master: the next reconciliation puts its figure back, unless you take Shopify's into
        the till.
      </p>
      {detected.length === 0 ? (
        <p>None.</p>
      ) : (
        <table className="grid" aria-label="Stock edits in Shopify">
          <thead>
            <tr>
              <th>Item</th>
              <th className="num">Shopify shows</th>
              <th className="num">Expected</th>
              <th>Seen</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {detected.map((e) => (
              <tr key={e.id}>
                <td>
                  {e.product_name} {e.variant_title !== 'Default' ? `— ${e.variant_title}` : ''}
                </td>
                <td className="num">{e.shopify_available}</td>
                <td className="num">{e.expected_available}</td>
                <td>{formatDateTime(e.detected_at)}</td>
                <td>
                  {props.canManage && (
                    <button
                      type="button"
                      onClick={() =>
                        act(`/api/shopify/stock-edits/${encodeURIComponent(e.id)}/accept`, edits.reload)
                      }
                    >
                      Take into the till
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
