export * from './errors';
export * from './quantity';
export * from './streams';
// Salability and product configuration are shared with the reservations service (libs/salability).
export * from '@inventory/salability';
export * from './product-config.validation';
export * from './product-config.decider';
export * from './aggregate';
export * from './affected-pairs';
export * from './single-source';
export * from './stock.types';
export { stockRegistryDecider, initialStockRegistry } from './stock.decider';
export { evolveRegistry } from './stock.evolve';
export type { StockCommand, StockEvent } from './stock.decider';
export type { LinkInput } from './stock.links';
