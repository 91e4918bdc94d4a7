export * from './services';
export * from './topics';
export * from './routes';
export * from './envelope';
export * from './diagnostics';
export * from './source-inventory';
export * from './route-scopes';
