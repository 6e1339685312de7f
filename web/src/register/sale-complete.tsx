import { useEffect } from 'react';
import type { SaleView } from '../api/types.ts';
import { formatMinor } from '../format.ts';
import { navigate } from '../router.tsx';

/** After payment: change due in big type, receipt, and Enter starts the next sale. */
export function SaleComplete(props: { sale: SaleView; onNext(): void }) {
  const { onNext } = props;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && !(document.activeElement instanceof HTMLInputElement)) onNext();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onNext]);
  return (
    <section className="sale-complete" aria-label="Sale complete">
      <h2>Sale #{props.sale.number} recorded</h2>
      <p className="change-due big-figure" data-testid="final-change">
        Change due <strong>{formatMinor(props.sale.changeMinor)}</strong>
      </p>
      <div className="button-row">
        <button
          type="button"
          className="big"
          onClick={() => navigate(`/receipt/${encodeURIComponent(props.sale.id)}`)}
        >
          Receipt
        </button>
        <button type="button" className="primary big" onClick={props.onNext}>
          Next sale
        </button>
      </div>
    </section>
  );
}
