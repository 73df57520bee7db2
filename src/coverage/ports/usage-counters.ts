import type { TriggerSlots } from '../domain/attachment';

/** Hourly sums keyed by the hour's start (epoch ms); an hour without a datapoint is 0. */
export type HourlySeries = ReadonlyMap<number, number>;

/** One app client's counters: Cognito's own and the trigger's RecordFailures. */
export interface ClientCounters {
  signInSuccesses: HourlySeries;
  tokenRefreshSuccesses: HourlySeries;
  recordFailures: HourlySeries;
}

/**
 * Cognito's `SignInSuccesses` and `TokenRefreshSuccesses` and our `RecordFailures` for every client of
 * the pool, hour by hour, in ONE read (GetMetricData). One real implementation: `src/adapters/cloudwatch/`.
 */
export interface UsageCounters {
  read(query: {
    userPoolId: string;
    clientIds: readonly string[];
    /** METRICS_NAMESPACE, where the trigger's RecordFailures are. */
    namespace: string;
    from: number;
    to: number;
  }): Promise<Map<string, ClientCounters>>;
}

/** The pool's trigger slots (DescribeUserPool's LambdaConfig). One real implementation: `src/adapters/cognito/`. */
export interface UserPoolTriggers {
  slots(userPoolId: string): Promise<TriggerSlots>;
}
