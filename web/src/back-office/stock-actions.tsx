import { type FormEvent, useState } from 'react';
import { describeError, post } from '../api/client.ts';
import type { Location } from '../api/types.ts';
import { ErrorText } from '../ui/dialog.tsx';

type Action = 'receive' | 'adjust' | 'count' | 'transfer';

/** Receive, adjust (with a reason), count, transfer — one variant at one location. */
export function StockActions(props: {
  variantId: string;
  locationId: string;
  locations: Location[];
  onDone(message: string): void;
}) {
  const [action, setAction] = useState<Action>('receive');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [toLocationId, setToLocationId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const n = Number.parseInt(quantity, 10);
    if (!/^-?\d+$/.test(quantity.trim())) return setError('enter a whole number');
    const { variantId, locationId } = props;
    try {
      if (action === 'receive') {
        await post('/api/stock/receipts', {
          locationId,
          lines: [{ variantId, quantity: n }],
          ...(reason ? { note: reason } : {}),
        });
      } else if (action === 'adjust') {
        await post('/api/stock/adjustments', { locationId, variantId, delta: n, reason });
      } else if (action === 'count') {
        await post('/api/stock/counts', {
          locationId,
          lines: [{ variantId, counted: n }],
          ...(reason ? { note: reason } : {}),
        });
      } else {
        await post('/api/stock/transfers', {
          fromLocationId: locationId,
          toLocationId,
          lines: [{ variantId, quantity: n }],
          ...(reason ? { note: reason } : {}),
        });
      }
      setError(null);
      setQuantity('');
      setReason('');
      props.onDone(`${action} recorded`);
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  const label = {
    receive: 'Quantity received',
    adjust: 'Change (+/−)',
    count: 'Counted on shelf',
    transfer: 'Quantity to move',
  }[action];
  return (
    <form className="card stock-actions" onSubmit={submit} aria-label="Stock action">
      <div className="tabs" role="tablist">
        {(['receive', 'adjust', 'count', 'transfer'] as const).map((a) => (
          <button
            key={a}
            type="button"
            role="tab"
            aria-selected={a === action}
            className={a === action ? 'tab active' : 'tab'}
            onClick={() => setAction(a)}
          >
            {a[0]?.toUpperCase() + a.slice(1)}
          </button>
        ))}
      </div>
      <label>
        {label}
        <input
          name="quantity"
          inputMode="numeric"
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
        />
      </label>
      {action === 'transfer' && (
        <label>
          To location
          <select value={toLocationId} onChange={(e) => setToLocationId(e.target.value)} name="to-location">
            <option value="">Choose…</option>
            {props.locations
              .filter((l) => l.id !== props.locationId && l.active)
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
          </select>
        </label>
      )}
      <label>
        {action === 'adjust' ? 'Reason (required: damaged, theft, found…)' : 'Note'}
        <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <ErrorText error={error} />
      <button type="submit" className="primary">
        Record {action}
      </button>
    </form>
  );
}
