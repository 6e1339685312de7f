/**
 * GTIN barcodes (GS1 General Specifications §7.9): EAN-13, EAN-8, UPC-A, UPC-E and GTIN-14 all
 * name the same kind of number, so every form is normalised to a zero-padded GTIN-14. That makes a
 * UPC-A (036000291452) and its EAN-13 form (0036000291452) one item for uniqueness and lookup.
 *
 * An 8-digit code is read as UPC-E when it starts with number system 0 or 1 and its check digit
 * is right for the expanded UPC-A; otherwise as EAN-8. (EAN-8 codes starting with 0 are restricted
 * circulation numbers, so the overlap is rare in practice; when both readings validate, UPC-E wins
 * because that is what a US-made item with an 8-digit code carries.)
 */

export type GtinFormat = 'EAN-13' | 'EAN-8' | 'UPC-A' | 'UPC-E' | 'GTIN-14';

export type NormalisedBarcode =
  | { ok: true; kind: 'gtin'; gtin14: string; format: GtinFormat }
  | { ok: false; code: 'BARCODE_INVALID'; message: string };

const DIGITS = /^[0-9]+$/;

/** The GS1 mod-10 check digit of a body (every digit but the check), weights 3,1,3,… from the right. */
export function gtinCheckDigit(body: string): number {
  if (!DIGITS.test(body)) throw new Error(`a GTIN body must be digits only, got "${body}"`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True for 8, 12, 13 or 14 digits whose last digit is the right check digit. */
export function isValidGtin(digits: string): boolean {
  if (!DIGITS.test(digits) || ![8, 12, 13, 14].includes(digits.length)) return false;
  return gtinCheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

/**
 * UPC-E (8 digits: number system 0/1, six digits, check) to its 12-digit UPC-A, by the GS1 zero
 * suppression rules keyed on the sixth digit. Returns null for anything that is not a UPC-E shape.
 * The check digit is carried over unchanged, so validate the result with isValidGtin.
 */
export function expandUpcE(upce: string): string | null {
  if (!/^[01][0-9]{7}$/.test(upce)) return null;
  const ns = upce[0]!;
  const [d1, d2, d3, d4, d5, d6] = upce.slice(1, 7).split('') as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const check = upce[7]!;
  let body: string;
  switch (d6) {
    case '0':
    case '1':
    case '2':
      body = `${d1}${d2}${d6}0000${d3}${d4}${d5}`;
      break;
    case '3':
      body = `${d1}${d2}${d3}00000${d4}${d5}`;
      break;
    case '4':
      body = `${d1}${d2}${d3}${d4}00000${d5}`;
      break;
    default:
      body = `${d1}${d2}${d3}${d4}${d5}0000${d6}`;
  }
  return `${ns}${body}${check}`;
}

function invalid(message: string): NormalisedBarcode {
  return { ok: false, code: 'BARCODE_INVALID', message };
}

/** Reads a scanned or typed code as a GTIN and gives its GTIN-14, or says why it is not one. */
export function normaliseBarcode(raw: string): NormalisedBarcode {
  const code = raw.trim();
  if (code === '') return invalid('the barcode is empty');
  if (!DIGITS.test(code)) return invalid(`"${code}" is not a GTIN: a GTIN has digits only`);
  switch (code.length) {
    case 8: {
      const upca = expandUpcE(code);
      if (upca && isValidGtin(upca)) return { ok: true, kind: 'gtin', gtin14: `00${upca}`, format: 'UPC-E' };
      if (isValidGtin(code))
        return { ok: true, kind: 'gtin', gtin14: code.padStart(14, '0'), format: 'EAN-8' };
      return invalid(`"${code}" has a wrong check digit for an EAN-8 or UPC-E`);
    }
    case 12:
      return isValidGtin(code)
        ? { ok: true, kind: 'gtin', gtin14: `00${code}`, format: 'UPC-A' }
        : invalid(`"${code}" has a wrong check digit for a UPC-A (expected ${expectedCheck(code)})`);
    case 13:
      return isValidGtin(code)
        ? { ok: true, kind: 'gtin', gtin14: `0${code}`, format: 'EAN-13' }
        : invalid(`"${code}" has a wrong check digit for an EAN-13 (expected ${expectedCheck(code)})`);
    case 14:
      return isValidGtin(code)
        ? { ok: true, kind: 'gtin', gtin14: code, format: 'GTIN-14' }
        : invalid(`"${code}" has a wrong check digit for a GTIN-14 (expected ${expectedCheck(code)})`);
    default:
      return invalid(`"${code}" has ${code.length} digits; a GTIN has 8, 12, 13 or 14`);
  }
}

function expectedCheck(code: string): number {
  return gtinCheckDigit(code.slice(0, -1));
}

export const INTERNAL_KEY_PREFIX = 'int:';

/**
 * The lookup and uniqueness key stored in product_variants.barcode_key: the GTIN-14 for a GTIN,
 * `int:<code>` for a code the shop marked as internal (not a GTIN), or null when the code is
 * neither (a digits code with a wrong check digit that was not marked internal).
 */
export function barcodeKeyFor(raw: string, internal: boolean): string | null {
  const code = raw.trim();
  if (internal) return code === '' ? null : `${INTERNAL_KEY_PREFIX}${code}`;
  const normalised = normaliseBarcode(code);
  return normalised.ok ? normalised.gtin14 : null;
}

/**
 * Every key a scan of `raw` may be stored under: its GTIN-14 when it reads as a GTIN, and its
 * internal form (an internal code may happen to pass a check digit). Lookups query all of them at
 * once, GTIN first.
 */
export function lookupKeysFor(raw: string): string[] {
  const code = raw.trim();
  if (code === '') return [];
  const normalised = normaliseBarcode(code);
  return normalised.ok
    ? [normalised.gtin14, `${INTERNAL_KEY_PREFIX}${code}`]
    : [`${INTERNAL_KEY_PREFIX}${code}`];
}

export type InStorePrefix = '20' | '21' | '22' | '23' | '24' | '25' | '26' | '27' | '28' | '29';

/** Largest sequence an in-store EAN-13 can carry: 2 prefix digits + 10 sequence digits + check. */
export const MAX_IN_STORE_SEQUENCE = 9_999_999_999;

export function isInStorePrefix(value: string): value is InStorePrefix {
  return /^2[0-9]$/.test(value);
}

/**
 * An EAN-13 for the shop's own use, in GS1's restricted-circulation range (prefixes 20–29, never
 * issued to a brand): prefix, the sequence as 10 digits, and a valid check digit.
 */
export function generateInStoreGtin13(prefix2: InStorePrefix, sequence: number): string {
  if (!isInStorePrefix(prefix2)) throw new Error(`an in-store prefix is 20 to 29, got "${prefix2}"`);
  if (!Number.isSafeInteger(sequence) || sequence < 0 || sequence > MAX_IN_STORE_SEQUENCE) {
    throw new Error(`an in-store sequence is an integer from 0 to ${MAX_IN_STORE_SEQUENCE}, got ${sequence}`);
  }
  const body = `${prefix2}${String(sequence).padStart(10, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

/** The sequence inside an in-store GTIN-14 key with that prefix, or null when it is not one. */
export function inStoreSequenceOf(gtin14: string, prefix2: InStorePrefix): number | null {
  if (!/^[0-9]{14}$/.test(gtin14) || !gtin14.startsWith(`0${prefix2}`)) return null;
  return Number(gtin14.slice(3, 13));
}
