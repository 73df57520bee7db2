import type { CognitoUsage } from '../domain/relogin-report';

/** Cognito's own per-client counts (`AWS/Cognito` metrics). One real implementation: `src/adapters/cloudwatch/`. */
export interface CognitoUsageReader {
  /** Sums over `from <= t < to` (epoch ms). */
  read(scope: { userPoolId: string; clientId: string }, from: number, to: number): Promise<CognitoUsage>;
}
