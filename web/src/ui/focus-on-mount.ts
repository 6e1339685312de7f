/**
 * Callback ref that puts the cursor in a field when it appears: the till is keyboard-first, so a
 * dialog's first field or the sign-in email takes the next keys without a tap.
 */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
