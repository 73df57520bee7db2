/**
 * Cognito Pre Token Generation (V1/V2/V3) and Post Authentication trigger for Argo CD sign-ins.
 * Records the sign-in and always returns the event unchanged.
 */
import { cognitoTrigger } from '../../src/shared/lambda-startup';
import { handleAuthTrigger } from '../../src/sign-ins';
import { startAuthTrigger, warmUp } from './deps';

const { startup, telemetry } = await startAuthTrigger(process.env);
await warmUp(startup);

export const handler = cognitoTrigger(telemetry, startup, handleAuthTrigger);
