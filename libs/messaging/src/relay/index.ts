export * from './outbox-relay';
export * from './relay-checkpoints';
export * from './relay-message';
