import { streamNameOf } from '@inventory/kernel';

export const STREAM_CATEGORIES = { order: 'shiporder', settings: 'shipsettings' } as const;

/** Everything about shipping one order, in order: plans, dispatches, failures, outcomes. */
export const shippingStream = (orderId: string) => streamNameOf(STREAM_CATEGORIES.order, orderId);

/** The stock's shipping settings (default algorithm). */
export const settingsStream = (stockId: number) =>
  streamNameOf(STREAM_CATEGORIES.settings, stockId);
