import { abortedError } from './errors';

// Hand-written async iterators rather than async generators: per item they cost one resolved promise
// instead of several microtask hops, which matters at millions of rows.

const DONE: IteratorReturnResult<void> = { done: true, value: undefined };

abstract class FastIterator<T> implements AsyncGenerator<T, void, undefined> {
  protected items: readonly T[] = [];
  protected at = 0;
  protected finished = false;
  /** Checked before every item, so a cancel takes effect within a batch. */
  signal: AbortSignal | undefined;

  protected abstract pull(): Promise<IteratorResult<T, void>>;
  protected abstract close(): Promise<void>;

  next(): Promise<IteratorResult<T, void>> {
    if (this.signal?.aborted && !this.finished) return this.return().then(() => Promise.reject(abortedError()));
    if (this.at < this.items.length) return Promise.resolve({ done: false, value: this.items[this.at++]! });
    if (this.finished) return Promise.resolve(DONE);
    return this.pull().then(
      (r) => {
        if (r.done) this.finish();
        return r;
      },
      (e: unknown) => {
        this.finish();
        throw e;
      },
    );
  }

  async return(): Promise<IteratorResult<T, void>> {
    const wasOpen = !this.finished;
    this.finish();
    if (wasOpen) await this.close();
    return DONE;
  }

  async throw(e: unknown): Promise<IteratorResult<T, void>> {
    await this.return();
    throw e;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  protected finish(): void {
    this.finished = true;
    this.items = [];
    this.at = 0;
  }
}

class Flattened<T> extends FastIterator<T> {
  constructor(private readonly batches: AsyncIterator<readonly T[], void, undefined>) {
    super();
  }

  protected async pull(): Promise<IteratorResult<T, void>> {
    for (;;) {
      const r = await this.batches.next();
      if (r.done) return DONE;
      if (r.value.length === 0) continue;
      this.items = r.value;
      this.at = 1;
      return { done: false, value: r.value[0]! };
    }
  }

  protected async close(): Promise<void> {
    await this.batches.return?.();
  }
}

class Prepended<T> extends FastIterator<T> {
  constructor(
    head: readonly T[],
    private readonly rest: AsyncIterator<T, unknown, undefined>,
  ) {
    super();
    this.items = head;
  }

  protected async pull(): Promise<IteratorResult<T, void>> {
    const r = await this.rest.next();
    return r.done ? DONE : { done: false, value: r.value };
  }

  protected async close(): Promise<void> {
    await this.rest.return?.();
  }
}

/** One item at a time from an async source of batches; IoError 'aborted' as soon as `signal` fires. */
export function flattenBatches<T>(
  batches: AsyncIterator<readonly T[], void, undefined>,
  signal?: AbortSignal,
): AsyncGenerator<T, void, undefined> {
  const it = new Flattened(batches);
  it.signal = signal;
  return it;
}

/** `head` first, then whatever `rest` still has. */
export function prepend<T>(head: readonly T[], rest: AsyncIterator<T, unknown, undefined>): AsyncGenerator<T, void, undefined> {
  return new Prepended(head, rest);
}
