import type { Decider } from '@inventory/decider';

export interface ShippingSettings {
  /** The source selection algorithm orders of the stock are planned with. */
  algorithm_code: string;
  /** Plan on `order_inventory_reserved`; off, the commerce platform sends `shipment_requested`. */
  auto_plan: boolean;
}

export interface SettingsSaved {
  type: 'shipping_settings_saved';
  data: ShippingSettings & { stock_id: number; occurred_at: string };
}

export type SaveSettings = ShippingSettings & { stock_id: number; at: string };

/** A stock's shipping settings; `null` until saved (the service's default applies). */
export const settingsDecider: Decider<SaveSettings, SettingsSaved, ShippingSettings | null> = {
  decide: (c, state) =>
    state?.algorithm_code === c.algorithm_code && state.auto_plan === c.auto_plan
      ? []
      : [
          {
            type: 'shipping_settings_saved',
            data: {
              stock_id: c.stock_id,
              algorithm_code: c.algorithm_code,
              auto_plan: c.auto_plan,
              occurred_at: c.at,
            },
          },
        ],
  evolve: (_state, e) => ({ algorithm_code: e.data.algorithm_code, auto_plan: e.data.auto_plan }),
  initialState: null,
};
