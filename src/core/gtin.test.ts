import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  barcodeKeyFor,
  expandUpcE,
  generateInStoreGtin13,
  gtinCheckDigit,
  inStoreSequenceOf,
  isValidGtin,
  lookupKeysFor,
  normaliseBarcode,
} from './gtin.ts';

describe('GTIN check digits', () => {
  it('computes the GS1 mod-10 check digit of real codes', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1); // EAN-13 4006381333931
    expect(gtinCheckDigit('03600029145')).toBe(2); // UPC-A 036000291452
    expect(gtinCheckDigit('9638507')).toBe(4); // EAN-8 96385074
    expect(gtinCheckDigit('1001234567890')).toBe(2); // GTIN-14 10012345678902
  });

  it('accepts valid EAN-13, UPC-A, EAN-8 and GTIN-14 codes and refuses a changed check digit', () => {
    for (const code of ['4006381333931', '036000291452', '96385074', '10012345678902', '5012345678900']) {
      expect(isValidGtin(code)).toBe(true);
      const wrong = `${code.slice(0, -1)}${(Number(code.at(-1)) + 1) % 10}`;
      expect(isValidGtin(wrong)).toBe(false);
    }
  });

  it('refuses letters, spaces and wrong lengths', () => {
    for (const code of ['400638133393A', '40063813 3931', '', '12345', '01200000129', '123456789012345']) {
      expect(isValidGtin(code)).toBe(false);
      expect(normaliseBarcode(code).ok).toBe(false);
    }
  });

  it('detects every single-digit typo in a valid code', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{12}$/),
        fc.nat(12),
        fc.integer({ min: 1, max: 9 }),
        (body, at, add) => {
          const code = `${body}${gtinCheckDigit(body)}`;
          const typo = `${code.slice(0, at)}${(Number(code[at]) + add) % 10}${code.slice(at + 1)}`;
          expect(isValidGtin(typo)).toBe(false);
        },
      ),
    );
  });
});

describe('UPC-E expansion', () => {
  it('expands each zero-suppression case to its UPC-A', () => {
    expect(expandUpcE('04252614')).toBe('042100005264'); // last digit 0-2: manufacturer ends in it
    expect(expandUpcE('01230004')).toBe('012000003004');
    expect(expandUpcE('01234133')).toBe('012300000413'); // 3
    expect(expandUpcE('01234543')).toBe('012340000053'); // 4
    expect(expandUpcE('01234565')).toBe('012345000065'); // 5-9
    expect(expandUpcE('00123457')).toBe('001234000057');
  });

  it('only expands number systems 0 and 1', () => {
    expect(expandUpcE('24252614')).toBeNull();
    expect(expandUpcE('0425261')).toBeNull();
  });

  it('normalises a UPC-E to the same GTIN-14 as its UPC-A', () => {
    const upce = normaliseBarcode('04252614');
    expect(upce).toEqual({ ok: true, kind: 'gtin', gtin14: '00042100005264', format: 'UPC-E' });
    expect(normaliseBarcode('042100005264')).toMatchObject({ ok: true, gtin14: '00042100005264' });
  });

  it('reads an 8-digit code that is not a valid UPC-E as an EAN-8', () => {
    expect(normaliseBarcode('96385074')).toEqual({
      ok: true,
      kind: 'gtin',
      gtin14: '00000096385074',
      format: 'EAN-8',
    });
  });
});

describe('GTIN-14 normalisation', () => {
  it('makes a UPC-A and its EAN-13 form the same item', () => {
    const upcA = normaliseBarcode('036000291452');
    const ean13 = normaliseBarcode('0036000291452');
    expect(upcA).toMatchObject({ ok: true, gtin14: '00036000291452', format: 'UPC-A' });
    expect(ean13).toMatchObject({ ok: true, gtin14: '00036000291452', format: 'EAN-13' });
  });

  it('zero-pads EAN-13 and keeps a GTIN-14 as it is, ignoring surrounding whitespace', () => {
    expect(normaliseBarcode(' 4006381333931\n')).toMatchObject({ ok: true, gtin14: '04006381333931' });
    expect(normaliseBarcode('10012345678902')).toMatchObject({ ok: true, gtin14: '10012345678902' });
  });

  it('says what is wrong with a bad code', () => {
    const bad = normaliseBarcode('4006381333932');
    expect(bad).toMatchObject({ ok: false, code: 'BARCODE_INVALID' });
    if (!bad.ok) expect(bad.message).toContain('expected 1');
  });
});

describe('barcode keys', () => {
  it('keys a GTIN by its GTIN-14 and an internal code with the int: prefix', () => {
    expect(barcodeKeyFor('036000291452', false)).toBe('00036000291452');
    expect(barcodeKeyFor('SHELF-42', true)).toBe('int:SHELF-42');
    expect(barcodeKeyFor('12345', true)).toBe('int:12345');
  });

  it('gives no key to a non-GTIN that was not marked internal', () => {
    expect(barcodeKeyFor('4006381333932', false)).toBeNull();
    expect(barcodeKeyFor('SHELF-42', false)).toBeNull();
  });

  it('looks a scan up under its GTIN-14 first, then as an internal code', () => {
    expect(lookupKeysFor('036000291452')).toEqual(['00036000291452', 'int:036000291452']);
    expect(lookupKeysFor('SHELF-42')).toEqual(['int:SHELF-42']);
    expect(lookupKeysFor('  ')).toEqual([]);
  });
});

describe('in-store barcodes', () => {
  it('generates valid EAN-13s in the restricted prefixes 20-29', () => {
    expect(generateInStoreGtin13('20', 1)).toBe('2000000000015');
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 29 }), fc.integer({ min: 0, max: 9_999_999_999 }), (p, seq) => {
        const code = generateInStoreGtin13(String(p) as '20', seq);
        expect(code).toHaveLength(13);
        expect(code.startsWith(String(p))).toBe(true);
        expect(isValidGtin(code)).toBe(true);
        const normalised = normaliseBarcode(code);
        expect(normalised.ok && inStoreSequenceOf(normalised.gtin14, String(p) as '20')).toBe(seq);
      }),
    );
  });

  it('refuses a prefix outside 20-29 and a sequence that does not fit', () => {
    expect(() => generateInStoreGtin13('19' as '20', 1)).toThrow();
    expect(() => generateInStoreGtin13('20', 10_000_000_000)).toThrow();
    expect(() => generateInStoreGtin13('20', -1)).toThrow();
  });
});
