export * from './redis-ops';
export * from './projection';
export * from './projection-runner';
export * from './dump';
export * from './rebuild-cli';
export * from './bench/replay.bench';
export * from './postgres/pg-projection';
export * from './postgres/pg-projection-runner';
