import { CameraScanner } from './camera-scanner.tsx';
import type { Cart, MiscItem } from './cart.ts';
import { MiscItemDialog } from './misc-item-dialog.tsx';
import { ParkedCartsDialog } from './parked-carts-dialog.tsx';

export type RegisterDialog = 'misc' | 'parked' | 'camera' | 'cart-discount' | null;

/** The register's modal helpers; each closes itself once it has handed its result over. */
export function RegisterDialogs(props: {
  open: RegisterDialog;
  registerId: string;
  onClose(): void;
  onAddMisc(item: MiscItem): void;
  onRecall(cart: Cart): void;
  onCameraCode(code: string): void;
}) {
  const { onClose } = props;
  if (props.open === 'misc') {
    return (
      <MiscItemDialog
        onAdd={(item) => {
          props.onAddMisc(item);
          onClose();
        }}
        onClose={onClose}
      />
    );
  }
  if (props.open === 'parked') {
    return (
      <ParkedCartsDialog
        registerId={props.registerId}
        onRecall={(cart) => {
          props.onRecall(cart);
          onClose();
        }}
        onClose={onClose}
      />
    );
  }
  if (props.open === 'camera') {
    return (
      <CameraScanner
        onCode={(code) => {
          onClose();
          props.onCameraCode(code);
        }}
        onClose={onClose}
      />
    );
  }
  return null;
}
