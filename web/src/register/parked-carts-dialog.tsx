import { useEffect, useState } from 'react';
import { del, describeError, get, post } from '../api/client.ts';
import type { ParkedCart } from '../api/types.ts';
import { formatDateTime } from '../format.ts';
import { Dialog, ErrorText } from '../ui/dialog.tsx';
import type { Cart } from './cart.ts';

/** Puts the cart aside on the server (any till may recall it). */
export async function parkCart(registerId: string, cart: Cart): Promise<void> {
  const items = cart.lines.reduce((n, line) => n + line.quantity, 0);
  await post('/api/parked-carts', { registerId, label: `${items} item${items === 1 ? '' : 's'}`, cart });
}

/** Parked carts on the server, so another till or cashier can recall them. Recall removes it. */
export function ParkedCartsDialog(props: {
  registerId: string;
  onRecall(cart: Cart): void;
  onClose(): void;
}) {
  const [parked, setParked] = useState<ParkedCart[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<ParkedCart[]>('/api/parked-carts')
      .then(setParked)
      .catch((caught) => setError(describeError(caught)));
  }, []);
  const recall = async (id: string) => {
    try {
      const removed = await del<ParkedCart>(`/api/parked-carts/${encodeURIComponent(id)}`);
      props.onRecall(removed.cart as Cart);
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  return (
    <Dialog title="Parked carts" onClose={props.onClose}>
      <ErrorText error={error} />
      {parked?.length === 0 && <p>No parked carts.</p>}
      <ul className="plain-list">
        {parked?.map((p) => (
          <li key={p.id}>
            <button type="button" className="big block" onClick={() => recall(p.id)}>
              {p.label || 'Cart'} · {(p.cart as Cart | null)?.lines?.length ?? 0} lines
              {p.createdAt ? ` · ${formatDateTime(p.createdAt)}` : ''}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
