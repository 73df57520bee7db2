/**
 * Cognito Pre Token Generation (V1/V2/V3) and Post Authentication trigger for Argo CD sign-ins.
 * Appends the sign-in to the log and always returns the event unchanged.
 */
import { cognitoTrigger } from '../../src/shared/lambda-startup';
import { handleAuthTrigger } from '../../src/sign-ins';
import { startAuthTrigger, warmUp } from './deps';

const start = await startAuthTrigger(process.env);
await warmUp(start);

export const handler = cognitoTrigger(start.telemetry, start.startup, handleAuthTrigger);
