import type { AppClientDescription } from '../domain/app-client-description';
import type { TokenValidity } from '../domain/token-validity';

/** A Cognito app client's settings (DescribeUserPoolClient). One real implementation: `src/adapters/cognito/`. */
export interface UserPoolClientReader {
  tokenValidity(userPoolId: string, clientId: string): Promise<TokenValidity>;
  /** The whole answer in UpdateUserPoolClient's form (for the stop-gap documents); never the client secret. */
  description(userPoolId: string, clientId: string): Promise<AppClientDescription>;
}
