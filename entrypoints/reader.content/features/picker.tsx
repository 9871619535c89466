import { useState } from 'react';
import { whenTrusted, type Translate } from '../../../components/Overlay';
import { LOGICAL_KEYS, type LogicalKey } from '../../../lib/facts/keys';
import { fieldAtPoint } from '../../../lib/form/picker';
import type { FeatureFactory } from '../feature';
import { Part } from '../parts';

/**
 * 选取字段: the handler points at the element that holds a key's value; its selector is pinned in the site profile
 * of this system (the background writes it). Starting and picking take a real click; an administrator's profile
 * cannot be changed here. Offers `pick(key)` to the other features.
 */
export const pickerFeature: FeatureFactory = (ctx) => {
  const { t } = ctx;
  let picking: LogicalKey | null = null;
  let message: string | null = null;
  const keys = LOGICAL_KEYS.map((key) => ({ key, label: t(`key_${key}`) }));

  const start = (key: LogicalKey): void => {
    picking = key;
    message = null;
    ctx.refresh();
  };
  const stop = (): void => {
    picking = null;
    ctx.refresh();
  };
  const pin = async (key: LogicalKey, selector: string | null): Promise<void> => {
    picking = null;
    if (!selector) {
      message = t('overlay_pickNothing');
      return ctx.refresh();
    }
    ctx.refresh();
    // the background's storage change brings the profile back and the reader reads the page with it
    const res = await ctx.request({ type: 'savePin', key, selector, title: ctx.document.title }).catch(() => null);
    message = t(res?.ok ? 'overlay_pickSaved' : res?.error === 'managed-profile' ? 'overlay_pickManaged' : 'overlay_pickFailed');
    ctx.refresh();
  };

  return {
    id: 'picker',
    provides: { pick: start },
    dims: () => picking !== null,
    panel: {
      tools: (r) =>
        r.config.profileManaged ? (
          <p key="picker" className="cca-pick cca-small" data-testid="pick-locked">
            <span className="cca-managed">{t('managed_badge')}</span> {t('overlay_pickManaged')}
          </p>
        ) : (
          <PickControls key="picker" t={t} keys={keys} message={message} onStart={start} />
        ),
    },
    layer: (r) => {
      const key = picking;
      if (key === null || r.config.profileManaged) return null;
      const label = keys.find((k) => k.key === key)?.label ?? key;
      return (
        <Part
          key="picker"
          load={ctx.parts}
          name="picker"
          props={{
            label,
            hitLabel: (value) => t('common_labelled', [label, value]),
            hint: t('overlay_pickHint'),
            cancelLabel: t('overlay_pickCancel'),
            probe: (x, y) => fieldAtPoint(ctx.document, x, y, ctx.host()),
            onPick: (selector) => void pin(key, selector),
            onCancel: stop,
          }}
        />
      );
    },
  };
};

export function PickControls(props: {
  t: Translate;
  keys: Array<{ key: LogicalKey; label: string }>;
  message: string | null;
  onStart(key: LogicalKey): void;
}) {
  const { t } = props;
  const [key, setKey] = useState<LogicalKey>(props.keys[0]?.key ?? 'partyName');
  return (
    <div className="cca-pick">
      <label>
        <span className="cca-sr">{t('overlay_pick')}</span>
        <select data-testid="pick-key" value={key} onChange={(e) => setKey(e.target.value as LogicalKey)}>
          {props.keys.map((k) => (
            <option key={k.key} value={k.key}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="pick" onClick={whenTrusted(() => props.onStart(key))}>
        {t('overlay_pick')}
      </button>
      {props.message ? (
        <span className="cca-small" role="status">
          {props.message}
        </span>
      ) : null}
    </div>
  );
}
