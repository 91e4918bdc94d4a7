import { afterAll, beforeAll, describe } from '@jest/globals';
import type { EventStore } from '../port/event-store';
import { appendContract } from './contract/append.contract';
import { backlogContract } from './contract/backlog.contract';
import { concurrencyContract } from './contract/concurrency.contract';
import { expectedVersionContract } from './contract/expected-version.contract';
import { collectAll, type ContractContext, type ContractHooks } from './contract/helpers';
import { idempotencyContract } from './contract/idempotency.contract';
import { loadContract } from './contract/load.contract';
import { multiStreamAppendContract } from './contract/multi-stream-append.contract';
import { readAllContract } from './contract/read-all.contract';

export type { ContractHooks, OpenAppendHandle } from './contract/helpers';

export interface EventStoreContractSubject {
  store: EventStore;
  /** Runs after the suite, after store.close(): drop schemas, end pools. */
  dispose?(): Promise<void>;
}

/**
 * The behaviour every EventStore adapter must share, as one jest suite. Call it at the top
 * level of an adapter's spec file; `factory` runs once, in beforeAll.
 */
export function describeEventStoreContract(
  name: string,
  factory: () => Promise<EventStoreContractSubject>,
  hooks: ContractHooks = {},
): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: EventStoreContractSubject | undefined;
    const context: ContractContext = {
      hooks,
      store: () => {
        if (!subject) throw new Error('the contract subject was not created (see beforeAll)');
        return subject.store;
      },
      collect: (categories, count, options) =>
        collectAll(context.store(), categories, count, {
          ...options,
          diagnoseStall: hooks.diagnoseStall,
        }),
    };

    beforeAll(async () => {
      subject = await factory();
    }, 30_000);

    afterAll(async () => {
      if (!subject) return;
      await subject.store.close();
      await subject.dispose?.();
    });

    appendContract(context);
    expectedVersionContract(context);
    idempotencyContract(context);
    concurrencyContract(context);
    readAllContract(context);
    loadContract(context);
    multiStreamAppendContract(context);
    backlogContract(context);
  });
}
