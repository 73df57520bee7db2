import { describe, expect, it } from 'vitest';
import { userLabeler } from '../../../src/relogins/domain/report-identity';

const ann = { user: '7d3c1a52-0000-4000-8000-000000000001', username: 'ann', email: 'ann@example.com' };

describe('Function: userLabeler', () => {
  it('should show the email or the user name when asked to', () => {
    expect(userLabeler({ mode: 'email' })(ann)).toBe('ann@example.com');
    expect(userLabeler({ mode: 'email' })({ user: 'x', username: 'no-mail' })).toBe('no-mail');
    expect(userLabeler({ mode: 'username' })(ann)).toBe('ann');
  });

  it('should show a stable keyed hash that reveals neither the id nor the name', () => {
    // Act
    const label = userLabeler({ mode: 'hashed', key: 'k1' });
    const otherKey = userLabeler({ mode: 'hashed', key: 'k2' });

    // Assess
    expect(label(ann)).toMatch(/^user-[0-9a-f]{10}$/);
    expect(label(ann)).toBe(label({ ...ann, username: 'renamed' }));
    expect(label(ann)).not.toBe(otherKey(ann));
    expect(label(ann)).not.toContain('ann');
  });
});
