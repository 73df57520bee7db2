/**
 * `simulate --scenario existing-trigger` on the local stack: cognito-local with the team's own Pre Token
 * Generation function adding a `groups` claim (V1 claim overrides), the project's attach step and chained
 * trigger, DynamoDB Local.
 */
import { describe, expect, inject, it } from 'vitest';
import { runExistingTriggerScenario } from '../../../local/simulation/existing-trigger';

describe('Scenario: existing-trigger', () => {
  it('should refuse the default attach, chain keeping the groups claim, record everything and restore on removal', {
    timeout: 120_000,
  }, async () => {
    const lines: string[] = [];
    const result = await runExistingTriggerScenario({
      users: 2,
      dynamoDbEndpoint: inject('dynamoDbEndpoint'),
      onLine: (line) => lines.push(line),
    });
    expect(result.defaultAttach).toEqual({ decision: 'refuse', lambdaConfigUnchanged: true });
    expect(result.chain).toEqual({
      tokens: 4,
      tokensWithTeamClaims: 4,
      recorded: 4,
      signIns: 2,
      refreshes: 2,
    });
    expect(result.removal).toEqual({ restored: true });
    expect(result.doctor).toContainEqual(
      expect.stringMatching(/^ok {3}our trigger: attached as Pre Token Generation V1_0/),
    );
    expect(lines.some((line) => line.includes('doctor: ok   pool:'))).toBe(true);
  });
});
