import { describe, expect, it } from 'vitest';
import { readableText } from '../../../local/stand-ins/block-kit';
import type { ActivityEvent } from '../../../src/relogins';
import { userLabeler } from '../../../src/relogins';
import { lastCompletePeriod } from '../../../src/reports/domain/period';
import { buildPeriodicReport, type PeriodicReport } from '../../../src/reports/domain/periodic-report';
import { reportHtml, reportMarkdown, reportMessage } from '../../../src/reports/domain/report-documents';
import type { UpstreamFindings } from '../../../src/upstream';
import { fixtureClient } from '../../support/app-clients';

const POOL = 'eu-west-1_EXAMPLE';
const HOUR = 3_600_000;
const THIS_MONDAY = Date.parse('2026-11-16T00:00:00Z');
const presentation = { label: userLabeler({ mode: 'username' }), topUsers: 10 };

const upstream: UpstreamFindings = {
  deployedVersion: 'v3.3.14',
  checkedAt: THIS_MONDAY,
  fixes: [
    {
      id: 'argocd-oidc-refresh',
      title: 'Argo CD OIDC refresh tokens',
      merged: true,
      fixedIn: ['v3.4.6', 'v3.5.0'],
      fixedInPrerelease: ['v3.5.0-rc3'],
      deployedHasFix: false,
      upgradeTo: 'v3.4.6',
    },
  ],
};

function report(username: string, reLogins: number): PeriodicReport {
  const start = THIS_MONDAY + 9 * HOUR;
  const base = { userPoolId: POOL, clientId: 'argocd', user: 'sub-1', username, intervalMinutes: null };
  const events: ActivityEvent[] = [
    { ...base, at: start, kind: 'session-start' },
    ...Array.from({ length: reLogins }, (_, index) => ({
      ...base,
      at: start + (index + 1) * HOUR,
      kind: 're-login' as const,
      intervalMinutes: 60,
    })),
  ];
  return buildPeriodicReport({
    userPoolId: POOL,
    period: lastCompletePeriod(Date.parse('2026-11-23T09:00:00Z'), 'week', 'UTC'),
    clients: [
      {
        clientId: 'argocd',
        events,
        client: fixtureClient({ ClientId: 'argocd', UserPoolId: POOL }),
        cognito: { current: null, previous: null },
        stretchedSince: null,
      },
    ],
    upstream,
    heavyReLogins: 3,
    minutesPerReLogin: 0.5,
    proposedValidityHours: 8,
    sessionHours: 24,
  });
}

describe('Module: report documents', () => {
  it('should say in Slack what the period was, the figures, heavy users, upstream and advice', () => {
    const message = reportMessage(report('ann', 6), presentation);
    const text = readableText(message.blocks);
    expect(message.text).toBe(
      'Argo CD sign-ins, week of Mon, 16 Nov 2026 (UTC): 6 re-logins among 1 active user; 0 refreshes seen by the trigger; week of Mon, 9 Nov 2026 for comparison.',
    );
    expect(text).toMatch(/Re-logins\s+6\s+0\s+\+6 \(new\)/);
    expect(text).toContain('• ann: 6 re-logins, heavy on 1 day, median every 1 h');
    expect(text).toContain(
      '• Argo CD OIDC refresh tokens: released in v3.4.6, v3.5.0; deployed v3.3.14 does not have it: upgrade to v3.4.6.',
    );
    expect(text).toContain('*App client `argocd`*: ID 1 h · access 1 h · refresh 30 d');
    expect(text).toContain('*Upgrade Argo CD (the real fix)*');
    expect(text).toContain('The chart follows in the thread');
  });

  it('should escape user data so it cannot ping or link in Slack', () => {
    const text = readableText(reportMessage(report('<!channel> <https://evil|x>', 4), presentation).blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt; &lt;https://evil|x&gt;: 4 re-logins');
  });

  it('should write Markdown with the figures table and the chart beside it', () => {
    const markdown = reportMarkdown(report('ann', 6), presentation, 'relogins.png');
    expect(markdown).toContain('# Argo CD sign-ins, week of Mon, 16 Nov 2026 (UTC)');
    expect(markdown).toContain('| Re-logins | 6 | 0 | +6 (new) |');
    expect(markdown).toContain('![Re-logins and refreshes per day](relogins.png)');
    expect(markdown).toContain('- ann: 6 re-logins');
    expect(reportMarkdown(report('ann', 6), presentation, null)).toContain('_The chart could not be made._');
  });

  it('should make a self-contained HTML page: the chart inline, no external request, user data escaped', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const html = reportHtml(report('<script>alert(1)</script>', 6), presentation, png);
    expect(html).toContain('src="data:image/png;base64,iVBORw=="');
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import|url\(/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;: 6 re-logins');
    expect(html).toContain('<td>6</td><td>0</td><td>+6 (new)</td>');
  });
});
