export * from './tokens';
export * from './redis-keys';
export * from './shutdown-state';
export * from './health.indicators';
export * from './validation';
export * from './core.module';
export * from './bootstrap';
