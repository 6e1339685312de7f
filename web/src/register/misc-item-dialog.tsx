import { type FormEvent, useState } from 'react';
import { formatBp, parseMoneyInput } from '../format.ts';
import { useSession } from '../session/session-context.tsx';
import { Dialog, ErrorText } from '../ui/dialog.tsx';
import { focusOnMount } from '../ui/focus-on-mount.ts';
import type { MiscItem } from './cart.ts';

/** A typed description and price with no product behind it; always flagged on the sale. */
export function MiscItemDialog(props: { onAdd(item: MiscItem): void; onClose(): void }) {
  const { settings } = useSession();
  const [description, setDescription] = useState('');
  const [price, setPrice] = useState('');
  const [taxRateBp, setTaxRateBp] = useState(settings.defaultTaxRateBp);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const priceMinor = parseMoneyInput(price);
    if (!description.trim()) return setError('describe the item');
    if (priceMinor === null || priceMinor <= 0) return setError('enter a price such as 4.99');
    props.onAdd({ description: description.trim(), priceMinor, taxRateBp });
  };
  const rates = [...new Set([settings.defaultTaxRateBp, 2000, 500, 0])];
  return (
    <Dialog title="Misc item" onClose={props.onClose}>
      <form onSubmit={submit} className="stack">
        <p className="notice">Misc items take no stock and are reported per staff member.</p>
        <label>
          Description
          <input
            name="misc-description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            ref={focusOnMount}
          />
        </label>
        <label>
          Price
          <input
            name="misc-price"
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
          />
        </label>
        <label>
          Tax rate
          <select value={taxRateBp} onChange={(e) => setTaxRateBp(Number(e.target.value))}>
            {rates.map((rate) => (
              <option key={rate} value={rate}>
                {formatBp(rate)}
              </option>
            ))}
          </select>
        </label>
        <ErrorText error={error} />
        <button type="submit" className="primary big">
          Add misc item
        </button>
      </form>
    </Dialog>
  );
}
