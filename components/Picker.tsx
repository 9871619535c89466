import { useEffect, useRef, useState } from 'react';
import { whenTrusted } from './Overlay';

export interface PickProbe {
  selector: string;
  rect: { x: number; y: number; width: number; height: number };
  label: string;
  value: string;
}

export interface PickerProps {
  /** the key being assigned, as shown */
  label: string;
  /** the tag over the field under the pointer: the key and the field's value */
  hitLabel(value: string): string;
  hint: string;
  cancelLabel: string;
  /** what lies under a point of the page (the overlay itself excluded) */
  probe(x: number, y: number): PickProbe | null;
  onPick(selector: string | null): void;
  onCancel(): void;
}

/**
 * The picker: a transparent layer over the page, inside the overlay's shadow root. Clicks land on the layer,
 * never on the page, so picking cannot press the host system's buttons; the panel fades and lets the pointer
 * through meanwhile, so a field under it can be picked too.
 */
export function Picker({ label, hitLabel, hint, cancelLabel, probe, onPick, onCancel }: PickerProps) {
  const [hit, setHit] = useState<PickProbe | null>(null);
  const layer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    layer.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onCancel]);
  return (
    <div
      ref={layer}
      className="cca-picker-layer"
      data-testid="picker-layer"
      tabIndex={-1}
      role="dialog"
      aria-label={label}
      onPointerMove={(e) => setHit(probe(e.clientX, e.clientY))}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        // only the handler's own click pins a field
        if (e.isTrusted) onPick(probe(e.clientX, e.clientY)?.selector ?? null);
      }}
    >
      <div className="cca-picker-bar" role="status" onClick={(e) => e.stopPropagation()}>
        <span>
          {hint} <strong>{label}</strong>
        </span>
        <button type="button" data-testid="pick-cancel" onClick={whenTrusted(onCancel)}>
          {cancelLabel}
        </button>
      </div>
      {hit ? (
        <>
          <div className="cca-picker-box" style={{ left: hit.rect.x, top: hit.rect.y, width: hit.rect.width, height: hit.rect.height }} />
          <div className="cca-picker-label" style={{ left: hit.rect.x, top: Math.max(hit.rect.y - 20, 0) }}>
            {hitLabel(hit.value.slice(0, 40))}
          </div>
        </>
      ) : null}
    </div>
  );
}
