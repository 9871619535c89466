import type { Translate } from './Overlay';

export type PopupState =
  | { kind: 'unsupported' }
  | { kind: 'site'; origin: string; enabled: boolean; tabId: number; url: string };

export interface PopupProps {
  t: Translate;
  state: PopupState;
  message: string | null;
  onEnable(): void;
  onDisable(): void;
  onAnalyze(): void;
  onDashboard(): void;
}

export function Popup({ t, state, message, onEnable, onDisable, onAnalyze, onDashboard }: PopupProps) {
  return (
    <main className="popup">
      <h1>{t('extName')}</h1>
      {state.kind === 'unsupported' ? (
        <p data-testid="popup-status">{t('popup_unsupported')}</p>
      ) : (
        <>
          <p data-testid="popup-status" data-enabled={String(state.enabled)}>
            {t(state.enabled ? 'popup_enabled' : 'popup_disabled', [state.origin])}
          </p>
          <div className="popup-actions">
            {state.enabled ? (
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
