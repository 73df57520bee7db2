/**
 * Cognito Pre Token Generation (V1/V2/V3) and Post Authentication trigger for Argo CD sign-ins.
 * Appends the sign-in to the log and always returns the event unchanged.
 */
import type { PostAuthenticationTriggerEvent, PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { handleAuthTrigger } from '../../src/sign-ins';
import { startAuthTrigger, warmUp } from './deps';

const start = startAuthTrigger(process.env);
await warmUp(start);

export async function handler<E extends PreTokenGenerationTriggerEvent | PostAuthenticationTriggerEvent>(
  event: E,
): Promise<E> {
  return handleAuthTrigger(start.startup, start.telemetry, event);
}
