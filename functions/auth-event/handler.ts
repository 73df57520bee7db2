/**
 * Cognito Pre Token Generation (V1/V2/V3) and Post Authentication trigger for Argo CD sign-ins.
 * Appends the sign-in to the log and always returns the event unchanged.
 */
import { createAuthTriggerHandler } from './deps';

export const handler = await createAuthTriggerHandler(process.env);
