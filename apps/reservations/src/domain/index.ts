export * from './streams';
export * from './ledger';
export * from './order';
export * from './drift';
