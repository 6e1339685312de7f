import { forwardRef, type KeyboardEvent, useEffect, useState } from 'react';
import { describeError, get, query } from '../api/client.ts';
import type { Page, VariantView } from '../api/types.ts';
import { formatMinor } from '../format.ts';

/** Search by name, SKU or barcode; Enter adds the highlighted result, arrows move the highlight. */
export const ProductSearch = forwardRef<HTMLInputElement, { onPick(variant: VariantView): void }>(
  function ProductSearch(props, ref) {
    const [text, setText] = useState('');
    const [results, setResults] = useState<VariantView[]>([]);
    const [highlight, setHighlight] = useState(0);
    const [error, setError] = useState<string | null>(null);

    useEffect(() => {
      const q = text.trim();
      if (q.length < 2) {
        setResults([]);
        return;
      }
      let stale = false;
      // Waits for a pause in typing, so the server sees a word, not every keystroke.
      const timer = setTimeout(() => {
        get<Page<VariantView>>(`/api/catalog/variants${query({ q, limit: 8 })}`)
          .then((page) => {
            if (stale) return;
            setResults(page.items.filter((v) => v.active));
            setHighlight(0);
            setError(null);
          })
          .catch((caught) => !stale && setError(describeError(caught)));
      }, 200);
      return () => {
        stale = true;
        clearTimeout(timer);
      };
    }, [text]);

    const pick = (variant: VariantView | undefined) => {
      if (!variant) return;
      props.onPick(variant);
      setText('');
      setResults([]);
    };

    const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key === 'ArrowDown') setHighlight((h) => Math.min(h + 1, results.length - 1));
      else if (event.key === 'ArrowUp') setHighlight((h) => Math.max(h - 1, 0));
      else if (event.key === 'Enter') pick(results[highlight]);
      else if (event.key === 'Escape') setText('');
      else return;
      event.preventDefault();
    };

    return (
      <div className="search">
        <input
          ref={ref}
          type="search"
          name="search"
          aria-label="Search products by name, SKU or barcode"
          placeholder="Scan, or search by name / SKU (F2)"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
        />
        {error && <p className="error">{error}</p>}
        {results.length > 0 && (
          <ul className="search-results" aria-label="Search results">
            {results.map((variant, index) => (
              <li key={variant.id}>
                <button
                  type="button"
                  className={index === highlight ? 'result highlighted' : 'result'}
                  onClick={() => pick(variant)}
                >
                  <span>
                    {variant.productName}
                    {variant.title && variant.title !== 'Default' ? ` — ${variant.title}` : ''}
                  </span>
                  <small>{variant.sku ?? variant.barcode ?? ''}</small>
                  <strong>{formatMinor(variant.priceMinor)}</strong>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  },
);
