/** A bus probe: any service publishes one; every service records that it received it. */
export interface BusProbeSent {
  type: 'bus_probe_sent';
  probe_id: string;
  sent_by: string;
  sent_at: string;
}
