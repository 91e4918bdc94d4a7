export * from './load-config';
export * from './validators';
export * from './service-config';
