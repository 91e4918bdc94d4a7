/**
 * Pure pieces shared by the services' domains (no NestJS, no I/O): exact 4-decimal quantities and
 * Magento-style domain errors. Apps never import each other, so what both need lives here.
 */
export * from './msi-errors';
export * from './quantity';
export * from './stream-names';
