import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, describeError, get, post, query } from '../api/client.ts';
import type { Approval, Discount, Register, SaleView, VariantView } from '../api/types.ts';
import { ApprovalDialog } from '../session/approval-dialog.tsx';
import { useSession } from '../session/session-context.tsx';
import { CameraScanner, hasCamera } from './camera-scanner.tsx';
import {
  addMisc,
  addVariant,
  type Cart,
  cartTotals,
  emptyCart,
  hasMisc,
  largestDiscountBp,
  setLineDiscount,
  setQuantity,
  toSaleInput,
} from './cart.ts';
import { CartView, describeDiscount } from './cart-view.tsx';
import { DiscountEditor } from './discount-editor.tsx';
import { beep } from './feedback.ts';
import { MiscItemDialog } from './misc-item-dialog.tsx';
import { ParkedCartsDialog } from './parked-carts-dialog.tsx';
import { PaymentPanel, type Tender, TotalsSummary } from './payment-panel.tsx';
import { sendSale } from './pending-sales.ts';
import { ProductSearch } from './product-search.tsx';
import { RegisterChoice, readRegisterId, useRegisters } from './register-choice.tsx';
import type { Notice } from './register-chrome.tsx';
import { RegisterActions, RegisterBanners } from './register-chrome.tsx';
import { SaleComplete } from './sale-complete.tsx';
import { usePendingSales } from './use-pending-sales.ts';
import { useScanner } from './use-scanner.ts';

const CART_KEY = 'tillsync.cart';

function readSavedCart(): Cart {
  try {
    const saved = JSON.parse(localStorage.getItem(CART_KEY) ?? 'null') as Cart | null;
    return saved?.saleId ? saved : emptyCart();
  } catch {
    return emptyCart();
  }
}

type Mode = 'cart' | 'pay' | 'done';

export function RegisterPage() {
  const session = useSession();
  const { settings } = session;
  const { registers } = useRegisters();
  const [registerId, setRegisterId] = useState<string | null>(() => readRegisterId());
  const register = registers?.find((r) => r.id === registerId) ?? null;
  // The cart survives a reload or a crash of the tab: it lives in localStorage as it changes.
  const [cart, setCart] = useState<Cart>(readSavedCart);
  const [mode, setMode] = useState<Mode>('cart');
  const [notice, setNotice] = useState<Notice>(null);
  const [lastAdded, setLastAdded] = useState<string | null>(null);
  const [completed, setCompleted] = useState<SaleView | null>(null);
  const [dialog, setDialog] = useState<'misc' | 'parked' | 'camera' | 'cart-discount' | null>(null);
  const [approval, setApproval] = useState<{
    reason: string;
    error: string | null;
    tenders?: Tender[];
  } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const submittingRef = useRef(false);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => localStorage.setItem(CART_KEY, JSON.stringify(cart)), [cart]);
  const totals = cartTotals(cart, settings.pricesIncludeTax);

  const onLateRecord = useCallback(
    (sale: SaleView) =>
      setNotice({ kind: 'ok', text: `Sale #${sale.number} (kept while offline) is now recorded.` }),
    [],
  );
  const { pending, refresh: refreshPending } = usePendingSales(onLateRecord);

  const addItem = useCallback((variant: VariantView) => {
    setCart((current) => {
      const next = addVariant(current, variant);
      setLastAdded(next.lines.find((l) => l.variant?.id === variant.id)?.id ?? null);
      return next;
    });
    setNotice(null);
  }, []);

  const scan = useCallback(
    async (code: string) => {
      if (mode !== 'cart') return;
      try {
        const variant = await get<VariantView>(`/api/catalog/lookup${query({ barcode: code })}`);
        addItem(variant);
        beep('ok');
      } catch (error) {
        beep('error');
        const what =
          error instanceof ApiError && error.code === 'BARCODE_UNKNOWN'
            ? `Unknown barcode ${code}: nothing added.`
            : error instanceof ApiError && error.code === 'BARCODE_INVALID'
              ? `Invalid barcode ${code} (${error.message}): nothing added.`
              : `Could not look up ${code}: ${describeError(error)}`;
        setNotice({ kind: 'error', text: what });
      }
    },
    [mode, addItem],
  );
  useScanner(scan, !dialog && !approval);

  const approvalReason = (): string | null => {
    if (session.staff.role === 'cashier' && largestDiscountBp(cart, totals) > settings.cashierMaxDiscountBp) {
      return 'This discount is over the cashier limit.';
    }
    if (hasMisc(cart) && settings.miscSales === 'manager_pin') return 'Misc items need a manager’s approval.';
    return null;
  };

  const startPayment = () => {
    if (cart.lines.length === 0) return;
    const reason = approvalReason();
    if (reason && !cart.approval) return setApproval({ reason, error: null });
    setMode('pay');
  };

  const complete = async (tenders: Tender[], withApproval: Approval | null = cart.approval) => {
    if (submittingRef.current || !registerId) return;
    submittingRef.current = true;
    setSubmitting(true);
    try {
      const outcome = await sendSale(toSaleInput({ ...cart, approval: withApproval }, registerId, tenders));
      if (outcome.kind === 'recorded') {
        setCompleted(outcome.sale);
        setMode('done');
      } else {
        setNotice({
          kind: 'error',
          text: 'The server cannot be reached. The sale is saved on this till and will be sent automatically.',
        });
        setCart(emptyCart());
        setMode('cart');
      }
      refreshPending();
    } catch (error) {
      if (error instanceof ApiError && error.status === 403 && /APPROV|PIN/.test(error.code)) {
        setApproval({ reason: error.message, error: withApproval ? describeError(error) : null, tenders });
      } else {
        setNotice({ kind: 'error', text: `Sale not recorded: ${describeError(error)}` });
      }
    } finally {
      submittingRef.current = false;
      setSubmitting(false);
    }
  };

  const nextSale = useCallback(() => {
    setCart(emptyCart());
    setCompleted(null);
    setMode('cart');
    setNotice(null);
    queueMicrotask(() => searchRef.current?.focus());
  }, []);

  const park = async () => {
    if (!registerId || cart.lines.length === 0) return;
    try {
      await post('/api/parked-carts', { registerId, label: `${cart.lines.length} items`, cart });
      setCart(emptyCart());
      setNotice({ kind: 'ok', text: 'Cart parked.' });
    } catch (error) {
      setNotice({ kind: 'error', text: `Could not park the cart: ${describeError(error)}` });
    }
  };

  if (!registerId || (registers && !register)) {
    return <RegisterChoice onChosen={(r: Register) => setRegisterId(r.id)} />;
  }

  const miscAllowed = settings.miscSales !== 'off';
  return (
    <div className="register">
      <RegisterBanners pending={pending} notice={notice} onDismiss={() => setNotice(null)} />
      <section className="register-left">
        <div className="register-tools">
          <ProductSearch ref={searchRef} onPick={addItem} />
          {hasCamera() && (
            <button type="button" onClick={() => setDialog('camera')}>
              Camera
            </button>
          )}
        </div>
        <CartView
          cart={cart}
          totals={totals}
          lastAddedLineId={lastAdded}
          locked={mode !== 'cart'}
          onQuantity={(lineId, quantity) => setCart((c) => setQuantity(c, lineId, quantity))}
          onDiscount={(lineId, discount) =>
            setCart((c) => ({ ...setLineDiscount(c, lineId, discount), approval: null }))
          }
        />
        <RegisterActions
          cartEmpty={cart.lines.length === 0}
          busy={mode !== 'cart'}
          miscAllowed={miscAllowed}
          onMisc={() => setDialog('misc')}
          onCartDiscount={() => setDialog('cart-discount')}
          onPark={park}
          onRecall={() => setDialog('parked')}
          onClear={() => setCart(emptyCart())}
        />
        {dialog === 'cart-discount' && (
          <DiscountEditor
            label="Cart discount"
            current={cart.cartDiscount}
            onApply={(cartDiscount: Discount | null) => {
              setCart((c) => ({ ...c, cartDiscount, approval: null }));
              setDialog(null);
            }}
            onCancel={() => setDialog(null)}
          />
        )}
      </section>
      <aside className="register-right">
        <p className="muted">
          {register?.name ?? 'Register'} · {session.staff.displayName}
        </p>
        <TotalsSummary
          totals={totals}
          pricesIncludeTax={settings.pricesIncludeTax}
          currency={settings.currency}
        />
        {cart.cartDiscount && <p className="muted">Cart: {describeDiscount(cart.cartDiscount)}</p>}
        {cart.approval && <p className="muted">Approved by a manager</p>}
        {mode === 'cart' && (
          <button type="button" className="primary huge" disabled={!cart.lines.length} onClick={startPayment}>
            Pay {totals.totalMinor > 0 ? '' : ''}
          </button>
        )}
        {mode === 'pay' && (
          <PaymentPanel
            totalMinor={totals.totalMinor}
            submitting={submitting}
            onComplete={(tenders) => complete(tenders)}
            onCancel={() => setMode('cart')}
          />
        )}
        {mode === 'done' && completed && <SaleComplete sale={completed} onNext={nextSale} />}
      </aside>
      {dialog === 'misc' && (
        <MiscItemDialog
          onAdd={(item) => {
            setCart((c) => ({ ...addMisc(c, item), approval: null }));
            setDialog(null);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'parked' && registerId && (
        <ParkedCartsDialog
          registerId={registerId}
          onRecall={(recalled) => {
            setCart(recalled);
            setDialog(null);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'camera' && (
        <CameraScanner
          onCode={(code) => {
            setDialog(null);
            void scan(code);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {approval && (
        <ApprovalDialog
          reason={approval.reason}
          error={approval.error}
          onClose={() => setApproval(null)}
          onApprove={(granted) => {
            setCart((c) => ({ ...c, approval: granted }));
            const tenders = approval.tenders;
            setApproval(null);
            if (tenders) void complete(tenders, granted);
            else setMode('pay');
          }}
        />
      )}
    </div>
  );
}
