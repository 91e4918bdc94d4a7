export * from './wait-for';
export * from './ports';
export * from './test-env';
export * from './service-process';
export * from './redis-server';
export * from './credentials';
