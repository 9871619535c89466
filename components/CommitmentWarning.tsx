import type { Translate } from './Overlay';

export interface CommitmentWarningProps {
  t: Translate;
  /** where the page's commitment option is, to stand beside it; null → top of the viewport */
  anchor: { left: number; top: number; bottom: number; right: number } | null;
  /** the commitment procedure is the option chosen on the form */
  chosen: boolean;
  basis: string;
}

/** The prominent 不适用告知承诺制 warning of a licensing form, drawn in the overlay's shadow root. */
export function CommitmentWarning({ t, anchor, chosen, basis }: CommitmentWarningProps) {
  const style = anchor
    ? { left: `${Math.max(anchor.left, 8)}px`, top: `${Math.max(anchor.bottom + 6, 8)}px` }
    : { left: '50%', top: '8px', transform: 'translateX(-50%)' };
  return (
    <div className="cca-commitment-warning" data-testid="commitment-warning" data-chosen={String(chosen)} role="alert" style={style}>
      {t('commitment_warning')}
      {chosen ? <span className="cca-small">{t('commitment_warningChosen')}</span> : null}
      <span className="cca-small">{basis}</span>
    </div>
  );
}
