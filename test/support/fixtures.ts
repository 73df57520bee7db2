/** Read-only access to the shared real-data fixtures (`../shared/fixtures` beside the project). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));

export function cognitoFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${SHARED_FIXTURES}cognito/${name}.json`, 'utf8')) as T;
}
