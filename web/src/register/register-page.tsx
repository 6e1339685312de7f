import { useCallback, useRef, useState } from 'react';
import { effectiveMiscPolicy, miscSaleDecision } from '../../../src/core/misc-sale-policy.ts';
import { ApiError, describeError } from '../api/client.ts';
import type { Approval, Discount, Register, SaleView, VariantView } from '../api/types.ts';
import { ApprovalDialog } from '../session/approval-dialog.tsx';
import { useSession } from '../session/session-context.tsx';
import { hasCamera } from './camera-scanner.tsx';
import {
  addMisc,
  addVariant,
  approvalNeeded,
  cartTotals,
  emptyCart,
  setLineDiscount,
  setQuantity,
  toSaleInput,
} from './cart.ts';
import { CartView, describeDiscount } from './cart-view.tsx';
import { DiscountEditor } from './discount-editor.tsx';
import { beep } from './feedback.ts';
import { parkCart } from './parked-carts-dialog.tsx';
import { PaymentPanel, type Tender, TotalsSummary } from './payment-panel.tsx';
import { dropPendingSale, sendSale } from './pending-sales.ts';
import { ProductSearch } from './product-search.tsx';
import { RegisterChoice, readRegisterId, useRegisters } from './register-choice.tsx';
import type { Notice } from './register-chrome.tsx';
import { RegisterActions, RegisterBanners } from './register-chrome.tsx';
import { type RegisterDialog, RegisterDialogs } from './register-dialogs.tsx';
import { SaleComplete } from './sale-complete.tsx';
import { lookupScannedCode, rememberItem } from './scan-lookup.ts';
import { usePendingSales } from './use-pending-sales.ts';
import { useRegisterKeys } from './use-register-keys.ts';
import { useSavedCart } from './use-saved-cart.ts';
import { useScanner } from './use-scanner.ts';

type Mode = 'cart' | 'pay' | 'done';

export function RegisterPage() {
  const session = useSession();
  const { settings } = session;
  const { registers } = useRegisters();
  const [registerId, setRegisterId] = useState<string | null>(() => readRegisterId());
  const register = registers?.find((r) => r.id === registerId) ?? null;
  const [cart, setCart] = useSavedCart();
  const [mode, setMode] = useState<Mode>('cart');
  const [notice, setNotice] = useState<Notice>(null);
  const [lastAdded, setLastAdded] = useState<string | null>(null);
  const [completed, setCompleted] = useState<SaleView | null>(null);
  const [dialog, setDialog] = useState<RegisterDialog>(null);
  const [approval, setApproval] = useState<{
    reason: string;
    error: string | null;
    tenders?: Tender[];
  } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const submittingRef = useRef(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const totals = cartTotals(cart, settings.pricesIncludeTax);
  const miscPolicy = effectiveMiscPolicy({
    ...settings,
    shopifyConnected: settings.shopifyConnected ?? false,
  });

  const onLateRecord = useCallback(
    (sale: SaleView) =>
      setNotice({ kind: 'ok', text: `Sale #${sale.number} (kept while offline) is now recorded.` }),
    [],
  );
  const { pending } = usePendingSales(onLateRecord);

  const addItem = useCallback(
    (variant: VariantView) => {
      setCart((current) => {
        const next = addVariant(current, variant);
        setLastAdded(next.lines.find((l) => l.variant?.id === variant.id)?.id ?? null);
        return next;
      });
      setNotice(null);
    },
    [setCart],
  );

  const nextSale = useCallback(() => {
    setCart(emptyCart());
    setCompleted(null);
    setMode('cart');
    setNotice(null);
    queueMicrotask(() => searchRef.current?.focus());
  }, [setCart]);

  const scan = useCallback(
    async (code: string) => {
      if (mode === 'pay') {
        beep('error');
        setNotice({
          kind: 'error',
          text: `Finish the payment or go back to the cart first: ${code} not added.`,
        });
        return;
      }
      // Scanning on the "sale complete" screen starts the next customer's sale.
      if (mode === 'done') nextSale();
      const found = await lookupScannedCode(code);
      if (!found.ok) {
        beep('error');
        setNotice({ kind: 'error', text: found.message });
        return;
      }
      addItem(found.variant);
      beep('ok');
      if (found.fromMemory) {
        setNotice({
          kind: 'error',
          text: `Server unreachable: ${found.variant.productName} added at the price this till last saw.`,
        });
      }
    },
    [mode, addItem, nextSale],
  );
  useScanner(scan, !dialog && !approval);

  const startPayment = () => {
    if (cart.lines.length === 0) return;
    // The server's rules, asked before payment so the manager is called while the customer waits.
    const reason = approvalNeeded(cart, totals, {
      miscPolicy,
      sellerMayApprove: session.can('sales.approve'),
      cashierMaxDiscountBp: settings.cashierMaxDiscountBp,
    });
    if (reason && !cart.approval) return setApproval({ reason, error: null });
    setMode('pay');
  };
  const startPaymentRef = useRef(startPayment);
  startPaymentRef.current = startPayment;

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

  useRegisterKeys({ searchRef, startPayment: () => startPaymentRef.current(), paying: mode !== 'cart' });

  const park = async () => {
    if (!registerId || cart.lines.length === 0) return;
    try {
      await parkCart(registerId, cart);
      setCart(emptyCart());
      setNotice({ kind: 'ok', text: 'Cart parked.' });
    } catch (error) {
      setNotice({ kind: 'error', text: `Could not park the cart: ${describeError(error)}` });
    }
  };

  if (!registerId || (registers && !register)) {
    return <RegisterChoice onChosen={(r: Register) => setRegisterId(r.id)} />;
  }

  const miscAllowed = miscSaleDecision(miscPolicy, session.can('sales.approve')) !== 'refused';
  return (
    <div className="register">
      <RegisterBanners
        pending={pending}
        notice={notice}
        onDismiss={() => setNotice(null)}
        onDiscard={dropPendingSale}
      />
      <section className="register-left">
        <div className="register-tools">
          <ProductSearch
            ref={searchRef}
            onPick={(variant) => {
              rememberItem(variant.barcode, variant);
              addItem(variant);
            }}
          />
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
            Pay <small>(F4)</small>
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
      <RegisterDialogs
        open={dialog}
        registerId={registerId}
        onClose={() => setDialog(null)}
        onAddMisc={(item) => setCart((c) => ({ ...addMisc(c, item), approval: null }))}
        onRecall={setCart}
        onCameraCode={(code) => void scan(code)}
      />
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
