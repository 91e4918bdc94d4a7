export * from './logger';
export * from './metrics';
export * from './scraped-gauge';
export * from './http-metrics';
export * from './access-log';
export * from './nest-logger';
