import { useState } from 'react';
import { get, query } from '../api/client.ts';
import type { Page, SaleView } from '../api/types.ts';
import { formatDateTime, formatMinor } from '../format.ts';
import { Link } from '../router.tsx';
import { useLoad } from '../ui/use-load.ts';

export function SalesHistoryPage() {
  const [q, setQ] = useState('');
  const [cursor, setCursor] = useState<string | null>(null);
  const { data, error } = useLoad(
    () => get<Page<SaleView>>(`/api/sales${query({ q, limit: 50, cursor })}`),
    `${q}:${cursor}`,
  );
  return (
    <div className="page">
      <h1>Sales</h1>
      <input
        type="search"
        aria-label="Search sales"
        placeholder="Sale number, item or staff"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setCursor(null);
        }}
      />
      {error && <p className="error">{error}</p>}
      <table className="grid" aria-label="Sales">
        <thead>
          <tr>
            <th>#</th>
            <th>When</th>
            <th>Staff</th>
            <th>Items</th>
            <th>Paid by</th>
            <th className="num">Total</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data?.items.map((sale) => (
            <tr key={sale.id}>
              <td>{sale.number}</td>
              <td>{formatDateTime(sale.createdAt)}</td>
              <td>{sale.staffName}</td>
              <td>
                {sale.lines.reduce((n, l) => n + l.quantity, 0)}
                {sale.hasMisc && <span className="flag">MISC</span>}
              </td>
              <td>{[...new Set(sale.payments.map((p) => p.method))].join(' + ')}</td>
              <td className="num">{formatMinor(sale.totals.totalMinor)}</td>
              <td>
                <Link to={`/receipt/${encodeURIComponent(sale.id)}`}>Reprint</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data?.nextCursor && (
        <button type="button" onClick={() => setCursor(data.nextCursor)}>
          Older sales
        </button>
      )}
    </div>
  );
}
