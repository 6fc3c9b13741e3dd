/**
 * Counts what an auth test sent and what it was answered, for the figures in
 * docs/reliability.md.
 */
export class RequestTally {
  private readonly operations = new Set<string>();
  private readonly statuses = new Map<number, number>();
  private requests = 0;
  private setupRequests = 0;

  constructor(private readonly title: string) {}

  /** One request the test asserts on. */
  record(operation: string, status: number): void {
    this.operations.add(operation);
    this.requests += 1;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  /** One request that only prepared what an asserted request needs. */
  recordSetup(): void {
    this.setupRequests += 1;
  }

  /** The tally as a few lines of text. */
  summary(): string {
    const statuses = [...this.statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}: ${count}`)
      .join(', ');
    return [
      `${this.title}`,
      `  operations covered: ${this.operations.size}`,
      `  requests asserted: ${this.requests} (${statuses})`,
      `  setup requests: ${this.setupRequests}`,
    ].join('\n');
  }
}
