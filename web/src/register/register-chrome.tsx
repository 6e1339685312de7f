import type { PendingSale } from './pending-sales.ts';

export type Notice = { kind: 'error' | 'ok'; text: string } | null;

/** What the cashier must not miss: sales waiting for the server, and the last scan's outcome. */
export function RegisterBanners(props: {
  pending: PendingSale[];
  notice: Notice;
  onDismiss(): void;
  /** A manager gives up a sale the server refused, after checking it (e.g. re-ringing it). */
  onDiscard(saleId: string): void;
}) {
  const { pending, notice } = props;
  return (
    <>
      {pending.length > 0 && (
        <div className="banner warning" role="status" data-testid="pending-banner">
          {pending.length} sale{pending.length === 1 ? '' : 's'} saved on this till, waiting for the server —
          retrying automatically. Do not clear this browser’s data.
          {pending.some((p) => p.rejected) && ' One or more were refused by the server: ask a manager.'}
        </div>
      )}
      {pending
        .filter((p) => p.rejected)
        .map((p) => (
          <div key={p.sale.id} className="banner error" role="alert">
            Sale from {new Date(p.queuedAt).toLocaleTimeString('en-GB')} refused: {p.rejected}
            <button
              type="button"
              onClick={() => {
                if (window.confirm('Discard this sale for good? Ring it up again if the customer paid.')) {
                  props.onDiscard(p.sale.id);
                }
              }}
            >
              Discard
            </button>
          </div>
        ))}
      {notice && (
        <div
          className={`banner ${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          {notice.text}
          <button type="button" className="close" onClick={props.onDismiss} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
    </>
  );
}

/** The cart's secondary actions, under the lines. */
export function RegisterActions(props: {
  cartEmpty: boolean;
  busy: boolean;
  miscAllowed: boolean;
  onMisc(): void;
  onCartDiscount(): void;
  onPark(): void;
  onRecall(): void;
  onClear(): void;
}) {
  const { cartEmpty, busy } = props;
  return (
    <div className="button-row register-actions">
      {props.miscAllowed && (
        <button type="button" onClick={props.onMisc} disabled={busy}>
          Misc item
        </button>
      )}
      <button type="button" onClick={props.onCartDiscount} disabled={busy || cartEmpty}>
        Cart discount
      </button>
      <button type="button" onClick={props.onPark} disabled={busy || cartEmpty}>
        Park
      </button>
      <button type="button" onClick={props.onRecall} disabled={busy || !cartEmpty}>
        Recall
      </button>
      <button type="button" className="danger" onClick={props.onClear} disabled={busy || cartEmpty}>
        Clear
      </button>
    </div>
  );
}
