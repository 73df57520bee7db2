/** UserPoolTriggers on Cognito's DescribeUserPool: the LambdaConfig slots the monitor can sit in. */
import {
  type CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { TriggerSlots, UserPoolTriggers } from '../../coverage';

export class CognitoUserPoolTriggers implements UserPoolTriggers {
  constructor(private readonly client: CognitoIdentityProviderClient) {}

  async slots(userPoolId: string): Promise<TriggerSlots> {
    const { UserPool } = await this.client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
    const config = UserPool?.LambdaConfig ?? {};
    const preTokenGeneration = config.PreTokenGenerationConfig?.LambdaArn ?? config.PreTokenGeneration;
    return {
      ...(preTokenGeneration ? { preTokenGeneration } : {}),
      ...(config.PostAuthentication ? { postAuthentication: config.PostAuthentication } : {}),
    };
  }
}
