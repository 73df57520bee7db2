/**
 * Every sentence people read, in English: the source the Japanese catalog (ja.ts) must match key for key
 * (`Catalog` is this object's type, so a key missing from either fails tsc). Figures arrive already
 * formatted (format.ts); identifiers, settings and commands are passed through as they are.
 */

/** "1 user", "3 users". */
function plural(count: string | number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${Number(String(count).replace(/,/g, '')) === 1 ? singular : pluralForm}`;
}

export const en = {
  chart: {
    title: 'Re-logins and refreshes per day',
    subtitle: (timeZone: string) => `${timeZone} days`,
    reLogins: 'Re-logins',
    refreshes: 'Refreshes',
    activeUsers: 'Active users',
    countsAxis: 're-logins, refreshes',
    usersAxis: 'active users',
  },
  report: {
    title: (period: string, timeZone: string) => `Argo CD sign-ins, ${period} (${timeZone})`,
    weekOf: (day: string) => `week of ${day}`,
    summary: (p: {
      reLogins: string;
      activeUsers: string;
      refreshes: string;
      cognitoRefreshes: string | null;
      previousPeriod: string;
    }) =>
      `${plural(p.reLogins, 're-login')} among ${plural(p.activeUsers, 'active user')}; ${plural(p.refreshes, 'refresh', 'refreshes')} seen by the trigger` +
      `${p.cognitoRefreshes === null ? '' : `, ${p.cognitoRefreshes} in Cognito's own count`}; ${p.previousPeriod} for comparison.`,
    columns: { thisPeriod: 'this period', previous: 'previous', change: 'change' },
    rows: {
      signIns: 'Sign-ins',
      reLogins: 'Re-logins',
      refreshesTrigger: 'Refreshes (trigger)',
      refreshesCognito: 'Refreshes (Cognito)',
      activeUsers: 'Active users',
      reLoginsPerActiveUser: 'Re-logins per active user',
      medianReLoginInterval: 'Median re-login interval',
      timeLost: 'Time lost (estimate)',
      heavyUsers: 'Heavy users',
    },
    changeNew: 'new',
    heavyUsers: 'Heavy users',
    heavyUsersTop: (top: number) => `top ${top}`,
    none: 'none',
    heavyUserLine: (p: {
      user: string;
      reLogins: number;
      heavyDays: number;
      medianInterval: string | null;
    }) =>
      `${p.user}: ${plural(p.reLogins, 're-login')}, heavy on ${plural(p.heavyDays, 'day')}${p.medianInterval === null ? '' : `, median every ${p.medianInterval}`}`,
    andMore: (hidden: number) => `…and ${hidden} more`,
    upstream: 'Upstream',
    noUpstreamCheck: 'No upstream check yet (the upstream watch has not completed a run).',
    upstreamLine: (p: {
      title: string;
      fixedIn: string | null;
      deployed: string | null;
      deployedHasFix: boolean | null;
      upgradeTo: string | null;
    }) => {
      const released = p.fixedIn === null ? 'not released yet' : `released in ${p.fixedIn}`;
      const deployed = p.deployed ?? 'unknown';
      const has =
        p.deployedHasFix === null
          ? `deployed version ${deployed}`
          : p.deployedHasFix
            ? `deployed ${deployed} has it`
            : `deployed ${deployed} does not have it${p.upgradeTo === null ? '' : `: upgrade to ${p.upgradeTo}`}`;
      return `${p.title}: ${released}; ${has}.`;
    },
    clientsAndAdvice: 'App clients and advice',
    clientHeading: (clientId: string) => `App client \`${clientId}\``,
    validity: (id: string, access: string, refresh: string) =>
      `ID ${id} · access ${access} · refresh ${refresh}`,
    validityUnknown: 'token validity unknown (DescribeUserPoolClient could not be read)',
    debt: (p: { id: string; access: string; days: number | null; since: string | null }) =>
      `Token validity still stretched to ID ${p.id} / access ${p.access} while refresh tokens are in use: security debt ` +
      (p.days === null || p.since === null
        ? 'since before the monitor recorded it'
        : `for at least ${plural(p.days, 'day')} (first seen stretched by the re-login check ${p.since})`) +
      '. Undo the stop-gap.',
    warning: 'Warning',
    chartAlt: 'Re-logins and refreshes per day',
    chartMissing: 'The chart could not be made.',
    chartFollows: 'The chart follows in the thread',
  },
  /** Titles of the upstream catalog's fixes (catalog/fixes.json), by id; an unknown id keeps its own title. */
  fixTitles: {} as Readonly<Record<string, string>>,
};

export type Catalog = typeof en;
