import type { CashUpView } from '../api/types.ts';
import { formatDateTime, formatMinor } from '../format.ts';
import { navigate } from '../router.tsx';
import { PrintPageSize } from '../ui/print-page-size.tsx';

/** The Z report: printed on the till's 80 mm printer like a receipt. */
export function ZReport(props: { report: CashUpView; registerName?: string | undefined }) {
  const { report } = props;
  const row = (label: string, minor: number, testId?: string) => (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{formatMinor(minor)}</dd>
    </>
  );
  return (
    <div className="receipt-page">
      <PrintPageSize />
      <div className="button-row no-print">
        <button type="button" className="primary big" onClick={() => window.print()}>
          Print Z report
        </button>
        <button type="button" className="big" onClick={() => navigate('/cash-up')}>
          New cash-up
        </button>
      </div>
      <article className="receipt z-report" aria-label="Z report">
        <header>
          <h1>Z report #{report.number}</h1>
          <p>
            {props.registerName ?? report.registerId}
            <br />
            {formatDateTime(report.createdAt)} · {report.staffName}
          </p>
          <p className="muted">
            {report.salesCount} sale{report.salesCount === 1 ? '' : 's'}
            {report.since ? ` since ${formatDateTime(report.since)}` : ''}
          </p>
        </header>
        <dl className="receipt-totals">
          {row('Cash takings (less change)', report.takingsByMethod.cash ?? 0)}
          {row('Card takings', report.takingsByMethod.card ?? 0)}
          {row('Cash refunds', -(report.refundsByMethod.cash ?? 0))}
          {row('Card refunds', -(report.refundsByMethod.card ?? 0))}
          {row('Opening float', report.openingFloatMinor)}
          {row('Expected cash', report.expectedCashMinor, 'z-expected')}
          {row('Counted cash', report.countedCashMinor, 'z-counted')}
          <dt className="grand">Difference</dt>
          <dd className="grand" data-testid="z-difference">
            {report.differenceMinor > 0 ? '+' : ''}
            {formatMinor(report.differenceMinor)}
          </dd>
        </dl>
        {report.note && <p>Note: {report.note}</p>}
      </article>
    </div>
  );
}
