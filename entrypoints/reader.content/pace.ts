/**
 * One reading per animation frame: the first change of a frame is read at once (typing shows before the next
 * paint), the rest of that frame's changes together in the next one. Reading never asks whether an event was
 * trusted (frameworks fill their forms with synthetic `input` events), so a page that fires them by the thousand
 * gets one reading per frame, no more.
 */
export function perFrame<T>(nextFrame: (fn: () => void) => void, read: (latest: T) => void, live: () => boolean): (next: T) => void {
  let armed = false;
  let pending: { latest: T } | null = null;
  const arm = (): void => {
    armed = true;
    nextFrame(() => {
      armed = false;
      if (!pending || !live()) return;
      const { latest } = pending;
      pending = null;
      read(latest);
      arm();
    });
  };
  return (next) => {
    if (armed) {
      pending = { latest: next };
      return;
    }
    read(next);
    arm();
  };
}
