import { type RefObject, useEffect, useRef } from 'react';

/** Keyboard-first till: F2 goes to the search box and F4 to payment, wherever the focus is. */
export function useRegisterKeys(options: {
  searchRef: RefObject<HTMLInputElement | null>;
  startPayment(): void;
  paying: boolean;
}): void {
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { searchRef, startPayment, paying } = latest.current;
      if (event.key === 'F2') searchRef.current?.focus();
      else if (event.key === 'F4' && !paying) startPayment();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
