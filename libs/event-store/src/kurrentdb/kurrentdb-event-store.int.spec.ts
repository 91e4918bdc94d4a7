import { describeEventStoreContract } from '../testing/event-store-contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/**
 * There is no KurrentDB server on the development machines, so this suite runs only where one
 * is configured, e.g. KURRENTDB_CONNECTION_STRING=kurrentdb://127.0.0.1:2113?tls=false.
 * Every contract test writes to categories of its own, so a shared server is fine.
 */
const connectionString = process.env.KURRENTDB_CONNECTION_STRING;
// Multi-stream appends need KurrentDB 25.1+; set KURRENTDB_MULTI_STREAM_APPEND=false for older.
const multiStreamAppend = process.env.KURRENTDB_MULTI_STREAM_APPEND !== 'false';

if (connectionString) {
  describeEventStoreContract(
    'KurrentDbEventStore',
    async () => ({
      store: await KurrentDbEventStore.connect(connectionString, { multiStreamAppend }),
    }),
    { multiStreamAppend },
  );
} else {
  describe('KurrentDbEventStore', () => {
    it('KurrentDB contract suite skipped: KURRENTDB_CONNECTION_STRING is not set', () => {
      console.warn(
        'KurrentDB contract suite skipped: KURRENTDB_CONNECTION_STRING is not set ' +
          '(e.g. kurrentdb://127.0.0.1:2113?tls=false); see docs/event-store.md',
      );
      expect(connectionString).toBeUndefined();
    });
  });
}
