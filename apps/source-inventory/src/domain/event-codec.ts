/**
 * How this domain's events are stored: the event type, and the contract payload as the data,
 * which is exactly what the relay publishes. Pass these as handleCommand's encode and decode.
 */
export interface TypedEvent {
  type: string;
  data: unknown;
}

export function encodeEvent(event: TypedEvent): TypedEvent {
  return { type: event.type, data: event.data };
}

/** Trusts the store: only this service's deciders wrote these streams. */
export function decodeEvent<Event extends TypedEvent>(recorded: TypedEvent): Event {
  return { type: recorded.type, data: recorded.data } as Event;
}
