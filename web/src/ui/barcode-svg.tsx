import { useEffect, useState } from 'react';

export type BarcodeKind = 'ean13' | 'ean8' | 'upca' | 'code128';

/**
 * A barcode drawn by bwip-js as SVG (sharp on any printer). The library is big, so it loads on the
 * first barcode shown rather than with the register.
 */
export function BarcodeSvg(props: { kind: BarcodeKind; text: string; height?: number; showText?: boolean }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    import('bwip-js')
      .then((bwip) => {
        if (stale) return;
        setSvg(
          bwip.toSVG({
            bcid: props.kind,
            text: props.text,
            height: props.height ?? 10,
            includetext: props.showText ?? true,
            // GTIN symbols place their digits under the bars themselves; only Code 128 needs centring.
            ...(props.kind === 'code128' ? { textxalign: 'center' } : {}),
          }),
        );
        setError(null);
      })
      .catch(
        (caught: unknown) => !stale && setError(caught instanceof Error ? caught.message : String(caught)),
      );
    return () => {
      stale = true;
    };
  }, [props.kind, props.text, props.height, props.showText]);
  if (error)
    return (
      <span className="error">
        barcode {props.text}: {error}
      </span>
    );
  if (!svg) return <span className="barcode-loading">{props.text}</span>;
  // bwip-js output is generated locally from our own text, not user HTML.
  // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG markup produced by bwip-js
  return <span className="barcode" dangerouslySetInnerHTML={{ __html: svg }} />;
}

/** Which symbology draws a stored barcode: GTINs as themselves, anything else as Code 128. */
export function barcodeKindFor(code: string): BarcodeKind {
  if (/^\d{13}$/.test(code)) return 'ean13';
  if (/^\d{8}$/.test(code)) return 'ean8';
  if (/^\d{12}$/.test(code)) return 'upca';
  return 'code128';
}
