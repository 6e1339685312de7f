import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../ui/dialog.tsx';

export const hasCamera = (): boolean =>
  typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

/**
 * Reads a barcode from the device camera with ZXing (loaded only when the button is used) and hands
 * the code to the same path as a scanner. Stops the camera as soon as one code is read.
 */
export function CameraScanner(props: { onCode(code: string): void; onClose(): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const { onCode } = props;
  useEffect(() => {
    let controls: { stop(): void } | undefined;
    let cancelled = false;
    void (async () => {
      try {
        const { BrowserMultiFormatReader } = await import('@zxing/browser');
        const reader = new BrowserMultiFormatReader();
        if (cancelled || !video.current) return;
        controls = await reader.decodeFromVideoDevice(undefined, video.current, (result) => {
          if (result && !cancelled) {
            cancelled = true;
            controls?.stop();
            onCode(result.getText());
          }
        });
        if (cancelled) controls.stop();
      } catch (caught) {
        setError(caught instanceof Error ? `camera: ${caught.message}` : 'the camera could not be started');
      }
    })();
    return () => {
      cancelled = true;
      controls?.stop();
    };
  }, [onCode]);
  return (
    <Dialog title="Scan with camera" onClose={props.onClose}>
      {error ? <p className="error">{error}</p> : <p>Hold the barcode in front of the camera.</p>}
      <video ref={video} className="camera" muted playsInline />
    </Dialog>
  );
}
