import { useEffect, useState } from 'react';
import { type Cart, emptyCart } from './cart.ts';

const CART_KEY = 'tillsync.cart';

function readSavedCart(): Cart {
  try {
    const saved = JSON.parse(localStorage.getItem(CART_KEY) ?? 'null') as Cart | null;
    return saved?.saleId ? saved : emptyCart();
  } catch {
    return emptyCart();
  }
}

/** The cart survives a reload or a crashed tab: it is written to the browser's storage as it changes. */
export function useSavedCart() {
  const [cart, setCart] = useState<Cart>(readSavedCart);
  useEffect(() => localStorage.setItem(CART_KEY, JSON.stringify(cart)), [cart]);
  return [cart, setCart] as const;
}
