/**
 * The deploy's attach step as a CloudFormation custom resource: plans against the live pool, applies
 * the plan or fails the deploy with its reasons, restores the pool on removal (src/adoption).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { sendCustomResourceAnswer } from '../../src/adapters/cloudformation/custom-resource-response';
import { CognitoUserPoolAdmin } from '../../src/adapters/cognito/user-pool-admin';
import { type AttachmentOutcome, handleAttachmentRequest, type UserPoolAdmin } from '../../src/adoption';
import { createLogger, errorDetails } from '../../src/shared/telemetry';

type Send = typeof sendCustomResourceAnswer;

export async function answerAttachmentRequest(
  admin: UserPoolAdmin,
  event: CloudFormationCustomResourceEvent,
): Promise<AttachmentOutcome> {
  try {
    return await handleAttachmentRequest(admin, {
      requestType: event.RequestType,
      ...('PhysicalResourceId' in event ? { physicalResourceId: event.PhysicalResourceId } : {}),
      properties: event.ResourceProperties as Record<string, unknown>,
    });
  } catch (error) {
    return {
      status: 'FAILED',
      physicalResourceId:
        'PhysicalResourceId' in event ? event.PhysicalResourceId : 'relogin-monitor-attachment:none',
      reason: `The attach step could not finish (${(error as Error).name}: ${(error as Error).message}); if it had sent its UpdateUserPool, the pool holds the plan's LambdaConfig`,
    };
  }
}

export function createPoolAttachHandler(
  admin: UserPoolAdmin = new CognitoUserPoolAdmin(new CognitoIdentityProviderClient({})),
  send: Send = sendCustomResourceAnswer,
  logger: Pick<Logger, 'info' | 'error'> = createLogger(),
) {
  return async (event: CloudFormationCustomResourceEvent): Promise<void> => {
    const outcome = await answerAttachmentRequest(admin, event);
    logger.info('attach step', {
      requestType: event.RequestType,
      status: outcome.status,
      reason: outcome.reason,
    });
    try {
      await send(event, outcome);
    } catch (error) {
      logger.error('could not answer CloudFormation', { error: errorDetails(error) });
      throw error;
    }
  };
}
