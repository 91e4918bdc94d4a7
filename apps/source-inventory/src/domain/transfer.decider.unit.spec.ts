import { deciderSpec } from '@inventory/decider';
import type { Actor } from '@inventory/contracts';
import type { ValidationFailedError } from './errors';
import { transferDecider } from './transfer.decider';
import type {
  CreateTransfer,
  TransferCommand,
  TransferEvent,
  TransferEventData,
  TransferKind,
  TransferLine,
} from './transfer.types';

const spec = deciderSpec(transferDecider);
const actor: Actor = { type: 'user', id: 'admin' };
const at = '2024-05-01T10:00:00.000Z';
const stamp = { transfer_id: 'T1', actor, occurred_at: at };

const create = (overrides: Partial<CreateTransfer> = {}): TransferCommand => ({
  type: 'create_transfer',
  ...stamp,
  kind: 'staged',
  origin_source_code: 'eu-1',
  destination_source_code: 'us-1',
  items: [
    { sku: 'A', qty: 2 },
    { sku: 'B', qty: '0.5' },
  ],
  ...overrides,
});
const dispatch = (moved?: Array<{ sku: string; qty: number | string }>): TransferCommand => ({
  type: 'dispatch_transfer',
  ...stamp,
  ...(moved ? { moved } : {}),
});
const receive: TransferCommand = { type: 'receive_transfer', ...stamp };
const cancel: TransferCommand = { type: 'cancel_transfer', ...stamp };

const lines: TransferLine[] = [
  { sku: 'A', qty: '2.0000' },
  { sku: 'B', qty: '0.5000' },
];
function data(
  status: TransferEventData['status'],
  items = lines,
  kind: TransferKind = 'staged',
): TransferEventData {
  return {
    transfer_id: 'T1',
    kind,
    status,
    origin_source_code: 'eu-1',
    destination_source_code: 'us-1',
    items,
    actor,
    occurred_at: at,
  };
}
const created: TransferEvent = { type: 'transfer_created', data: data('created') };
const dispatched: TransferEvent = { type: 'transfer_dispatched', data: data('dispatched') };
const received: TransferEvent = { type: 'transfer_received', data: data('received') };
const canceled: TransferEvent = { type: 'transfer_canceled', data: data('canceled') };

describe('transfer decider', () => {
  describe('create_transfer', () => {
    it('records the plan with quantities in 4-place form', () => {
      const state = spec.givenEvents().when(create()).then([created]);
      expect(state).toEqual({
        transfer_id: 'T1',
        kind: 'staged',
        status: 'created',
        origin_source_code: 'eu-1',
        destination_source_code: 'us-1',
        items: lines,
      });
    });

    it('keeps a reference when given', () => {
      spec
        .givenEvents()
        .when(create({ reference: 'RMA-1' }))
        .then([{ type: 'transfer_created', data: { ...data('created'), reference: 'RMA-1' } }]);
    });

    it('refuses a transfer id that exists', () => {
      const error = spec.givenEvents(created).when(create()).thenThrows('TRANSFER_ALREADY_EXISTS');
      expect(error).toMatchObject({ kind: 'conflict', message: 'Transfer "T1" already exists.' });
    });

    it('refuses a transfer from a source to itself, with MSI message', () => {
      const error = spec
        .givenEvents()
        .when(create({ destination_source_code: 'eu-1' }))
        .thenThrows('VALIDATION_FAILED');
      expect(error.message).toBe('Cannot transfer a source on itself');
    });

    it('refuses repeated SKUs, bad quantities and bad SKUs, all at once', () => {
      const error = spec
        .givenEvents()
        .when(
          create({
            items: [
              { sku: 'A', qty: 1 },
              { sku: 'A', qty: 0 },
              { sku: '', qty: '1.00001' },
              { sku: 'C', qty: 'all' },
            ],
          }),
        )
        .thenThrows('VALIDATION_FAILED') as ValidationFailedError;
      expect(error.errors.map((e) => [e.message, e.parameters])).toEqual([
        ['SKU "%sku" appears more than once in "%field".', { sku: 'A', field: 'items' }],
        ['"%field" must be greater than 0.', { field: 'items[1].qty' }],
        ['"%field" can not be empty.', { field: 'items[2].sku' }],
        [
          '"%field" can have at most %decimals decimal places.',
          { field: 'items[2].qty', decimals: 4 },
        ],
        ['"%field" can be "all" only in a bulk transfer.', { field: 'items[3].qty' }],
      ]);
    });

    it('needs between 1 and 1000 lines', () => {
      spec
        .givenEvents()
        .when(create({ items: [] }))
        .thenThrows('VALIDATION_FAILED');
      const many = Array.from({ length: 1001 }, (_, i) => ({ sku: `S${i}`, qty: 1 }));
      spec
        .givenEvents()
        .when(create({ items: many }))
        .thenThrows('VALIDATION_FAILED');
      spec
        .givenEvents()
        .when(create({ items: many.slice(0, 1000) }))
        .then([
          {
            type: 'transfer_created',
            data: data(
              'created',
              many.slice(0, 1000).map((l) => ({ sku: l.sku, qty: '1.0000' })),
            ),
          },
        ]);
    });

    it("takes 'all' on every line of a bulk transfer, and only there", () => {
      const bulk = create({ kind: 'bulk', items: [{ sku: 'A', qty: 'all' }] });
      spec
        .givenEvents()
        .when(bulk)
        .then([
          { type: 'transfer_created', data: data('created', [{ sku: 'A', qty: 'all' }], 'bulk') },
        ]);
      spec
        .givenEvents()
        .when(create({ kind: 'bulk' }))
        .thenThrows('VALIDATION_FAILED');
    });

    it('refuses an unknown kind', () => {
      spec
        .givenEvents()
        .when(create({ kind: 'express' as TransferKind }))
        .thenThrows('VALIDATION_FAILED');
    });
  });

  describe('dispatch, receive, cancel', () => {
    it('go created -> dispatched -> received', () => {
      spec.givenEvents(created).when(dispatch()).then([dispatched]);
      const state = spec.givenEvents(created, dispatched).when(receive).then([received]);
      expect(state?.status).toBe('received');
    });

    it('cancel a transfer before dispatch', () => {
      spec.givenEvents(created).when(cancel).then([canceled]);
    });

    it('decide nothing when repeated', () => {
      spec.givenEvents(created, dispatched).when(dispatch()).thenNothing();
      spec.givenEvents(created, dispatched, received).when(dispatch()).thenNothing();
      spec.givenEvents(created, dispatched, received).when(receive).thenNothing();
      spec.givenEvents(created, canceled).when(cancel).thenNothing();
    });

    it('refuse steps out of order as conflicts with a clear message', () => {
      const cases: Array<[TransferEvent[], TransferCommand, string]> = [
        [
          [created, dispatched],
          cancel,
          'Transfer "T1" is already dispatched and can not be canceled.',
        ],
        [
          [created, dispatched, received],
          cancel,
          'Transfer "T1" is already received and can not be canceled.',
        ],
        [[created], receive, 'Transfer "T1" has not been dispatched and can not be received.'],
        [[created, canceled], dispatch(), 'Transfer "T1" is canceled and can not be dispatched.'],
        [[created, canceled], receive, 'Transfer "T1" is canceled and can not be received.'],
      ];
      for (const [given, when, message] of cases) {
        const error = spec
          .givenEvents(...given)
          .when(when)
          .thenThrows('INVALID_TRANSFER_TRANSITION');
        expect(error).toMatchObject({
          kind: 'conflict',
          message,
          details: { parameters: { transfer_id: 'T1' } },
        });
      }
    });

    it('refuse a transfer that does not exist', () => {
      for (const when of [dispatch(), receive, cancel]) {
        const error = spec.givenEvents().when(when).thenThrows('TRANSFER_NOT_FOUND');
        expect(error.message).toBe('Transfer "T1" does not exist.');
      }
    });
  });

  describe('bulk dispatch', () => {
    const bulkCreated: TransferEvent = {
      type: 'transfer_created',
      data: data(
        'created',
        [
          { sku: 'A', qty: 'all' },
          { sku: 'B', qty: 'all' },
        ],
        'bulk',
      ),
    };

    it('records what the origin items actually gave, in line order', () => {
      const state = spec
        .givenEvents(bulkCreated)
        .when(
          dispatch([
            { sku: 'B', qty: 0 },
            { sku: 'A', qty: '3.5' },
          ]),
        )
        .then([
          {
            type: 'transfer_dispatched',
            data: data(
              'dispatched',
              [
                { sku: 'A', qty: '3.5000' },
                { sku: 'B', qty: '0.0000' },
              ],
              'bulk',
            ),
          },
        ]);
      expect(state?.items).toEqual([
        { sku: 'A', qty: '3.5000' },
        { sku: 'B', qty: '0.0000' },
      ]);
    });

    it('needs every line once, with a non-negative quantity', () => {
      spec.givenEvents(bulkCreated).when(dispatch()).thenThrows('VALIDATION_FAILED');
      spec
        .givenEvents(bulkCreated)
        .when(dispatch([{ sku: 'A', qty: 1 }]))
        .thenThrows('VALIDATION_FAILED');
      spec
        .givenEvents(bulkCreated)
        .when(
          dispatch([
            { sku: 'A', qty: 1 },
            { sku: 'B', qty: -1 },
          ]),
        )
        .thenThrows('VALIDATION_FAILED');
      spec
        .givenEvents(bulkCreated)
        .when(
          dispatch([
            { sku: 'A', qty: 1 },
            { sku: 'B', qty: 1 },
            { sku: 'C', qty: 1 },
          ]),
        )
        .thenThrows('VALIDATION_FAILED');
    });

    it('is refused for other kinds', () => {
      spec
        .givenEvents(created)
        .when(
          dispatch([
            { sku: 'A', qty: 2 },
            { sku: 'B', qty: 0.5 },
          ]),
        )
        .thenThrows('VALIDATION_FAILED');
    });
  });

  it('records a partial transfer as created, dispatched and received', () => {
    const partial = (status: TransferEventData['status']) => data(status, lines, 'partial');
    spec
      .givenEvents()
      .when(create({ kind: 'partial' }))
      .then([{ type: 'transfer_created', data: partial('created') }]);
    spec
      .givenEvents({ type: 'transfer_created', data: partial('created') })
      .when(dispatch())
      .then([{ type: 'transfer_dispatched', data: partial('dispatched') }]);
  });
});
