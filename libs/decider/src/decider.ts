/**
 * A decider is the whole decision logic of one stream type as plain functions: no I/O, no
 * clock (time arrives in the command), no framework. `decide` returns the events a command
 * causes in the given state, or throws a DomainError; `evolve` applies one event to a state.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
}

/** Replays events onto a state (by default the initial one). */
export function fold<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: Iterable<Event>,
  state: State = decider.initialState,
): State {
  let current = state;
  for (const event of events) current = decider.evolve(current, event);
  return current;
}
