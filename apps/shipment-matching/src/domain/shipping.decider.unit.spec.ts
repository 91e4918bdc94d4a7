import { fold } from '@inventory/decider';
import { shippingDecider, type ShippingCommand } from './shipping.decider';

const at = '2026-11-27T10:00:00Z';
const start: ShippingCommand = {
  type: 'start',
  key: 'start:o1',
  order_id: 'o1',
  stock_id: 2,
  lines: [{ sku: 'A', qty: 5 }],
  destination: null,
  algorithm: 'priority',
  plan: {
    shipments: [
      { source_code: 's1', items: [{ sku: 'A', qty: 3 }] },
      { source_code: 's2', items: [{ sku: 'A', qty: 2 }] },
    ],
  },
  at,
};

function given(...commands: ShippingCommand[]) {
  let state = shippingDecider.initialState;
  for (const c of commands) state = fold(shippingDecider, shippingDecider.decide(c, state), state);
  return state;
}
const types = (c: ShippingCommand, state = given()) =>
  shippingDecider.decide(c, state).map((e) => e.type);

describe('shipping decider', () => {
  it('starts once: a ship_from_source per planned source, stable request ids', () => {
    const events = shippingDecider.decide(start, given());
    expect(events.map((e) => e.type)).toEqual([
      'shipping_started',
      'ship_from_source',
      'ship_from_source',
    ]);
    expect(
      events.map((e) => (e.data as { shipment_request_id?: string }).shipment_request_id),
    ).toEqual([undefined, 'o1:1:s1', 'o1:1:s2']);
    expect(types(start, given(start))).toEqual([]);
  });

  it('reports an order unshippable when nothing covers it, and plans nothing when manual', () => {
    expect(types({ ...start, plan: { shipments: [] } })).toEqual([
      'shipping_started',
      'order_unshippable',
    ]);
    expect(types({ ...start, plan: { shipments: [], manual: true } })).toEqual([
      'shipping_started',
    ]);
  });

  it('turns a dispatch into a deduction once, and refuses an unknown request or another source', () => {
    const dispatch: ShippingCommand = {
      type: 'record_dispatch',
      key: 'dispatch:sh1',
      shipment_id: 'sh1',
      shipment_request_id: 'o1:1:s1',
      source_code: 's1',
      items: [{ sku: 'A', qty: 1 }],
      at,
    };
    expect(types(dispatch, given(start))).toEqual(['shipment_dispatched', 'deduct_source_items']);
    expect(types(dispatch, given(start, dispatch))).toEqual([]);
    expect(() =>
      types({ ...dispatch, shipment_id: 'x', shipment_request_id: 'nope' }, given(start)),
    ).toThrow('Shipment request "nope" is not known.');
    expect(() => types({ ...dispatch, shipment_id: 'y', source_code: 's2' }, given(start))).toThrow(
      'was sent to source "s1", not "s2"',
    );
  });

  it('re-plans a failed request once, and releases a shipment once its deduction is settled', () => {
    const dispatch: ShippingCommand = {
      type: 'record_dispatch',
      key: 'dispatch:sh1',
      shipment_id: 'sh1',
      shipment_request_id: 'o1:1:s1',
      source_code: 's1',
      items: [{ sku: 'A', qty: 1 }],
      at,
    };
    const failure: ShippingCommand = {
      type: 'record_failure',
      key: 'failure:o1:1:s1',
      shipment_request_id: 'o1:1:s1',
      reason: 'broken',
      remaining: [{ sku: 'A', qty: 2 }],
      plan: { shipments: [{ source_code: 's3', items: [{ sku: 'A', qty: 2 }] }] },
      at,
    };
    const state = given(start, dispatch);
    const events = shippingDecider.decide(failure, state);
    expect(events.map((e) => e.type)).toEqual(['shipment_request_failed', 'ship_from_source']);
    expect((events[1].data as { shipment_request_id: string }).shipment_request_id).toBe('o1:2:s3');
    const after = given(start, dispatch, failure);
    expect(after.failedSources.has('s1')).toBe(true);
    expect(types(failure, after)).toEqual([]);
    const complete: ShippingCommand = {
      type: 'complete_shipment',
      key: 'c:sh1',
      shipment_id: 'sh1',
      at,
    };
    expect(shippingDecider.decide(complete, after)[0].data).toMatchObject({
      type: 'shipment_created',
      order_id: 'o1',
      stock_id: 2,
      items: [{ sku: 'A', qty: 1 }],
    });
    expect(types(complete, given(start, dispatch, failure, complete))).toEqual([]);
    expect(types({ ...failure, plan: { shipments: [] } }, given(start, dispatch))).toEqual([
      'shipment_request_failed',
      'order_unshippable',
    ]);
  });

  it('ships from the source a platform names (shipment_requested), once per request event', () => {
    const manual = given({ ...start, plan: { shipments: [], manual: true } });
    const request: ShippingCommand = {
      type: 'request_shipment',
      key: 'requested:e1',
      source_code: 's9',
      items: [{ sku: 'A', qty: 5 }],
      at,
    };
    const events = shippingDecider.decide(request, manual);
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({
        type: 'ship_from_source',
        shipment_request_id: 'o1:r1:s9',
        source_code: 's9',
        items: [{ sku: 'A', qty: 5 }],
      }),
    ]);
    expect(() => shippingDecider.decide(request, given())).toThrow('has no reservation to ship');
  });
});
