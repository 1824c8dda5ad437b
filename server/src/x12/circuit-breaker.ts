/**
 * A consecutive-failure circuit breaker: after `threshold` failures in a row it opens for `resetMs`,
 * then lets one trial call through (half-open); a success closes it, a failure opens it again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly threshold: number,
    private readonly resetMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): 'CLOSED' | 'OPEN' | 'HALF_OPEN' {
    if (this.openedAt === null) return 'CLOSED';
    return this.now() - this.openedAt >= this.resetMs ? 'HALF_OPEN' : 'OPEN';
  }

  /** Whether a call may go out now; in HALF_OPEN only one trial at a time. */
  tryAcquire(): boolean {
    const s = this.state;
    if (s === 'CLOSED') return true;
    if (s === 'OPEN' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.openedAt !== null || this.failures >= this.threshold) this.openedAt = this.now();
  }
}
