import { useEffect, useState } from 'react';
import { describeError, get } from '../api/client.ts';
import type { SaleView } from '../api/types.ts';
import { navigate } from '../router.tsx';
import { PrintPageSize } from '../ui/print-page-size.tsx';
import { ReceiptView } from './receipt-view.tsx';

/** Print view of one sale (fresh sale or a reprint from history). */
export function ReceiptPage(props: { saleId: string }) {
  const [sale, setSale] = useState<SaleView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<SaleView>(`/api/sales/${encodeURIComponent(props.saleId)}`)
      .then(setSale)
      .catch((caught) => setError(describeError(caught)));
  }, [props.saleId]);
  return (
    <div className="receipt-page">
      <PrintPageSize />
      <div className="button-row no-print">
        <button type="button" className="primary big" onClick={() => window.print()} disabled={!sale}>
          Print
        </button>
        <button type="button" className="big" onClick={() => navigate('/register')}>
          Back to register
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {sale && <ReceiptView sale={sale} />}
    </div>
  );
}
