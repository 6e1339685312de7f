import { type FormEvent, useState } from 'react';
import { newId } from '../../../src/shared/ids.ts';
import { ApiError, describeError, get, post, query } from '../api/client.ts';
import type { Approval, Page, ReturnView, SaleView } from '../api/types.ts';
import { formatDateTime, formatMinor } from '../format.ts';
import { saleNumberFromReceiptCode } from '../receipt/receipt-code.ts';
import { beep } from '../register/feedback.ts';
import { useScanner } from '../register/use-scanner.ts';
import { ApprovalDialog } from '../session/approval-dialog.tsx';
import { useSession } from '../session/session-context.tsx';
import { type ReturnChoice, refundEstimate, returnableQuantity } from './return-choices.ts';

/** Find a sale (scan the receipt or search), choose lines and restock per line, refund by original tender. */
export function ReturnsPage() {
  const { settings } = useSession();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<SaleView[]>([]);
  const [sale, setSale] = useState<SaleView | null>(null);
  const [choices, setChoices] = useState<Record<string, ReturnChoice>>({});
  const [returnId, setReturnId] = useState(() => newId('ret'));
  const [result, setResult] = useState<ReturnView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [approval, setApproval] = useState<{ reason: string; error: string | null } | null>(null);

  const open = (chosen: SaleView) => {
    setSale(chosen);
    setFound([]);
    setResult(null);
    setReturnId(newId('ret'));
    setChoices(Object.fromEntries(chosen.lines.map((l) => [l.id, { quantity: 0, restock: !l.misc }])));
  };

  const findByNumber = async (code: string): Promise<'found' | 'missing' | 'not-a-receipt'> => {
    const number = saleNumberFromReceiptCode(code);
    if (number === null) return 'not-a-receipt';
    try {
      open(await get<SaleView>(`/api/sales/by-number/${number}`));
      setError(null);
      return 'found';
    } catch (caught) {
      setError(`No sale ${code}: ${describeError(caught)}`);
      return 'missing';
    }
  };

  useScanner(async (code) => {
    const outcome = await findByNumber(code);
    beep(outcome === 'found' ? 'ok' : 'error');
    if (outcome === 'not-a-receipt') setError(`${code} is not a receipt barcode`);
  }, !approval);

  const submitSearch = async (event: FormEvent) => {
    event.preventDefault();
    if (/^\s*[Rr]?\d+\s*$/.test(search)) {
      // A sale number typed (or a scan the page could not tell from typing, on a busy machine):
      // once the sale is open the box is cleared, ready for the next.
      if ((await findByNumber(search)) === 'found') setSearch('');
      return;
    }
    try {
      const page = await get<Page<SaleView>>(`/api/sales${query({ q: search, limit: 20 })}`);
      setFound(page.items);
      setError(page.items.length ? null : 'no sale matches');
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  const lines = sale?.lines.filter((l) => returnableQuantity(l) > 0) ?? [];
  const chosenLines = Object.entries(choices).filter(([, c]) => c.quantity > 0);
  const estimate = sale ? refundEstimate(sale, choices) : 0;

  const submit = async (withApproval?: Approval) => {
    if (!sale || chosenLines.length === 0 || busy) return;
    if (
      !withApproval &&
      estimate > settings.returnApprovalOverMinor &&
      settings.returnApprovalOverMinor > 0
    ) {
      return setApproval({
        reason: `Refunds over ${formatMinor(settings.returnApprovalOverMinor)} need a manager.`,
        error: null,
      });
    }
    setBusy(true);
    setError(null);
    try {
      const body = {
        id: returnId,
        lines: chosenLines.map(([saleLineId, c]) => ({
          saleLineId,
          quantity: c.quantity,
          restock: c.restock,
        })),
        ...(withApproval ? { approval: withApproval } : {}),
      };
      setResult(await post<ReturnView>(`/api/sales/${encodeURIComponent(sale.id)}/returns`, body));
      setApproval(null);
      setSale(await get<SaleView>(`/api/sales/${encodeURIComponent(sale.id)}`));
      setChoices({});
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 403 && /APPROV|PIN/.test(caught.code)) {
        setApproval({ reason: caught.message, error: withApproval ? describeError(caught) : null });
      } else {
        setError(describeError(caught));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page returns">
      <h1>Returns</h1>
      <form className="inline-form" onSubmit={submitSearch}>
        <input
          name="sale-search"
          aria-label="Sale number or search"
          placeholder="Scan the receipt, or type the sale number"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="submit" className="primary">
          Find sale
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {found.length > 0 && (
        <ul className="plain-list">
          {found.map((s) => (
            <li key={s.id}>
              <button type="button" className="block" onClick={() => open(s)}>
                #{s.number} · {formatDateTime(s.createdAt)} · {formatMinor(s.totals.totalMinor)} ·{' '}
                {s.staffName}
              </button>
            </li>
          ))}
        </ul>
      )}
      {result && (
        <div className="banner ok" role="status" data-testid="return-result">
          Refund {formatMinor(result.refundMinor)}:{' '}
          {result.refunds
            .map((r) => `${r.method === 'cash' ? 'cash' : 'card'} ${formatMinor(r.amountMinor)}`)
            .join(', ')}
        </div>
      )}
      {sale && (
        <section className="card">
          <h2>
            Sale #{sale.number} · {formatDateTime(sale.createdAt)} · paid{' '}
            {sale.payments.map((p) => `${p.method} ${formatMinor(p.amountMinor)}`).join(' + ')}
          </h2>
          {lines.length === 0 && <p>Everything on this sale has been returned.</p>}
          <table className="grid" aria-label="Lines to return">
            <thead>
              <tr>
                <th>Item</th>
                <th className="num">Sold</th>
                <th className="num">Paid</th>
                <th>Return</th>
                <th>Restock</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => {
                const choice = choices[line.id] ?? { quantity: 0, restock: true };
                const set = (next: Partial<ReturnChoice>) =>
                  setChoices({ ...choices, [line.id]: { ...choice, ...next } });
                return (
                  <tr key={line.id} data-testid="return-line">
                    <td>{line.description}</td>
                    <td className="num">
                      {line.quantity}
                      {line.returnedQuantity > 0 && ` (${line.returnedQuantity} back)`}
                    </td>
                    <td className="num">{formatMinor(line.totalMinor)}</td>
                    <td>
                      <select
                        aria-label={`Quantity to return of ${line.description}`}
                        value={choice.quantity}
                        onChange={(e) => set({ quantity: Number(e.target.value) })}
                      >
                        {Array.from({ length: returnableQuantity(line) + 1 }, (_, n) => n).map((q) => (
                          <option key={q} value={q}>
                            {q}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={choice.restock}
                          disabled={line.misc}
                          onChange={(e) => set({ restock: e.target.checked })}
                        />
                        back to stock
                      </label>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="button-row">
            <span className="big-figure">About {formatMinor(estimate)} back</span>
            <button
              type="button"
              className="primary big"
              disabled={chosenLines.length === 0 || busy}
              onClick={() => submit()}
            >
              {busy ? 'Recording…' : 'Refund'}
            </button>
          </div>
        </section>
      )}
      {approval && (
        <ApprovalDialog
          reason={approval.reason}
          error={approval.error}
          onClose={() => setApproval(null)}
          onApprove={(granted) => void submit(granted)}
        />
      )}
    </div>
  );
}
