import { expect } from '@jest/globals';

/**
 * Given/when/then specifications for Emmett-style deciders:
 *
 *   DeciderSpec.for(promotionDecider)
 *     .given([proposed, verified])
 *     .when(approveAsCommittee)
 *     .then([committeeApproved]);
 *
 * `given` events are folded with `evolve` from `initialState()`; `when` runs `decide`.
 */
export interface SpecDecider<TCommand, TState, TEvent> {
  decide(command: TCommand, state: TState): TEvent[];
  evolve(state: TState, event: TEvent): TState;
  initialState(): TState;
}

/** What a refusal must look like; `code` is the error's stable code (`error.code`). */
export interface ExpectedRefusal {
  code: string;
  reason?: string;
  message?: string | RegExp;
  details?: unknown;
}

type Outcome<TEvent> = { ok: true; events: TEvent[] } | { ok: false; error: unknown };

export class DeciderThen<TCommand, TState, TEvent> {
  constructor(
    private readonly decider: SpecDecider<TCommand, TState, TEvent>,
    private readonly history: readonly TEvent[],
    private readonly command: TCommand,
    private readonly initial?: TState,
  ) {}

  /** The state the command is decided against. */
  get state(): TState {
    return this.history.reduce((state, event) => this.decider.evolve(state, event), this.initial ?? this.decider.initialState());
  }

  private run(): Outcome<TEvent> {
    const state = this.state;
    try {
      return { ok: true, events: this.decider.decide(this.command, state) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  private events(): TEvent[] {
    const outcome = this.run();
    if (!outcome.ok) {
      const e = outcome.error as { code?: string; message?: string };
      throw new Error(`Expected events, but decide threw ${e?.code ?? ''} ${e?.message ?? String(outcome.error)}`);
    }
    return outcome.events;
  }

  /** The command produces exactly these events. Returns them. */
  then(expected: readonly TEvent[]): TEvent[] {
    const events = this.events();
    expect(events).toEqual(expected);
    return events;
  }

  /** The command produces events that pass the given assertions. Returns them. */
  thenEvents(assert: (events: TEvent[]) => void): TEvent[] {
    const events = this.events();
    assert(events);
    return events;
  }

  /** The command produces no events (an idempotent no-op). */
  thenNothing(): void {
    expect(this.events()).toEqual([]);
  }

  /** Folds the produced events onto the given state and checks the result. */
  thenState(assert: (state: TState) => void): TState {
    const state = this.events().reduce((s, e) => this.decider.evolve(s, e), this.state);
    assert(state);
    return state;
  }

  /** The command is refused with this error code (and reason, message, details when given). Returns the error. */
  thenThrows(expected: string | ExpectedRefusal, reason?: string): Error & { code: string; reason?: string; details?: unknown } {
    const want: ExpectedRefusal = typeof expected === 'string' ? { code: expected, reason } : expected;
    const outcome = this.run();
    if (outcome.ok) {
      throw new Error(`Expected a ${want.code} refusal, but decide returned ${JSON.stringify(outcome.events)}`);
    }
    const error = outcome.error as Error & { code: string; reason?: string; details?: unknown };
    expect(error).toBeInstanceOf(Error);
    expect({ code: error.code, message: error.message }).toEqual({ code: want.code, message: error.message });
    if (want.reason !== undefined) expect(error.reason).toBe(want.reason);
    if (want.message !== undefined) expect(error.message).toMatch(want.message);
    if (want.details !== undefined) expect(error.details).toEqual(want.details);
    return error;
  }
}

export class DeciderGiven<TCommand, TState, TEvent> {
  constructor(
    private readonly decider: SpecDecider<TCommand, TState, TEvent>,
    private readonly history: readonly TEvent[],
    private readonly initial?: TState,
  ) {}

  when(command: TCommand): DeciderThen<TCommand, TState, TEvent> {
    return new DeciderThen(this.decider, this.history, command, this.initial);
  }
}

export class DeciderSpec<TCommand, TState, TEvent> {
  private constructor(private readonly decider: SpecDecider<TCommand, TState, TEvent>) {}

  static for<TCommand, TState, TEvent>(decider: SpecDecider<TCommand, TState, TEvent>): DeciderSpec<TCommand, TState, TEvent> {
    return new DeciderSpec(decider);
  }

  /** Past events of the stream; `initial` replaces `initialState()` when the seed depends on context. */
  given(events: readonly TEvent[] = [], initial?: TState): DeciderGiven<TCommand, TState, TEvent> {
    return new DeciderGiven(this.decider, events, initial);
  }

  /** A command on an empty stream. */
  when(command: TCommand): DeciderThen<TCommand, TState, TEvent> {
    return this.given([]).when(command);
  }
}
