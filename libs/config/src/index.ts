export * from './load-config';
export * from './validators';
export * from './service-config';
export * from './api-keys';
export * from './secrets';
export * from './client-options';
