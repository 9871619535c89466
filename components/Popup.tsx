import type { Translate } from './Overlay';
import { ManagedBadge } from './ManagedBadge';

export type PopupState =
  { kind: 'unsupported' } | { kind: 'site'; origin: string; enabled: boolean; managed: boolean; tabId: number; url: string };

export interface PopupProps {
  t: Translate;
  state: PopupState;
  message: string | null;
  /** systems the administrator enabled that the user has not authorised yet */
  pending: string[];
  onEnable(): void;
  onDisable(): void;
  onAnalyze(): void;
  onAuthorize(): void;
  onDashboard(): void;
}

export function Popup({ t, state, message, pending, onEnable, onDisable, onAnalyze, onAuthorize, onDashboard }: PopupProps) {
  const pendingHere = state.kind === 'site' && pending.includes(state.origin);
  return (
    <main className="popup">
      <h1>{t('extName')}</h1>
      {pending.length > 0 ? (
        <section className="popup-managed" data-testid="managed-pending" aria-labelledby="managed-pending-title">
          <p id="managed-pending-title">
            <span className="managed-badge">{t('managed_badge')}</span> {t('popup_managedPending')}
          </p>
          <ul>
            {pending.map((o) => (
              <li key={o} data-origin={o}>
                {o}
              </li>
            ))}
          </ul>
          <button type="button" className="primary" data-testid="authorize" onClick={onAuthorize}>
            {t('popup_authorize')}
          </button>
        </section>
      ) : null}
      {state.kind === 'unsupported' ? (
        <p data-testid="popup-status">{t('popup_unsupported')}</p>
      ) : (
        <>
          <p data-testid="popup-status" data-enabled={String(state.enabled)} data-managed={String(state.managed)}>
            {t(state.enabled ? 'popup_enabled' : pendingHere ? 'popup_managedHere' : 'popup_disabled', [state.origin])}
            {state.managed ? (
              <>
                {' '}
                <ManagedBadge t={t} />
              </>
            ) : null}
          </p>
          <div className="popup-actions">
            {/* a system the administrator enabled cannot be disabled here; one not yet authorised is authorised above */}
            {state.managed ? null : state.enabled ? (
              <button type="button" data-testid="disable" onClick={onDisable}>
                {t('popup_disable')}
              </button>
            ) : (
              <button type="button" className="primary" data-testid="enable" onClick={onEnable}>
                {t('popup_enable')}
              </button>
            )}
            <button type="button" data-testid="analyze" onClick={onAnalyze}>
              {t('popup_analyze')}
            </button>
          </div>
        </>
      )}
      {message ? (
        <p className="popup-message" role="status" data-testid="popup-message">
          {message}
        </p>
      ) : null}
      <button type="button" className="link" data-testid="open-dashboard" onClick={onDashboard}>
        {t('popup_dashboard')}
      </button>
      <p className="hint">{t('dash_privacy')}</p>
    </main>
  );
}
