/**
 * Three tiers, one run (`npm test`) or one at a time (`npm run test:unit`, `test:integration`, `test:e2e`):
 * - unit: pure logic and use cases over the in-memory fakes of the ports (`test/support/fakes/`);
 *   no Java, no servers, fake timers.
 * - integration: the real adapters against DynamoDB Local and the protocol stand-ins (`test/support/`).
 * - e2e: the whole local stack.
 * Only the last two start DynamoDB Local. The root config holds no global setup: Vitest runs the root's
 * global setup even when only the unit project is selected.
 */
import { defineConfig } from 'vitest/config';

const DYNAMODB_LOCAL = ['test/support/global-setup.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // One module graph for all unit files: about a third of the CPU time of a fresh one per file.
          // Safe while unit tests keep no global state (fakes are passed in, fake timers restored).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // Hostile input against the CLIs and handlers, as an attacker or a careless operator would send
          // it (docs/security.md): loopback servers only, seconds in all.
          name: 'hostile',
          include: ['test/hostile/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: DYNAMODB_LOCAL,
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: DYNAMODB_LOCAL },
      },
    ],
  },
});
