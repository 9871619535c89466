import { createElement, Fragment, useEffect, useRef, type FunctionComponent } from 'react';
import { createRoot } from 'react-dom/client';
import type { CommitmentWarningProps } from '../../components/CommitmentWarning';
import type { DiagnosisExportProps } from '../../components/DiagnosisExport';
import type { PickerProps } from '../../components/Picker';
import type { RecordFormProps } from '../../components/RecordForm';
import type { Splicer } from '../../lib/form/plan';
import type { PartName } from '../../lib/messaging/protocol';

/**
 * Parts of the reader that most pages never need (the record form, the picker's layer, the commitment warning,
 * planning again in part after the page's structure changed) are separate scripts, which the background runs in
 * the frame that asks for them (the `loadPart` request). A part registers itself here; a view draws into a
 * container of the overlay with its own copy of the UI runtime.
 */

export interface PartProps {
  'record-form': RecordFormProps;
  picker: PickerProps;
  'commitment-warning': CommitmentWarningProps;
  diagnosis: DiagnosisExportProps;
}

/** The parts that are views. */
export type ViewPart = keyof PartProps;

export interface PartHandle<P> {
  update(props: P): void;
  unmount(): void;
}

export interface PartModule<P> {
  mount(container: HTMLElement, props: P): PartHandle<P>;
}

/** What each part gives: a view's module, or the splicer (lib/form/splice.ts). */
export type PartModules = { [N in ViewPart]: PartModule<PartProps[N]> } & { splice: { splicePlan: Splicer } };

export type PartLoader = <N extends PartName>(name: N) => Promise<PartModules[N]>;

/**
 * A view as a part: mounted into its container, updated with new props, unmounted. `css` is the part's own style
 * sheet, drawn with it inside the overlay's shadow root, so the reader does not carry the rules of what it may
 * never show.
 */
export function partModule<P extends object>(view: FunctionComponent<P>, css = ''): PartModule<P> {
  const draw = (props: P) => createElement(Fragment, null, css ? createElement('style', null, css) : null, createElement(view, props));
  return {
    mount(container, props) {
      const root = createRoot(container);
      root.render(draw(props));
      return {
        update: (next) => root.render(draw(next)),
        unmount: () => root.unmount(),
      };
    },
  };
}

type Registry = { [N in PartName]?: PartModules[N] };
type Waiters = { [N in PartName]?: Array<() => void> };

// Shared by the reader and the parts through the content scripts' own global object, which the page cannot see
// (Chromium's isolated world, Firefox's sandbox).
interface PartsGlobal {
  __creditCaseAssistantParts?: { registry: Registry; waiters: Waiters };
}

function store(): { registry: Registry; waiters: Waiters } {
  const g = globalThis as PartsGlobal;
  g.__creditCaseAssistantParts ??= { registry: {}, waiters: {} };
  return g.__creditCaseAssistantParts;
}

/** Called by a part's script when the background has run it in this frame. */
export function providePart<N extends PartName>(name: N, module: PartModules[N]): void {
  const { registry, waiters } = store();
  (registry as Record<N, PartModules[N]>)[name] = module;
  for (const resolve of waiters[name] ?? []) resolve();
  delete waiters[name];
}

/**
 * A loader that asks for each part once (`inject`, which resolves when the part's script has run in this frame)
 * and hands out the module it registered. Refused injections are asked again next time.
 */
export function partLoader(inject: (name: PartName) => Promise<boolean>): PartLoader {
  const asked = new Map<PartName, Promise<boolean>>();
  return async <N extends PartName>(name: N) => {
    const { registry, waiters } = store();
    const ready = () => registry[name] as PartModules[N] | undefined;
    if (ready()) return ready()!;
    const arrived = new Promise<void>((resolve) => ((waiters[name] ??= []) as Array<() => void>).push(resolve));
    let injected = asked.get(name);
    if (!injected) asked.set(name, (injected = inject(name)));
    if (!(await injected)) {
      asked.delete(name);
      throw new Error(`part-unavailable:${name}`);
    }
    await arrived;
    return ready()!;
  };
}

/** Where a part draws: an empty container the overlay's own runtime never touches. */
export function Part<N extends ViewPart>({ load, name, props }: { load: PartLoader; name: N; props: PartProps[N] }) {
  const container = useRef<HTMLDivElement>(null);
  const handle = useRef<PartHandle<PartProps[N]> | null>(null);
  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    let live = true;
    load(name).then(
      (m) => {
        // a view part's module (PartModules maps each view part to one)
        const view = m as PartModule<PartProps[N]>;
        if (live && container.current) handle.current = view.mount(container.current, latest.current);
      },
      // the extension was updated or the frame went away meanwhile: the container stays empty
      () => undefined,
    );
    return () => {
      live = false;
      handle.current?.unmount();
      handle.current = null;
    };
  }, [load, name]);
  useEffect(() => handle.current?.update(props));
  return <div ref={container} className="cca-part" data-part={name} />;
}
