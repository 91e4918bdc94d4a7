/**
 * MSI salability, shared by the services that answer or decide it (stock-aggregation reads,
 * reservations decisions): product inventory configuration, the effective configuration, the
 * one `salability` function with MSI's error codes, and the Redis stock-level layout both read.
 * Pure (no NestJS, no I/O).
 */
export * from './product-config.types';
export * from './effective-config';
export * from './salability-errors';
export * from './salability';
export { correctQtyError, isMultipleOf } from './requested-qty';
export * from './stock-level';
