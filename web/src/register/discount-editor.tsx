import { type FormEvent, useState } from 'react';
import type { Discount } from '../api/types.ts';
import { parseMoneyInput, parsePercentInput } from '../format.ts';
import { focusOnMount } from '../ui/focus-on-mount.ts';

/** Amount or percent off; an empty value clears the discount. */
export function DiscountEditor(props: {
  label: string;
  current: Discount | null;
  onApply(discount: Discount | null): void;
  onCancel(): void;
}) {
  const [kind, setKind] = useState<Discount['kind']>(props.current?.kind ?? 'percent');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return props.onApply(null);
    if (kind === 'percent') {
      const basisPoints = parsePercentInput(text);
      if (basisPoints === null) return setError('enter a percentage between 0 and 100');
      return props.onApply({ kind, basisPoints });
    }
    const amountMinor = parseMoneyInput(text);
    if (amountMinor === null) return setError('enter an amount such as 2.50');
    props.onApply({ kind, amountMinor });
  };
  return (
    <form className="discount-editor" onSubmit={apply} aria-label={props.label}>
      <select
        value={kind}
        onChange={(e) => setKind(e.target.value as Discount['kind'])}
        aria-label="Discount kind"
      >
        <option value="percent">% off</option>
        <option value="amount">amount off</option>
      </select>
      <input
        name="discount"
        inputMode="decimal"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={kind === 'percent' ? '10' : '2.50'}
        aria-label="Discount value"
        ref={focusOnMount}
      />
      <button type="submit" className="primary">
        Apply
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
      {error && <span className="error">{error}</span>}
    </form>
  );
}
