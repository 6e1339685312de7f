import type { Approval } from '../api/types.ts';
import { Dialog } from '../ui/dialog.tsx';
import { StaffPinForm } from './staff-pin-form.tsx';

const APPROVERS = ['owner', 'manager'] as const;

/** Asks a manager for their PIN; the approval travels with the request and the server checks it. */
export function ApprovalDialog(props: {
  reason: string;
  error?: string | null;
  onApprove(approval: Approval): void;
  onClose(): void;
}) {
  return (
    <Dialog title="Manager approval needed" onClose={props.onClose}>
      <p className="notice">{props.reason}</p>
      <StaffPinForm
        roles={APPROVERS}
        submitLabel="Approve"
        error={props.error ?? null}
        onSubmit={(staffId, pin) => props.onApprove({ staffId, pin })}
      />
    </Dialog>
  );
}
