/** The time a fake platform believes it is; inject a ManualClock to move time without sleeping. */
export interface FakeClock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: FakeClock = { now: () => Date.now() };

/** A clock that only moves when told to. Default start: 2026-08-20T15:00:00Z (the contract's samples). */
export class ManualClock implements FakeClock {
  private current: number;

  constructor(start: Date | number = Date.UTC(2026, 7, 20, 15, 0, 0)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  /** The same instant as a Date, handy for a connector's `now` setting: `now: () => clock.date()`. */
  date(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(at: Date | number): void {
    this.current = typeof at === 'number' ? at : at.getTime();
  }
}
