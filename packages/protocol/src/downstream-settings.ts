// The settings every sender towards the next stage has (collector, gateway push, every relay stage): one set
// of bounds, so a window, a stream count or a stream lifetime means the same in every config section.
import { z } from '@sluice/service-kit';

/** Defaults of one sender: the window differs per stage (what its batches cost downstream). */
export interface DownstreamDefaults {
  maxInFlightItems: number;
  streamDeadlineSeconds?: number;
}

/** The three fields, for a section that names them with a prefix (the gateway's push_*). */
export const downstreamFields = {
  /** Window of unacknowledged items towards the next stage, per upstream stream (flow control). */
  maxInFlightItems: (items: number) => z.number().int().min(1).default(items),
  /** Streams to the next stage per upstream stream; more than 1 spreads work over its replicas (round_robin). */
  streams: () => z.number().int().min(1).max(64).default(1),
  /** Lifetime of one downstream stream (the deadline every gRPC call needs); the sender reconnects and resends
   *  unacknowledged batches. */
  streamDeadlineSeconds: (seconds: number) => z.number().int().min(10).default(seconds),
};

/** `max_in_flight_items`, `downstream_streams`, `stream_deadline_seconds`: spread into a section's schema. */
export function downstreamSettings(defaults: DownstreamDefaults) {
  return {
    max_in_flight_items: downstreamFields.maxInFlightItems(defaults.maxInFlightItems),
    downstream_streams: downstreamFields.streams(),
    stream_deadline_seconds: downstreamFields.streamDeadlineSeconds(defaults.streamDeadlineSeconds ?? 3600),
  };
}

export interface DownstreamSettings {
  max_in_flight_items: number;
  downstream_streams: number;
  stream_deadline_seconds: number;
}
