import type { AppClientSettings } from '../domain/app-client-settings';
import type { TokenValidity } from '../domain/token-validity';

/** A Cognito app client's settings (DescribeUserPoolClient). One real implementation: `src/adapters/cognito/`. */
export interface UserPoolClientReader {
  tokenValidity(userPoolId: string, clientId: string): Promise<TokenValidity>;
  /** The whole answer in UpdateUserPoolClient's form (for the stop-gap documents); never the client secret. */
  settings(userPoolId: string, clientId: string): Promise<AppClientSettings>;
}
