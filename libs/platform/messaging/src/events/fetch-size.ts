/**
 * How many messages the next pull asks for: as many as fit in `budgetBytes` at the average size
 * seen so far (a moving average, so a stream whose messages grow is followed), between 1 and
 * `maxMessages`. Small events are pulled a batch at a time; pages of records a few at a time.
 */
export class FetchSize {
  private averageBytes = 0;

  constructor(
    private readonly budgetBytes: number,
    private readonly maxMessages: number,
  ) {}

  saw(bytes: number): void {
    this.averageBytes = this.averageBytes === 0 ? bytes : this.averageBytes * 0.95 + bytes * 0.05;
  }

  next(): number {
    if (this.averageBytes === 0) return Math.min(this.maxMessages, 100);
    return Math.max(1, Math.min(this.maxMessages, Math.floor(this.budgetBytes / this.averageBytes)));
  }
}
