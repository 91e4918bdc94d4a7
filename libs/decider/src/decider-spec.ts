import { AssertionError, deepStrictEqual } from 'assert';
import { fold, type Decider } from './decider';
import { isDomainError, type DomainError } from './domain-error';

/**
 * Given/when/then for deciders, usable in any test runner (failures are AssertionErrors, which
 * jest prints with a diff):
 *
 *   const spec = deciderSpec(stockLedger);
 *   spec.givenEvents(received(5)).when(reserve(3)).then([reserved(3)]);
 *   spec.givenEvents().when(reserve(1)).thenThrows('INSUFFICIENT_STOCK');
 */
export function deciderSpec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    givenEvents: (...given: Event[]) => ({
      when: (command: Command) => new DeciderExpectation(decider, given, command),
    }),
  };
}

type Outcome<Event> = { events: Event[] } | { error: unknown };

export class DeciderExpectation<Command, Event, State> {
  constructor(
    private readonly decider: Decider<Command, Event, State>,
    private readonly given: Event[],
    private readonly command: Command,
  ) {}

  /** Asserts the decided events (deep, strict equality); returns the state after them. */
  then(expected: Event[]): State {
    // Not a promise: awaiting an expectation would pass `resolve` in here.
    if (typeof expected === 'function') throw new TypeError('DeciderExpectation is not awaitable');
    const state = fold(this.decider, this.given);
    const outcome = this.run(state);
    if ('error' in outcome) {
      throw new AssertionError({
        message: `expected events, but decide threw ${describeError(outcome.error)}`,
      });
    }
    deepStrictEqual(outcome.events, expected);
    return fold(this.decider, outcome.events, state);
  }

  /** Asserts that decide threw a DomainError with this code; returns it for further checks. */
  thenThrows(code: string): DomainError {
    const outcome = this.run(fold(this.decider, this.given));
    if (!('error' in outcome)) {
      throw new AssertionError({
        message: `expected ${code}, but decide returned ${JSON.stringify(outcome.events)}`,
      });
    }
    if (!isDomainError(outcome.error)) {
      throw new AssertionError({
        message: `expected ${code}, but decide threw ${describeError(outcome.error)}`,
      });
    }
    if (outcome.error.code !== code) {
      throw new AssertionError({
        message: `expected ${code}, but decide threw ${describeError(outcome.error)}`,
        actual: outcome.error.code,
        expected: code,
        operator: 'strictEqual',
      });
    }
    return outcome.error;
  }

  /** Asserts that the command changes nothing (an idempotent repeat, for example). */
  thenNothing(): State {
    return this.then([]);
  }

  private run(state: State): Outcome<Event> {
    try {
      return { events: this.decider.decide(this.command, state) };
    } catch (error) {
      return { error };
    }
  }
}

function describeError(error: unknown): string {
  if (isDomainError(error)) return `${error.name} ${error.code}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
