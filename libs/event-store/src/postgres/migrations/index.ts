import { createEventTables } from './001_create_event_tables';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** In version order; append new migrations at the end. */
export const MIGRATIONS: readonly Migration[] = [createEventTables];
