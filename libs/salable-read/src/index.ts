/**
 * The salability read path shared by stock-aggregation and the gateway: a reader over the Redis
 * read models, its in-process cache, and the two hot routes.
 */
export * from './salable-reader';
export * from './salable-cache';
export * from './fast-salable.routes';
export * from './open-api';
