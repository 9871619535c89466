// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { Overlay, type OverlayPosition } from '../../../components/Overlay';
import zhMessages from '../../../public/_locales/zh_CN/messages.json';
import { translatorFromMessages, type MessageEntry } from '../../../lib/rules';

const t = translatorFromMessages(zhMessages as Record<string, MessageEntry>);

/** The overlay, drawn again at once with each place it reports, as the reader's view does (a synchronous render). */
function mount(moved: OverlayPosition[]): HTMLElement {
  const box = document.createElement('div');
  document.body.append(box);
  const draw = (position: OverlayPosition): void =>
    render(
      <Overlay
        t={t}
        readOnlyView={false}
        collapsed={false}
        position={position}
        onToggleCollapsed={() => undefined}
        onMoved={(p) => {
          moved.push(p);
          draw(p);
        }}
        pill={[]}
        body={null}
        layers={null}
        dimmed={false}
      />,
      box,
    );
  draw({ right: 16, top: 72 });
  return box;
}

describe('moving the panel by keyboard', () => {
  it('counts every arrow key, even those pressed before the panel is drawn again', () => {
    const moved: OverlayPosition[] = [];
    const handle = mount(moved).querySelector('.cca-handle')!;
    // dispatched in one task: the effects of each redraw are still pending when the next key comes
    for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowDown'])
      handle.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    expect(moved).toEqual([
      { right: 40, top: 72 },
      { right: 64, top: 72 },
      { right: 64, top: 96 },
    ]);
    expect((handle.closest('[data-testid="overlay"]') as HTMLElement).style.right).toBe('64px');
  });
});
