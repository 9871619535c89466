import type { PortLike } from '../../../lib/messaging/port';

/** One end of a fake runtime.Port: posts reach the other end in a later task, as in the browser. */
export interface FakePortEnd extends PortLike {
  connected: boolean;
  posted: unknown[];
}

/** Two connected ends; disconnecting one fires onDisconnect at the other only, as the browser does. */
export function portPair(name: string, sender?: unknown): { client: FakePortEnd; server: FakePortEnd } {
  const make = (): FakePortEnd & { deliver(m: unknown): void; hangUp(): void } => {
    const onMessage: Array<(m: unknown) => void> = [];
    const onDisconnect: Array<() => void> = [];
    return {
      name,
      connected: true,
      posted: [],
      postMessage(m) {
        if (!this.connected) throw new Error('Attempting to use a disconnected port object');
        this.posted.push(m);
        const to = other(this);
        setTimeout(() => to.connected && to.deliver(structuredClone(m)));
      },
      disconnect() {
        if (!this.connected) return;
        this.connected = false;
        other(this).hangUp();
      },
      onMessage: { addListener: (l) => void onMessage.push(l) },
      onDisconnect: { addListener: (l) => void onDisconnect.push(l) },
      deliver: (m) => onMessage.forEach((l) => l(m)),
      hangUp() {
        this.connected = false;
        setTimeout(() => onDisconnect.forEach((l) => l()));
      },
    };
  };
  const client = make();
  const server = Object.assign(make(), { sender });
  const other = (end: unknown) => (end === client ? server : client);
  return { client, server };
}
