import type { TokenValidity } from '../domain/token-validity';

/** The token settings of a Cognito app client (DescribeUserPoolClient). One real implementation: `src/adapters/cognito/`. */
export interface UserPoolClientReader {
  tokenValidity(userPoolId: string, clientId: string): Promise<TokenValidity>;
}
