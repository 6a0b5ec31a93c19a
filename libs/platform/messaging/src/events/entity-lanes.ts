/**
 * Splits one consumer's messages into `count` lanes by entity key: every event of an entity goes
 * to the same lane, in arrival (stream) order, and each lane is worked one batch at a time. So
 * events of one entity never race each other (no out-of-order nak storms), while different
 * entities proceed in parallel. Events without an entity key spread by their id.
 */
export class EntityLanes<T> {
  private readonly queues: T[][];
  private readonly wakers: ((() => void) | undefined)[];
  private readonly spaceWaiters: (() => void)[] = [];
  private readonly bytes: number[];
  private closed = false;

  constructor(
    readonly count: number,
    /**
     * Items and bytes one lane queues at most. What waits here is not acked yet and its ack wait is
     * running, so a lane holds about two batches: a busy lane (one big run) makes the pull loop
     * wait rather than let its queue outlive the ack wait and be redelivered.
     */
    private readonly capacity: { items: number; bytes: number },
    private readonly keyOf: (item: T) => string,
    private readonly bytesOf: (item: T) => number,
  ) {
    this.queues = Array.from({ length: count }, () => []);
    this.bytes = Array.from({ length: count }, () => 0);
    this.wakers = Array.from({ length: count }, () => undefined);
  }

  /** Queues an item; resolves once there is room (the pull loop waits here instead of buffering without bound). */
  async push(item: T): Promise<void> {
    const lane = laneOf(this.keyOf(item), this.count);
    const queue = this.queues[lane] as T[];
    while ((queue.length >= this.capacity.items || (this.bytes[lane] as number) >= this.capacity.bytes) && !this.closed) {
      await new Promise<void>((r) => this.spaceWaiters.push(r));
    }
    queue.push(item);
    this.bytes[lane] = (this.bytes[lane] as number) + this.bytesOf(item);
    this.wakers[lane]?.();
  }

  /** The next items of a lane (at most `max` and about `maxBytes`, at least one), waiting for one; `null` once closed and drained. */
  async take(lane: number, max: number, maxBytes: number): Promise<T[] | null> {
    const queue = this.queues[lane] as T[];
    let waited = false;
    while (queue.length === 0) {
      if (this.closed) return null;
      await new Promise<void>((r) => (this.wakers[lane] = r));
      this.wakers[lane] = undefined;
      waited = true;
    }
    // Woken by the first item of a burst: the pull loop queues the rest of what NATS delivered
    // with it within this turn of the event loop. Taking at once would make a batch of one — a
    // transaction per event whenever the consumer keeps up — so the take waits for that turn's end.
    if (waited && !this.closed) await new Promise<void>((r) => setImmediate(r));
    let n = 0;
    let bytes = 0;
    while (n < queue.length && n < max && (n === 0 || bytes + this.bytesOf(queue[n] as T) <= maxBytes)) bytes += this.bytesOf(queue[n++] as T);
    const items = queue.splice(0, n);
    this.bytes[lane] = (this.bytes[lane] as number) - bytes;
    for (const wake of this.spaceWaiters.splice(0)) wake();
    return items;
  }

  /** No more items: workers drain what is queued, then `take` returns null. */
  close(): void {
    this.closed = true;
    for (const wake of this.wakers) wake?.();
    for (const wake of this.spaceWaiters.splice(0)) wake();
  }
}

/** FNV-1a: stable and cheap; the lane only has to be the same for the same key. */
export function laneOf(key: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % count;
}
