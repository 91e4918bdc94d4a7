export * from './shipping.types';
export * from './shipping.state';
export * from './shipping.decider';
export * from './streams';
export * from './settings.decider';
