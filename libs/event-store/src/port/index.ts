export * from './checkpoint';
export * from './errors';
export * from './event-store';
export * from './events';
export * from './expected-version';
export * from './stream-name';
export { MAX_READ_LIMIT } from './validate';
