import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { describeError, get, post, query } from '../api/client.ts';
import type { CashUpPreview, CashUpView } from '../api/types.ts';
import { formatMinor, parseMoneyInput } from '../format.ts';
import { readRegisterId, useRegisters } from '../register/register-choice.tsx';
import { navigate, useLocation } from '../router.tsx';
import { focusOnMount } from '../ui/focus-on-mount.ts';
import { ZReport } from './z-report.tsx';

/** End of day per register: what the server expects in the drawer, what was counted, the difference. */
export function CashUpPage() {
  const { path } = useLocation();
  const { registers } = useRegisters();
  const [registerId, setRegisterId] = useState(() => readRegisterId() ?? '');
  const [preview, setPreview] = useState<CashUpPreview | null>(null);
  const [counted, setCounted] = useState('');
  const [openingFloat, setOpeningFloat] = useState('');
  const [note, setNote] = useState('');
  const [report, setReport] = useState<CashUpView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reportId = path.startsWith('/cash-up/') ? decodeURIComponent(path.slice('/cash-up/'.length)) : null;

  const loadPreview = useCallback(async (id: string) => {
    if (!id) return;
    try {
      const next = await get<CashUpPreview>(`/api/cash-ups/preview${query({ registerId: id })}`);
      setPreview(next);
      setOpeningFloat(formatMinor(next.openingFloatMinor));
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    }
  }, []);

  useEffect(() => {
    if (reportId) {
      get<CashUpView>(`/api/cash-ups/${encodeURIComponent(reportId)}`)
        .then(setReport)
        .catch((caught) => setError(describeError(caught)));
    } else {
      setReport(null);
      void loadPreview(registerId);
    }
  }, [reportId, registerId, loadPreview]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const countedCashMinor = parseMoneyInput(counted);
    const openingFloatMinor = parseMoneyInput(openingFloat || '0');
    if (countedCashMinor === null) return setError('enter the cash counted in the drawer, e.g. 212.40');
    if (openingFloatMinor === null) return setError('the opening float must be an amount such as 100.00');
    setBusy(true);
    try {
      const done = await post<CashUpView>('/api/cash-ups', {
        registerId,
        countedCashMinor,
        openingFloatMinor,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      navigate(`/cash-up/${encodeURIComponent(done.id)}`);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  if (report)
    return (
      <ZReport report={report} registerName={registers?.find((r) => r.id === report.registerId)?.name} />
    );

  const countedMinor = parseMoneyInput(counted);
  const floatMinor = parseMoneyInput(openingFloat || '0') ?? 0;
  // The preview's expected cash includes the float the server knows; shown again as typed here.
  const expected = preview ? preview.expectedCashMinor - preview.openingFloatMinor + floatMinor : 0;
  return (
    <div className="page cash-up narrow-page">
      <h1>Cash-up</h1>
      <label className="field-narrow">
        Register
        <select value={registerId} onChange={(e) => setRegisterId(e.target.value)} name="register">
          <option value="">Choose…</option>
          {registers?.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <form className="card cash-up-form" onSubmit={submit}>
          <p className="muted">
            {preview.salesCount} sale{preview.salesCount === 1 ? '' : 's'} since{' '}
            {preview.since ? new Date(preview.since).toLocaleString('en-GB') : 'the start'}
          </p>
          <table className="grid" aria-label="Takings by tender">
            <thead>
              <tr>
                <th>Tender</th>
                <th className="num">Takings</th>
                <th className="num">Refunds</th>
              </tr>
            </thead>
            <tbody>
              {(['cash', 'card'] as const).map((method) => (
                <tr key={method}>
                  <td>{method === 'cash' ? 'Cash' : 'Card'}</td>
                  <td className="num">{formatMinor(preview.takingsByMethod[method] ?? 0)}</td>
                  <td className="num">{formatMinor(preview.refundsByMethod[method] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <label>
            Opening float
            <input
              name="opening-float"
              inputMode="decimal"
              value={openingFloat}
              onChange={(e) => setOpeningFloat(e.target.value)}
            />
          </label>
          <p className="big-figure">
            Expected cash in drawer <strong data-testid="expected-cash">{formatMinor(expected)}</strong>
          </p>
          <label>
            Cash counted
            <input
              name="counted-cash"
              inputMode="decimal"
              value={counted}
              onChange={(e) => setCounted(e.target.value)}
              ref={focusOnMount}
            />
          </label>
          {countedMinor !== null && (
            <p className={countedMinor === expected ? 'ok-text' : 'error'}>
              Difference {countedMinor - expected > 0 ? '+' : ''}
              {formatMinor(countedMinor - expected)}{' '}
              {countedMinor - expected < 0 ? '(short)' : countedMinor > expected ? '(over)' : ''}
            </p>
          )}
          <label>
            Note
            <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" className="primary big" disabled={busy || !registerId}>
            Record cash-up and print Z report
          </button>
        </form>
      )}
    </div>
  );
}
