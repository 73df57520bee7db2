/**
 * The real-data fixtures (GitHub REST answers rebuilt from the argo-cd history, Cognito trigger events
 * and a DescribeUserPoolClient answer), copied from the project's shared fixtures so a clone is complete.
 * Their one copy lives in local/fixtures/: the simulation serves them at run time, the tests read them too.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export type JsonObject = Record<string, unknown>;

export function cognitoFixture(name: string): JsonObject {
  return JSON.parse(readFileSync(`${SHARED_FIXTURES}cognito/${name}.json`, 'utf8')) as JsonObject;
}
