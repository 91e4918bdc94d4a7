export * from './api-key';
export * from './principal';
export * from './jwt-verifier';
export * from './authenticator';
export * from './route-access';
export * from './responses';
export * from './auth-hook';
