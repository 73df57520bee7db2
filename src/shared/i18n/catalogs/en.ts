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
    clientHeading: (clientId: string) => `App client ${clientId}`,
    validity: (id: string, access: string, refresh: string) =>
      `ID ${id} · access ${access} · refresh ${refresh}`,
    validityUnknown: 'token validity unknown (DescribeUserPoolClient could not be read)',
    debt: (p: { id: string; access: string; days: number | null; since: string | null }) =>
      `Token validity still stretched to ID ${p.id} / access ${p.access} while refresh tokens are in use: security debt ` +
      (p.days === null || p.since === null
        ? 'since before the monitor recorded it'
        : `for at least ${plural(p.days, 'day')} (first seen stretched by the re-login check ${p.since})`) +
      '. Undo the stop-gap.',
    blind: {
      title: 'Hours the monitor did not see',
      causes: {
        detached: 'trigger detached',
        undercounting: 'recording short of Cognito’s count',
        misclassifying: 'refreshes arriving as sign-ins',
      },
      span: (from: string, to: string, cause: string) => `${from} to ${to} (${cause})`,
      text: (hours: number, spans: string) =>
        `${plural(hours, 'hour')} of this period were not fully recorded: ${spans}. The figures miss them; they do not mean fewer re-logins.`,
    },
    unreliableReLogins: (p: { hours: number; signIns: string }) =>
      `Re-logins are unreliable for ${plural(p.hours, 'hour')} of this period: refreshes reached the trigger as sign-ins there, so a re-login cannot be told from a refresh. Those hours' ${plural(p.signIns, 'sign-in')} are counted as sign-ins only, not as re-logins.`,
    recoveredSignIns: (signIns: string) =>
      `The figures include ${plural(signIns, 'sign-in')} the trigger could not write at the time (DynamoDB failed), recovered from its log by the hourly check.`,
    heavyUsersUnreliable: (hours: number) =>
      `Nobody is listed from the ${plural(hours, 'hour')} whose refreshes reached the trigger as sign-ins: re-logins there cannot be told from refreshes.`,
    warning: 'Warning',
    chartAlt: 'Re-logins and refreshes per day',
    chartMissing: 'The chart could not be made.',
    chartFollows: 'The chart follows in the thread',
  },
  advice: {
    titles: {
      'upgrade-argocd': 'Upgrade Argo CD (the real fix)',
      'mitigate-with-threshold': 'Until the upgrade: refresh before expiry',
      'extend-token-validity': 'Stop-gap: longer token validity',
      'diagnose-partial-refresh': 'Refresh works for some users only',
      'revert-token-validity': 'Undo the stop-gap',
      'fix-token-validity-order': 'Access token outlives the ID token',
    },
    moreFields: (named: string, rest: number) => `${named} and ${rest} more`,
    unknownFields: (fields: string) =>
      ` The client's DescribeUserPoolClient answer also has ${fields}, unknown to this tool` +
      ' and left out of the update document: UpdateUserPoolClient resets what it is not given, so check them first.',
    withoutTheFix: (hasThresholdSetting: boolean, fixPull: number) =>
      hasThresholdSetting
        ? `does not renew an expired session: it refreshes only before expiry, with \`refreshTokenThreshold\` set and a request inside that window, so a session idle past expiry signs in again (the fix, #${fixPull}, is not in it)`
        : 'never refreshes OIDC sessions',
    ceiling: (p: {
      ceiling: string;
      session: string;
      setByRefreshToken: boolean;
      refreshValidity: string | null;
    }) => {
      const session = `\`users.session.duration\` in \`argocd-cm\` (default 24h; this monitor takes ${p.session} from ARGOCD_SESSION_HOURS)`;
      if (p.setByRefreshToken) {
        return `every ${p.ceiling}, the app client's RefreshTokenValidity, which is shorter than ${session}`;
      }
      const refresh =
        p.refreshValidity === null
          ? "or the app client's RefreshTokenValidity if that is shorter"
          : `shorter than the app client's ${p.refreshValidity} RefreshTokenValidity`;
      return `every ${p.ceiling}: ${session}, ${refresh}`;
    },
    stopGapCost: (validity: string) =>
      `a leaked ID or access token stays valid for up to ${validity}, and signing a user out in Cognito ends their Argo CD access only when the token expires.`,
    stopGapInPlace: (p: { id: string; access: string; cost: string }) =>
      ` The stretched validity (ID ${p.id} / access ${p.access}) is the stop-gap, and it has a cost: ${p.cost} Undo it once users refresh after the upgrade.`,
    rotationFine: (grace: number) =>
      ` Refresh-token rotation is on with a ${grace} s grace period: fine, Argo CD v3.4.6+ stores the rotated refresh token.`,
    rotationWithoutGrace: (grace: number, advised: number) =>
      ` Refresh-token rotation is on with a ${grace} s grace period (\`RetryGracePeriodSeconds\`):` +
      ' Argo CD refreshes without a lock, so two requests of one session refreshing at once redeem the same refresh token' +
      ` and the one that loses gets \`invalid_grant\` and a re-login. Set the grace period to ${advised} s.`,
    upgrade: {
      deployedHasFix: (version: string) =>
        `Argo CD ${version} is deployed and has the refresh fix, which needs no setting, yet no refresh-token use was seen:` +
        ' check that every Argo CD instance using this app client runs a fixed release and signs users in with Cognito directly (Argo CD gets no refresh token from its bundled Dex).',
      deployed: (version: string, withoutTheFix: string, upgradeTo: string) =>
        `The real fix: Argo CD ${version} is deployed and ${withoutTheFix}. Upgrade to ${upgradeTo}: upgrading is what makes refresh work. Argo CD then renews an expired session with the refresh token it cached at login, with no setting needed.`,
      unknownDeployment: (fixedIn: string) =>
        `The real fix: no refresh-token use was seen. Upgrade Argo CD to ${fixedIn} or later: upgrading is what makes refresh work. Argo CD then renews an expired session with the refresh token it cached at login, with no setting needed.`,
      recommended: (threshold: string | null, idValidity: string | null) =>
        threshold === null || idValidity === null
          ? ' Recommended, not required: set `refreshTokenThreshold` inside the `oidc.config` block of `argocd-cm` to a Go duration shorter than the ID-token validity, so sessions are also refreshed before they expire.'
          : ` Recommended, not required: \`refreshTokenThreshold: ${threshold}\` inside the \`oidc.config\` block of \`argocd-cm\` also refreshes sessions before they expire (a Go duration shorter than the ${idValidity} ID-token validity; the server picks up a changed \`oidc.config\` by itself).`,
      after: (p: { fixed: boolean; ceiling: string; userDays: number; now: string; predicted: string }) =>
        ` ${p.fixed ? 'Once refresh works,' : 'After the upgrade'} users sign in again ${p.ceiling}.` +
        (p.userDays === 0
          ? ''
          : ` Over ${plural(p.userDays, 'observed user-day')} that is ${p.now} re-logins per user per day now, about ${p.predicted} with refresh.`),
    },
    mitigate: (p: { deployed: string; threshold: string; idValidity: string | null; upgrade: string }) =>
      `Until the upgrade: Argo CD ${p.deployed} already refreshes a session *before* it expires when \`refreshTokenThreshold\` is set` +
      ` and the session makes a request while its ID token has less than that left. Set \`refreshTokenThreshold: ${p.threshold}\` in the \`oidc.config\` block of \`argocd-cm\`, ` +
      (p.idValidity === null
        ? `shorter than the ID-token validity (${p.threshold} for 1 h tokens)`
        : `shorter than the ${p.idValidity} ID-token validity`) +
      ' (the server picks up a changed `oidc.config` by itself).' +
      ` This helps active sessions only: a session idle past its expiry (overnight, a long meeting) still signs in again, because only ${p.upgrade} renews an expired session. Do it next to the upgrade, not instead of it.`,
    orLater: (fixedIn: string) => `${fixedIn} or later`,
    extend: (p: {
      id: string | null;
      access: string | null;
      proposed: string;
      medianInterval: string | null;
      userDays: number;
      now: string;
      predicted: string;
      cost: string;
    }) =>
      `Stop-gap: raise IdTokenValidity and AccessTokenValidity of ${p.id === null || p.access === null ? 'the Argo CD app client (current validity unknown)' : `the Argo CD app client from ${p.id} (ID) / ${p.access} (access)`} to ${p.proposed}, both the same` +
      " (an access token outliving the ID token breaks Argo CD's refresh once it is upgraded)." +
      (p.medianInterval === null
        ? ''
        : ` Users are sent back to the login page every ${p.medianInterval} (median).`) +
      ` Over ${p.userDays} observed user-days that is ${p.now} re-logins per user per day now,` +
      ` about ${p.predicted} at ${p.proposed}.` +
      ` Trade-off: ${p.cost} Undo it once Argo CD refreshes tokens.`,
    diagnose: (p: {
      refreshes: number;
      heavyUsers: number;
      heavyReLogins: number;
      heavyWithoutRefresh: number | null;
      causes: readonly string[];
    }) => {
      const split =
        p.heavyWithoutRefresh === null
          ? ''
          : p.heavyWithoutRefresh === 0
            ? ' (each of them refreshed at least once)'
            : ` (${p.heavyWithoutRefresh} of them never refreshed)`;
      return (
        `Refresh tokens are used (${plural(p.refreshes, 'refresh', 'refreshes')}), yet ${plural(p.heavyUsers, 'user')} re-logged in ${p.heavyReLogins} or more times${split}.` +
        ` Causes that fit, most likely first:\n${p.causes.map((cause, index) => `${index + 1}. ${cause}`).join('\n')}`
      );
    },
    causes: {
      deployedNotFixed: (deployed: string, withoutTheFix: string, upgradeTo: string | null) =>
        `The watched Argo CD runs ${deployed}, which ${withoutTheFix}${upgradeTo === null ? '' : `: upgrade it to ${upgradeTo}`}.`,
      accessLongerThanId: (access: string, id: string) =>
        `AccessTokenValidity (${access}) is longer than IdTokenValidity (${id}): Argo CD then serves the cached, expired ID token instead of refreshing (see fix-token-validity-order).`,
      instanceNotFixed: (fixedIn: string) =>
        `Some Argo CD instance using this app client runs a release before ${fixedIn} (ask each one's \`/api/version\`): only fixed releases refresh.`,
      dex: "Users signing in through Argo CD's bundled Dex: Argo CD gets no refresh token from it (it does not request `offline_access`), so those sessions never refresh.",
      userinfoGroups:
        '`enableUserInfoGroups: true` in `oidc.config`: the access token for the userinfo call is cached at login and not renewed by the refresh in these releases, so sessions fail after the first expiry.',
      rotationWithoutGrace: (grace: number, advised: number) =>
        `Refresh-token rotation is on with a ${grace} s grace period: Argo CD refreshes without a lock, so two requests of one session refreshing at once redeem the same refresh token and the loser gets \`invalid_grant\` and a re-login. Set \`RetryGracePeriodSeconds\` to ${advised}.`,
      cli: "`argocd login --sso` users: the CLI refreshes by itself with this public client (not through the server), and CLIs before v3.4.0 replace the stored refresh token with Cognito's empty one after the first refresh, so they sign in again at every second expiry: upgrade the CLI (its version matters, not the server's).",
      sessionCacheLost:
        "Argo CD's Redis was flushed or restarted, or `server.secretkey` changed: the refresh tokens Argo CD cached at login are gone or unreadable, so every session signs in once more.",
    },
    revert: (p: {
      refreshes: number;
      id: string;
      access: string;
      nowId: string;
      nowAccess: string;
      threshold: string;
      ceiling: string;
    }) =>
      `Refresh tokens are used (${plural(p.refreshes, 'refresh', 'refreshes')}) and no user is heavy: Argo CD renews sessions itself, so the stop-gap can be undone (long-lived tokens are security debt).` +
      ` Set IdTokenValidity / AccessTokenValidity to ${p.id} / ${p.access} (now ${p.nowId} / ${p.nowAccess}); the access token must never outlive the ID token.` +
      ` If \`refreshTokenThreshold\` is set in \`oidc.config\`, keep it shorter than the new ID-token validity (for example ${p.threshold}).` +
      ` Users then sign in again ${p.ceiling}.`,
    order: (p: {
      access: string;
      id: string;
      refreshSeen: boolean;
      fixedIn: string;
      alsoFixedBy: string | null;
      sameChange: boolean;
    }) =>
      `AccessTokenValidity (${p.access}) is longer than IdTokenValidity (${p.id}). ` +
      (p.refreshSeen
        ? 'Refresh is in use, so this breaks it now:'
        : `Harmless while Argo CD does not refresh; once it runs ${p.fixedIn} or later it breaks the refresh:`) +
      ' Argo CD treats the access token as expired only `refreshTokenThreshold` early (10 s when it is unset), so when it outlives the ID token by more than that,' +
      ' Argo CD finds the cached token still valid, serves the already expired ID token,' +
      ' logs `failed to verify refreshed token`, and the user must sign in again.' +
      ` Set AccessTokenValidity to ${p.id}, at most IdTokenValidity.` +
      (p.alsoFixedBy === null
        ? ''
        : p.sameChange
          ? ` ${p.alsoFixedBy} above makes this very change.`
          : ` (${p.alsoFixedBy} above keeps the two equal too: apply one of them.)`),
  },
  documents: {
    terraform: 'Terraform (`aws_cognito_user_pool_client`)',
    awsCli: (file: string, command: string) =>
      `Or with the AWS CLI: save this as ${file}, then run \`${command}\``,
    argocdCm: '`argocd-cm` (`kubectl -n <argocd namespace> edit configmap argocd-cm`)',
    tooLong:
      "Too long for Slack: `relogin-monitor analyze --client-config <the client's describe-user-pool-client answer>` prints it.",
  },
  alert: {
    headline: (heavyUsers: number) => `Argo CD re-logins: ${plural(heavyUsers, 'heavy user')}`,
    fallback: (p: {
      headline: string;
      reLogins: number;
      activeUsers: number;
      windowHours: number;
      clientId: string;
    }) =>
      `${p.headline}; ${p.reLogins} re-logins among ${plural(p.activeUsers, 'active user')} in the last ${p.windowHours} h (client ${p.clientId}).`,
    lead: (p: { scope: string; reLogins: number; windowHours: number; windowEnd: string }) =>
      `Users of ${p.scope} were sent back to the login page *${plural(p.reLogins, 'time')}* in the ${p.windowHours} h up to ${p.windowEnd}.`,
    worse: (from: number, to: number) =>
      `:chart_with_upwards_trend: Worse since the last alert: ${from} → ${to} heavy users.`,
    clientScope: (clientId: string, userPoolId: string) =>
      `Argo CD app client ${clientId} (user pool ${userPoolId})`,
    activeUsers: 'Active users',
    reLogins: 'Re-logins',
    reLoginsOfLogins: (reLogins: number, logins: number) => `${reLogins} of ${logins} logins`,
    interval: 'Re-login interval',
    timeLost: 'Time lost (estimate)',
    tokenRefreshes: 'Token refreshes',
    seenByTrigger: (count: number) => `seen by the trigger: ${count}`,
    cognito: (refreshes: number | null, signIns: number | null) =>
      refreshes === null || signIns === null
        ? 'Cognito: unknown'
        : `Cognito: ${refreshes} refreshes, ${signIns} sign-ins`,
    validity: 'App client token validity',
    validityValue: (id: string, access: string, refresh: string) =>
      `ID ${id} · access ${access} · refresh ${refresh}`,
    unknown: 'unknown',
    heavyUsers: (heavyReLogins: number, windowHours: number) =>
      `*Heavy users* (${heavyReLogins} or more re-logins in ${windowHours} h)`,
    heavyUser: (user: string, reLogins: number, medianInterval: string | null) =>
      `${user}: ${plural(reLogins, 're-login')}${medianInterval === null ? '' : `, median every ${medianInterval}`}`,
    andMore: (hidden: number) => `…and ${hidden} more`,
    openMetrics: 'Open the metrics in CloudWatch',
  },
  episode: {
    elapsed: (days: number, hours: number) =>
      days === 0
        ? plural(hours, 'hour')
        : hours === 0
          ? plural(days, 'day')
          : `${plural(days, 'day')} ${hours} h`,
    unknown: 'unknown',
    reLoginsPerActiveUser: (windowHours: number) => `Re-logins per active user (${windowHours} h)`,
    heavyUsers: 'Heavy users',
    triggerRefreshes: 'Refreshes seen by the trigger',
    cognitoRefreshes: 'Refreshes seen by Cognito',
    validity: (id: string, access: string) => `ID ${id} / access ${access}`,
    inPlaceFor: (elapsed: string, firstSeen: string) =>
      `for at least ${elapsed} (first seen by this check ${firstSeen})`,
    undoHowTo:
      ' Set IdTokenValidity and AccessTokenValidity back to 1 h, access never above ID (an access token that outlives the ID token by more than `refreshTokenThreshold`, 10 s when unset, breaks the refresh of Argo CD).',
    securityDebt: (validity: string | null, inPlaceFor: string) =>
      `:warning: *Security debt*: the stretched token validity${validity === null ? '' : ` (${validity})`} has been in place ${inPlaceFor}.` +
      ' With refresh working it only keeps a leaked ID or access token valid for longer: undo the stop-gap.',
    refreshing: ':white_check_mark: Argo CD now renews sessions with refresh tokens.',
    nothingToUndo: ' The token validity is back at 1 h: nothing left to undo.',
    stillStretched: (validity: string) =>
      `No refresh-token use was seen: the stretched token validity (${validity}) is what keeps users signed in.` +
      ' The fix is still the Argo CD upgrade; then undo the stop-gap.',
    unexplained:
      'No refresh-token use and no stretched token validity were seen: nothing this check watches explains the change (fewer people using Argo CD?). A new alert follows if users become heavy again.',
    recoveredHeadline: 'Argo CD re-logins: recovered',
    recoveredLastHeavy: (p: {
      heavyReLogins: number;
      windowHours: number;
      scope: string;
      lastHeavyAt: string;
    }) =>
      `No user was heavy (${p.heavyReLogins} or more re-logins in ${p.windowHours} h) on ${p.scope} since the check at ${p.lastHeavyAt}, a full ${p.windowHours} h window.`,
    recoveredSpan: (p: { startedAt: string; lastAlertAt: string; windowHours: number; windowEnd: string }) =>
      `The episode began with the alert at ${p.startedAt}; the figures below compare the last alert (${p.lastAlertAt}) with the ${p.windowHours} h up to ${p.windowEnd}.`,
    recoveredFallback: (p: { windowHours: number; clientId: string; before: string; after: string }) =>
      `Argo CD re-logins recovered: no heavy user for ${p.windowHours} h (client ${p.clientId}); re-logins per active user ${p.before} → ${p.after}.`,
    stopGapHeadline: 'Argo CD stop-gap still in place',
    stopGapSeen: (p: { windowHours: number; triggerRefreshes: number; cognitoRefreshes: string }) =>
      `in the last ${p.windowHours} h, ${p.triggerRefreshes} refreshes seen by the trigger, ${p.cognitoRefreshes} by Cognito, and no heavy user.`,
    stopGapFallback: (p: { headline: string; clientId: string; inPlaceFor: string }) =>
      `${p.headline} on client ${p.clientId} ${p.inPlaceFor}, although Argo CD refreshes tokens: undo it.`,
    stopGapAdviceSame: (lastReminderAt: string) =>
      `Advice unchanged since the reminder of ${lastReminderAt}: that post has it in full.`,
    stopGapContext: (metricsUrl: string) =>
      `Weekly while refreshes are seen and the ID or access token validity stays above 1 h · STOP_GAP_REMINDER=report moves it into the periodic report, off turns it off · <${metricsUrl}|Metrics> · argocd-relogin-monitor`,
  },
  followUp: {
    headline: (heavyUsers: number, worse: boolean) =>
      `Argo CD re-logins: ${worse ? 'worse,' : 'still'} ${plural(heavyUsers, 'heavy user')}`,
    since: (previousAt: string, windowHours: number) =>
      `Since the last post (${previousAt}), ${windowHours} h window:`,
    activeUsers: 'Active users',
    adviceAdded: (titles: string) => `Advice added: ${titles}.`,
    adviceGone: (titles: string) => `Advice no longer given: ${titles}.`,
    adviceSame: 'Advice unchanged: the first message of this thread has it, with its documents.',
    fallback: (headline: string, clientId: string) => `${headline} (client ${clientId}).`,
  },
  /** The self-check's `monitor-blind` alert and `monitor-restored` reply (src/coverage). */
  coverage: {
    causeTitles: {
      detached: 'trigger detached',
      undercounting: 'recording short of Cognito’s count',
      misclassifying: 'refreshes arriving as sign-ins',
    },
    scope: (userPoolId: string, clientId: string) => `user pool ${userPoolId}, app client ${clientId}`,
    counts: (p: {
      windowHours: number;
      signIns: number;
      cognitoSignIns: number;
      refreshes: number;
      cognitoRefreshes: number;
    }) =>
      `Last ${p.windowHours} h: sign-ins ${p.signIns} recorded / ${p.cognitoSignIns} counted by Cognito, refreshes ${p.refreshes} / ${p.cognitoRefreshes}`,
    detachedCause: (reason: string) =>
      `Our trigger is no longer attached: ${reason}. A Terraform or CloudFormation apply of the pool reverts a trigger attached outside it.`,
    detachedFix:
      'Attach it again (redeploy the monitor, or `relogin-monitor doctor` for the exact step) and add it to the pool’s own definition (Terraform `lambda_config`) so the next apply keeps it.',
    misclassifyingCause: (counts: string) =>
      `${counts}. Refreshes reach the trigger as \`TokenGeneration_Authentication\` (AWS documents that source as "authentication or token refresh"), so they are counted as sign-ins.`,
    misclassifyingFix:
      'Nothing to change in Argo CD. Until this clears, re-logins are not reported: the re-login count is unreliable. Read refresh use from Cognito’s `TokenRefreshSuccesses` on the dashboard; see docs/monitoring-coverage.md.',
    undercountingCause: (counts: string) =>
      `${counts}. The trigger is failing to record (RecordFailures, Lambda Errors), or users sign in through an app client the trigger does not track.`,
    undercountingFix:
      'Check the record-failures and trigger-errors alarms and the trigger’s logs; failed writes are re-imported by the hourly run. Check ARGOCD_CLIENT_IDS against the client Argo CD uses (`/api/v1/settings`).',
    blindTitle: (cause: string) => `Argo CD re-login monitor blind: ${cause}`,
    since: (at: string) => `since ${at}`,
    notCoveredShort: 'Re-login figures, alerts and reports do not cover these hours.',
    notCovered:
      'Re-login figures, alerts and reports do not cover these hours: a quiet figure here does not mean fewer re-logins.',
    cause: 'Cause',
    fix: 'Fix',
    coverageLink: 'Recording coverage',
    restoredTitle: 'Argo CD re-login monitor sees again',
    coverageSeen: (percent: string) => `${percent} % of Cognito’s count recorded over the window`,
    notSeen: (from: string, to: string, cause: string) => `Not seen: ${from} to ${to} (${cause}).`,
    notSeenMarked: 'The figures for those hours are incomplete and the weekly report marks them.',
  },
  /** The upstream watch's fixed-release message and the updates in its thread (src/upstream). */
  upstreamFix: {
    deployedUnknown: 'unknown (set ARGOCD_URL or ARGOCD_VERSION)',
    deployedHas: (version: string) => `${version} has the fix`,
    deployedLacks: (version: string) => `${version} does not have the fix`,
    upgradeNone: 'none needed',
    upgradeOwnLine: 'the fixed release of your minor line',
    upgradeNoneAbove: 'no fixed release above yours yet',
    thresholdClient: (clientId: string) => `app client ${clientId}`,
    thresholdShortestClient: (clientId: string, clients: number) =>
      `app client ${clientId} (the shortest of your ${clients} Argo CD app clients)`,
    thresholdForPool: (p: { validity: string; of: string; example: string }) =>
      'For your pool, to refresh sessions before they expire too (recommended, not required: the fixed releases ' +
      'refresh expired sessions without it): set oidc.config.refreshTokenThreshold shorter than the ' +
      `${p.validity} ID-token validity of ${p.of} (for example ${p.example}).`,
    notReleased: 'not released',
    firstIn: (lines: string) => `first in ${lines}`,
    buildsOn: (p: {
      id: string;
      repo: string;
      pulls: string;
      released: string;
      title: string;
      advice: string;
    }) => `Builds on ${p.id} (${p.repo} ${p.pulls}, ${p.released}): ${p.title}. ${p.advice}`.trim(),
    nowAlsoIn: (lines: string) => `now also in ${lines}`,
    deployedNow: (to: string, from: string | null) =>
      `deployed Argo CD is now ${to} (${from === null ? 'unknown before' : `was ${from}`})`,
    updateHeadline: (p: { repo: string; title: string; id: string; changes: string }) =>
      `${p.repo}: the fix "${p.title}" (${p.id}): ${p.changes}`,
    releasedHeadline: (p: { repo: string; title: string; id: string; lines: string }) =>
      `${p.repo} released the fix "${p.title}" (${p.id}) in ${p.lines}`,
    fallback: (headline: string, deployed: string, upgrade: string) =>
      `${headline}. Deployed: ${deployed}. Upgrade to: ${upgrade}.`,
    releasedTitle: (id: string) => `Upstream fix released: ${id}`,
    updateTitle: (id: string) => `Upstream fix update: ${id}`,
    fixedIn: 'Fixed in (first release per line)',
    prereleases: 'Prereleases',
    deployed: 'Deployed Argo CD',
    smallestUpgrade: 'Smallest upgrade that has it',
    whatToSet: 'What to set',
    seeFirstMessage: 'What to set and what the fix builds on: the first message of this thread.',
  },
  /** The upstream catalog's advice in this language, by fix id; an unknown id keeps the catalog's own text. */
  fixAdvice: {} as Readonly<Record<string, string>>,
  /** The command line's human output (`analyze`, and `report`'s notes on its input). */
  cli: {
    duplicates: (count: number) =>
      `${plural(count, 'duplicate event')} counted once (both triggers of one sign-in, Cognito's retries).`,
    ignored: (total: number, byReason: string) =>
      `${plural(total, 'event')} ignored (other app clients, machine-to-machine tokens, other triggers). By reason: ${byReason}.`,
    ignoredBecause: (count: number, reason: string) => `${count} from ${reason}`,
    ignoreReasons: {
      'other-trigger': 'triggers other than sign-in and refresh',
      'untracked-client': 'app clients not tracked',
    },
    skippedLines: (count: number) => `${plural(count, 'invalid line')} skipped.`,
    columns: {
      user: 'user',
      logins: 'logins',
      reLogins: 're-logins',
      refreshes: 'refreshes',
      medianInterval: 'median re-login interval',
      heavy: 'heavy',
    },
    yes: 'yes',
    minutes: (value: string) => `${value} min`,
    totals: (p: { activeUsers: number; logins: number; reLogins: number; refreshes: number }) =>
      `${plural(p.activeUsers, 'active user')}, ${plural(p.logins, 'login')}, ${plural(p.reLogins, 're-login')}, ${plural(p.refreshes, 'refresh', 'refreshes')}.`,
    heavyUsers: (p: { heavyUsers: number; minReLogins: number; windowHours: number; windowEnd: string }) =>
      `${plural(p.heavyUsers, 'heavy user')} (${p.minReLogins} or more re-logins in the ${p.windowHours} h up to ${p.windowEnd}).`,
    adviceHeading: 'Advice:',
    adviceNone: 'Advice: none.',
  },
  /** Titles of the upstream catalog's fixes (catalog/fixes.json), by id; an unknown id keeps its own title. */
  fixTitles: {} as Readonly<Record<string, string>>,
};

export type Catalog = typeof en;
