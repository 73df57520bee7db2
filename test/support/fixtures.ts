/** Read-only access to the shared real-data fixtures (`../shared/fixtures` beside the project). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));

export type JsonObject = Record<string, unknown>;

export function cognitoFixture(name: string): JsonObject {
  return JSON.parse(readFileSync(`${SHARED_FIXTURES}cognito/${name}.json`, 'utf8')) as JsonObject;
}
