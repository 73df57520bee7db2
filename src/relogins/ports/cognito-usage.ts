import type { CognitoUsage } from '../domain/relogin-assessment';

/** Cognito's own per-client counts (`AWS/Cognito` metrics). One real implementation: `src/adapters/cloudwatch/`. */
export interface CognitoUsageReader {
  /**
   * Sums over CloudWatch's periods from `from` (inclusive) to `to` (exclusive), epoch ms: the same span as
   * the report window `from < at <= to` of the re-login check, but the bounds are CloudWatch's
   * (StartTime inclusive, EndTime exclusive, counted per datapoint, not per event), so a sign-in exactly
   * at a bound can fall on the other side in one view than in the other.
   */
  read(scope: { userPoolId: string; clientId: string }, from: number, to: number): Promise<CognitoUsage>;
}
