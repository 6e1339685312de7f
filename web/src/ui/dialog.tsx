import { type ReactNode, useEffect } from 'react';

/** A modal panel; Escape closes it. */
export function Dialog(props: { title: string; onClose(): void; children: ReactNode; wide?: boolean }) {
  const { onClose } = props;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="dialog-backdrop">
      <div
        className={props.wide ? 'dialog wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
      >
        <header>
          <h2>{props.title}</h2>
          <button type="button" className="close" onClick={props.onClose} aria-label="Close">
            ×
          </button>
        </header>
        {props.children}
      </div>
    </div>
  );
}

export function ErrorText(props: { error: string | null }) {
  return props.error ? (
    <p className="error" role="alert">
      {props.error}
    </p>
  ) : null;
}
