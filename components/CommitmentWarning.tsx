import { MixedText } from './dashboard/Data';
import { whenTrusted, type Translate } from './Overlay';

export interface CommitmentWarningProps {
  t: Translate;
  /** where it stands (viewport pixels), chosen beside the approval mode where it covers no control of the page */
  position: { left: number; top: number } | null;
  /** the commitment procedure is the option chosen on the form */
  chosen: boolean;
  basis: string;
  /** hides it on this page until the page is loaded again */
  onDismiss(): void;
}

/**
 * The prominent 不适用告知承诺制 warning of a licensing form, drawn in the overlay's shadow root. The pointer goes
 * through it to the page (only its own close button takes clicks), so it never stands between the handler and a
 * control of the form.
 */
export function CommitmentWarning({ t, position, chosen, basis, onDismiss }: CommitmentWarningProps) {
  const style = position
    ? { left: `${Math.max(position.left, 8)}px`, top: `${Math.max(position.top, 8)}px` }
    : { left: '50%', top: '8px', transform: 'translateX(-50%)' };
  return (
    <div className="cca-commitment-warning" data-testid="commitment-warning" data-chosen={String(chosen)} role="alert" style={style}>
      <span className="cca-commitment-text">{t('commitment_warning')}</span>
      {chosen ? <span className="cca-small">{t('commitment_warningChosen')}</span> : null}
      <span className="cca-small">
        <MixedText text={basis} />
      </span>
      <button
        type="button"
        className="cca-dismiss"
        data-testid="commitment-dismiss"
        aria-label={t('commitment_dismiss')}
        title={t('commitment_dismiss')}
        onClick={whenTrusted(onDismiss)}
      >
        ×
      </button>
    </div>
  );
}
