/** Counts what clients asked for, so tests can assert how many calls a feature made. */
export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  endpoint: string;
  status: number;
  credential?: string;
}

const RECENT = 1000;

export class RequestLog {
  private counts = new Map<string, number>();
  private recent: LoggedRequest[] = [];
  private total = 0;

  record(entry: LoggedRequest): void {
    this.total++;
    this.counts.set(entry.endpoint, (this.counts.get(entry.endpoint) ?? 0) + 1);
    this.recent.push(entry);
    if (this.recent.length > RECENT * 2) this.recent = this.recent.slice(-RECENT);
  }

  snapshot(): { total: number; by_endpoint: Record<string, number>; recent: LoggedRequest[] } {
    return { total: this.total, by_endpoint: Object.fromEntries(this.counts), recent: this.recent.slice(-RECENT) };
  }

  reset(): void {
    this.counts = new Map();
    this.recent = [];
    this.total = 0;
  }
}
