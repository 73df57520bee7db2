/**
 * 日本語のカタログ: en.ts と同じキーを持ちます (型 `Catalog` が欠けたキーを tsc で落とします)。
 * Slack とレポートは です/ます 調。設定名・コマンド・識別子 (`IdTokenValidity`、`argocd-cm`) はそのまま。
 */
import type { Catalog } from './en';

export const ja: Catalog = {
  chart: {
    title: '日ごとの再ログインとリフレッシュ',
    subtitle: (timeZone: string) => `${timeZone} の日付`,
    reLogins: '再ログイン',
    refreshes: 'リフレッシュ',
    activeUsers: 'アクティブユーザー',
    countsAxis: '再ログイン・リフレッシュ (回)',
    usersAxis: 'アクティブユーザー (人)',
  },
  report: {
    title: (period, timeZone) => `Argo CD サインインレポート ${period} (${timeZone})`,
    weekOf: (day) => `${day} からの週`,
    summary: (p) =>
      `アクティブユーザー ${p.activeUsers} 人のうち再ログインは ${p.reLogins} 回、トリガーが観測したリフレッシュは ${p.refreshes} 回` +
      `${p.cognitoRefreshes === null ? '' : ` (Cognito 自身の集計では ${p.cognitoRefreshes} 回)`}でした。比較対象は ${p.previousPeriod} です。`,
    columns: { thisPeriod: '今期', previous: '前期', change: '増減' },
    rows: {
      signIns: 'サインイン',
      reLogins: '再ログイン',
      refreshesTrigger: 'リフレッシュ (トリガー)',
      refreshesCognito: 'リフレッシュ (Cognito)',
      activeUsers: 'アクティブユーザー',
      reLoginsPerActiveUser: 'アクティブユーザーあたりの再ログイン',
      medianReLoginInterval: '再ログイン間隔の中央値',
      timeLost: '失われた時間 (推定)',
      heavyUsers: '頻繁に再ログインしたユーザー',
    },
    changeNew: '新規',
    heavyUsers: '頻繁に再ログインしたユーザー',
    heavyUsersTop: (top) => `上位 ${top} 人`,
    none: 'いません',
    heavyUserLine: (p) =>
      `${p.user}: 再ログイン ${p.reLogins} 回、${p.heavyDays} 日で頻発${p.medianInterval === null ? '' : `、中央値 ${p.medianInterval} ごと`}`,
    andMore: (hidden) => `…ほか ${hidden} 人`,
    upstream: 'アップストリーム',
    noUpstreamCheck: 'アップストリームの確認はまだありません (upstream watch が一度も完了していません)。',
    upstreamLine: (p) => {
      const released = p.fixedIn === null ? '未リリース' : `${p.fixedIn} でリリース済み`;
      const deployed = p.deployed ?? '不明';
      const has =
        p.deployedHasFix === null
          ? `デプロイ中のバージョンは ${deployed}`
          : p.deployedHasFix
            ? `デプロイ中の ${deployed} には含まれています`
            : `デプロイ中の ${deployed} には含まれていません${p.upgradeTo === null ? '' : `。${p.upgradeTo} へアップグレードしてください`}`;
      return `${p.title}: ${released}。${has}。`;
    },
    clientsAndAdvice: 'アプリクライアントと推奨事項',
    clientHeading: (clientId) => `アプリクライアント ${clientId}`,
    validity: (id, access, refresh) => `ID ${id} · アクセス ${access} · リフレッシュ ${refresh}`,
    validityUnknown: 'トークンの有効期間は不明です (DescribeUserPoolClient を読めませんでした)。',
    debt: (p) =>
      `リフレッシュトークンが使われているのに、トークンの有効期間が ID ${p.id} / アクセス ${p.access} に延ばされたままです。` +
      (p.days === null || p.since === null
        ? 'モニターが記録する前からのセキュリティ上の負債です。'
        : `少なくとも ${p.days} 日間のセキュリティ上の負債です (再ログインチェックが最初に検出したのは ${p.since})。`) +
      '暫定対処を元に戻してください。',
    blind: {
      title: 'モニターが見えていなかった時間',
      causes: {
        detached: 'トリガーが外れていました',
        undercounting: '記録が Cognito の集計より少なくなっていました',
        misclassifying: 'リフレッシュがサインインとして届いていました',
      },
      span: (from, to, cause) => `${from} から ${to} (${cause})`,
      text: (hours, spans) =>
        `この期間のうち ${hours} 時間は完全には記録されていません: ${spans}。数値にはその時間が含まれていません。再ログインが少なかったという意味ではありません。`,
    },
    unreliableReLogins: (p) =>
      `この期間のうち ${p.hours} 時間は再ログインの数が信頼できません: その時間はリフレッシュがサインインとしてトリガーに届いたため、再ログインとリフレッシュを区別できません。その時間のサインイン ${p.signIns} 回は再ログインとしてではなく、サインインとしてのみ数えています。`,
    recoveredSignIns: (signIns) =>
      `数値には、トリガーがその時点で書き込めなかった (DynamoDB の障害) サインイン ${signIns} 回が含まれています。毎時のチェックがトリガーのログから復旧しました。`,
    heavyUsersUnreliable: (hours) =>
      `リフレッシュがサインインとして届いた ${hours} 時間からは誰も挙げていません: その時間の再ログインはリフレッシュと区別できません。`,
    warning: '注意',
    chartAlt: '日ごとの再ログインとリフレッシュ',
    chartMissing: 'グラフを作成できませんでした。',
    chartFollows: 'グラフはスレッドに続きます',
  },
  advice: {
    titles: {
      'upgrade-argocd': 'Argo CD をアップグレード (根本対策)',
      'mitigate-with-threshold': 'アップグレードまで: 期限前にリフレッシュ',
      'extend-token-validity': '暫定対処: トークンの有効期間を延ばす',
      'diagnose-partial-refresh': '一部のユーザーでだけリフレッシュが効いています',
      'revert-token-validity': '暫定対処を元に戻す',
      'fix-token-validity-order': 'アクセストークンが ID トークンより長く有効です',
    },
    moreFields: (named, rest) => `${named} ほか ${rest} 件`,
    unknownFields: (fields) =>
      ` このクライアントの DescribeUserPoolClient の応答には、このツールが知らない ${fields} も含まれており、更新用ドキュメントからは除いています。` +
      'UpdateUserPoolClient は渡されなかった設定を既定値に戻すため、先に確認してください。',
    withoutTheFix: (hasThresholdSetting, fixPull) =>
      hasThresholdSetting
        ? `期限切れのセッションを更新しません。\`refreshTokenThreshold\` を設定し、その時間内にリクエストがあった場合に期限前にだけリフレッシュするため、期限を過ぎて放置されたセッションは再ログインになります (修正 #${fixPull} は含まれていません)`
        : 'OIDC セッションを一切リフレッシュしません',
    ceiling: (p) => {
      const session = `\`argocd-cm\` の \`users.session.duration\` (既定は 24h。このモニターは ARGOCD_SESSION_HOURS から ${p.session} としています)`;
      if (p.setByRefreshToken) {
        return `${p.ceiling}ごとです。アプリクライアントの RefreshTokenValidity が ${session}より短いためです。`;
      }
      const refresh =
        p.refreshValidity === null
          ? 'アプリクライアントの RefreshTokenValidity の方が短ければ、そちらで決まります。'
          : `アプリクライアントの RefreshTokenValidity (${p.refreshValidity}) より短いため、こちらで決まります。`;
      return `${p.ceiling}ごとです。これは ${session} で決まり、${refresh}`;
    },
    stopGapCost: (validity) =>
      `漏えいした ID / アクセストークンが最大 ${validity} 有効なままになり、Cognito でユーザーをサインアウトさせても Argo CD へのアクセスはトークンの期限まで続きます。`,
    stopGapInPlace: (p) =>
      ` 延長した有効期間 (ID ${p.id} / アクセス ${p.access}) は暫定対処で、代償があります: ${p.cost}アップグレード後にリフレッシュが効いたら元に戻してください。`,
    rotationFine: (grace) =>
      ` リフレッシュトークンのローテーションが有効で、猶予期間は ${grace} 秒です。問題ありません (Argo CD v3.4.6 以降はローテーション後のリフレッシュトークンを保存します)。`,
    rotationWithoutGrace: (grace, advised) =>
      ` リフレッシュトークンのローテーションが有効で、猶予期間 (\`RetryGracePeriodSeconds\`) が ${grace} 秒です。` +
      'Argo CD はロックをかけずにリフレッシュするため、同じセッションの 2 つのリクエストが同時にリフレッシュすると同じリフレッシュトークンを使い、' +
      `負けた方は \`invalid_grant\` となり再ログインになります。猶予期間を ${advised} 秒にしてください。`,
    upgrade: {
      deployedHasFix: (version) =>
        `デプロイ中の Argo CD ${version} にはリフレッシュの修正が入っており設定も不要ですが、リフレッシュトークンの利用が観測されていません。` +
        'このアプリクライアントを使うすべての Argo CD インスタンスが修正済みのリリースで動いていて、ユーザーが Cognito で直接サインインしているかを確認してください (同梱の Dex 経由では Argo CD はリフレッシュトークンを受け取りません)。',
      deployed: (version, withoutTheFix, upgradeTo) =>
        `根本対策: デプロイ中の Argo CD ${version} は${withoutTheFix}。${upgradeTo} へアップグレードしてください。アップグレードすればリフレッシュが効きます。Argo CD はログイン時にキャッシュしたリフレッシュトークンで期限切れのセッションを更新し、設定は不要です。`,
      unknownDeployment: (fixedIn) =>
        `根本対策: リフレッシュトークンの利用が観測されていません。Argo CD を ${fixedIn} 以降へアップグレードしてください。アップグレードすればリフレッシュが効きます。Argo CD はログイン時にキャッシュしたリフレッシュトークンで期限切れのセッションを更新し、設定は不要です。`,
      recommended: (threshold, idValidity) =>
        threshold === null || idValidity === null
          ? ' 推奨 (必須ではありません): `argocd-cm` の `oidc.config` ブロックで `refreshTokenThreshold` を ID トークンの有効期間より短い Go の duration に設定すると、期限前にもリフレッシュされます。'
          : ` 推奨 (必須ではありません): \`argocd-cm\` の \`oidc.config\` ブロックに \`refreshTokenThreshold: ${threshold}\` を入れると、期限前にもリフレッシュされます (ID トークンの有効期間 ${idValidity} より短い Go の duration。変更した \`oidc.config\` はサーバーが自動で読み込みます)。`,
      after: (p) =>
        ` ${p.fixed ? 'リフレッシュが効くようになると、' : 'アップグレード後は、'}再ログインは${p.ceiling}` +
        (p.userDays === 0
          ? ''
          : ` 観測した ${p.userDays} ユーザー日では、現在 1 人 1 日あたり ${p.now} 回の再ログインが、リフレッシュ後は約 ${p.predicted} 回になります。`),
    },
    mitigate: (p) =>
      `アップグレードまでの対策: デプロイ中の Argo CD ${p.deployed} でも、\`refreshTokenThreshold\` を設定すれば、ID トークンの残り時間がその値を切った時点でリクエストがあったセッションを期限 *前* にリフレッシュします。` +
      `\`argocd-cm\` の \`oidc.config\` ブロックに \`refreshTokenThreshold: ${p.threshold}\` を設定してください。` +
      (p.idValidity === null
        ? `ID トークンの有効期間より短い値にします (1 時間のトークンなら ${p.threshold})。`
        : `ID トークンの有効期間 ${p.idValidity} より短い値です。`) +
      '変更した `oidc.config` はサーバーが自動で読み込みます。' +
      ` 効くのは使用中のセッションだけです。期限を過ぎて放置されたセッション (夜間や長い会議) は再ログインになります。期限切れのセッションを更新できるのは ${p.upgrade} だけです。アップグレードの代わりではなく、並行して行ってください。`,
    orLater: (fixedIn) => `${fixedIn} 以降`,
    extend: (p) =>
      `暫定対処: ${p.id === null || p.access === null ? 'Argo CD のアプリクライアント (現在の有効期間は不明)' : `Argo CD のアプリクライアントの ${p.id} (ID) / ${p.access} (アクセス)`} の IdTokenValidity と AccessTokenValidity を、どちらも同じ ${p.proposed} に延ばしてください` +
      ' (アクセストークンが ID トークンより長く有効だと、アップグレード後に Argo CD のリフレッシュが壊れます)。' +
      (p.medianInterval === null
        ? ''
        : ` ユーザーは ${p.medianInterval}ごと (中央値) にログイン画面へ戻されています。`) +
      ` 観測した ${p.userDays} ユーザー日では、現在 1 人 1 日あたり ${p.now} 回の再ログインが、${p.proposed} では約 ${p.predicted} 回になります。` +
      ` トレードオフ: ${p.cost}Argo CD がトークンをリフレッシュするようになったら元に戻してください。`,
    diagnose: (p) => {
      const split =
        p.heavyWithoutRefresh === null
          ? ''
          : p.heavyWithoutRefresh === 0
            ? ' (全員が少なくとも 1 回はリフレッシュしています)'
            : ` (うち ${p.heavyWithoutRefresh} 人は一度もリフレッシュしていません)`;
      return (
        `リフレッシュトークンは使われています (${p.refreshes} 回) が、${p.heavyUsers} 人が ${p.heavyReLogins} 回以上再ログインしました${split}。` +
        ` 考えられる原因 (可能性の高い順):\n${p.causes.map((cause, index) => `${index + 1}. ${cause}`).join('\n')}`
      );
    },
    causes: {
      deployedNotFixed: (deployed, withoutTheFix, upgradeTo) =>
        `監視している Argo CD は ${deployed} で、${withoutTheFix}${upgradeTo === null ? '' : `。${upgradeTo} へアップグレードしてください`}。`,
      accessLongerThanId: (access, id) =>
        `AccessTokenValidity (${access}) が IdTokenValidity (${id}) より長いため、Argo CD はリフレッシュせずにキャッシュ済みの期限切れ ID トークンを返します (fix-token-validity-order を参照)。`,
      instanceNotFixed: (fixedIn) =>
        `このアプリクライアントを使う Argo CD インスタンスのどれかが ${fixedIn} より前のリリースで動いています (各インスタンスの \`/api/version\` で確認してください)。リフレッシュするのは修正済みのリリースだけです。`,
      dex: 'Argo CD 同梱の Dex 経由でサインインしているユーザー: Argo CD は Dex からリフレッシュトークンを受け取らない (`offline_access` を要求しない) ため、そのセッションはリフレッシュされません。',
      userinfoGroups:
        '`oidc.config` の `enableUserInfoGroups: true`: userinfo 呼び出し用のアクセストークンはログイン時にキャッシュされ、これらのリリースではリフレッシュで更新されないため、最初の期限切れ後にセッションが失敗します。',
      rotationWithoutGrace: (grace, advised) =>
        `リフレッシュトークンのローテーションが有効で猶予期間が ${grace} 秒です。Argo CD はロックをかけずにリフレッシュするため、同じセッションの 2 つのリクエストが同時に同じリフレッシュトークンを使い、負けた方は \`invalid_grant\` で再ログインになります。\`RetryGracePeriodSeconds\` を ${advised} にしてください。`,
      cli: '`argocd login --sso` のユーザー: CLI はサーバーを通さずこのパブリッククライアントで自分でリフレッシュします。v3.4.0 より前の CLI は最初のリフレッシュ後に保存済みのリフレッシュトークンを Cognito の空の値で上書きするため、2 回に 1 回の期限切れで再ログインになります。CLI をアップグレードしてください (関係するのはサーバーではなく CLI のバージョンです)。',
      sessionCacheLost:
        'Argo CD の Redis がフラッシュまたは再起動された、あるいは `server.secretkey` が変わった: ログイン時に Argo CD がキャッシュしたリフレッシュトークンが消えたか読めなくなったため、すべてのセッションがもう一度サインインします。',
    },
    revert: (p) =>
      `リフレッシュトークンが使われ (${p.refreshes} 回)、頻繁に再ログインするユーザーもいません。Argo CD が自分でセッションを更新しているので、暫定対処は元に戻せます (長く有効なトークンはセキュリティ上の負債です)。` +
      ` IdTokenValidity / AccessTokenValidity を ${p.id} / ${p.access} にしてください (現在は ${p.nowId} / ${p.nowAccess})。アクセストークンは ID トークンより長くしてはいけません。` +
      ` \`oidc.config\` に \`refreshTokenThreshold\` を設定している場合は、新しい ID トークンの有効期間より短くしてください (例: ${p.threshold})。` +
      ` その後の再ログインは${p.ceiling}`,
    order: (p) =>
      `AccessTokenValidity (${p.access}) が IdTokenValidity (${p.id}) より長くなっています。` +
      (p.refreshSeen
        ? 'リフレッシュが使われているので、今まさにリフレッシュを壊しています。'
        : `Argo CD がリフレッシュしない間は無害ですが、${p.fixedIn} 以降になるとリフレッシュを壊します。`) +
      ' Argo CD はアクセストークンを `refreshTokenThreshold` (未設定なら 10 秒) だけ早く期限切れとみなすため、アクセストークンが ID トークンよりそれ以上長く有効だと、' +
      'キャッシュしたトークンをまだ有効と判断して期限切れの ID トークンを返し、`failed to verify refreshed token` をログに出し、ユーザーは再サインインが必要になります。' +
      ` AccessTokenValidity を IdTokenValidity 以下の ${p.id} にしてください。` +
      (p.alsoFixedBy === null
        ? ''
        : p.sameChange
          ? ` 上の ${p.alsoFixedBy} がまさにこの変更を行います。`
          : ` (上の ${p.alsoFixedBy} も 2 つを同じ値にします。どちらか一方を適用してください。)`),
  },
  documents: {
    terraform: 'Terraform (`aws_cognito_user_pool_client`)',
    awsCli: (file, command) =>
      `または AWS CLI で: これを ${file} として保存し、\`${command}\` を実行してください`,
    argocdCm: '`argocd-cm` (`kubectl -n <argocd namespace> edit configmap argocd-cm`)',
    tooLong:
      'Slack には長すぎます。`relogin-monitor analyze --client-config <クライアントの describe-user-pool-client の応答>` で出力できます。',
  },
  alert: {
    headline: (heavyUsers) => `Argo CD の再ログイン: 頻発ユーザー ${heavyUsers} 人`,
    fallback: (p) =>
      `${p.headline}。直近 ${p.windowHours} 時間でアクティブユーザー ${p.activeUsers} 人のうち再ログインは ${p.reLogins} 回でした (クライアント ${p.clientId})。`,
    lead: (p) =>
      `${p.scope} のユーザーは、${p.windowEnd} までの ${p.windowHours} 時間に *${p.reLogins} 回* ログイン画面へ戻されました。`,
    worse: (from, to) =>
      `:chart_with_upwards_trend: 前回のアラートより悪化しています: 頻発ユーザー ${from} → ${to} 人。`,
    clientScope: (clientId, userPoolId) =>
      `Argo CD のアプリクライアント ${clientId} (ユーザープール ${userPoolId})`,
    activeUsers: 'アクティブユーザー',
    reLogins: '再ログイン',
    reLoginsOfLogins: (reLogins, logins) => `ログイン ${logins} 回のうち ${reLogins} 回`,
    interval: '再ログイン間隔',
    timeLost: '失われた時間 (推定)',
    tokenRefreshes: 'トークンのリフレッシュ',
    seenByTrigger: (count) => `トリガーが観測: ${count} 回`,
    cognito: (refreshes, signIns) =>
      refreshes === null || signIns === null
        ? 'Cognito: 不明'
        : `Cognito: リフレッシュ ${refreshes} 回、サインイン ${signIns} 回`,
    validity: 'アプリクライアントのトークン有効期間',
    validityValue: (id, access, refresh) => `ID ${id} · アクセス ${access} · リフレッシュ ${refresh}`,
    unknown: '不明',
    heavyUsers: (heavyReLogins, windowHours) =>
      `*頻発ユーザー* (${windowHours} 時間に ${heavyReLogins} 回以上の再ログイン)`,
    heavyUser: (user, reLogins, medianInterval) =>
      `${user}: 再ログイン ${reLogins} 回${medianInterval === null ? '' : `、中央値 ${medianInterval}ごと`}`,
    andMore: (hidden) => `…ほか ${hidden} 人`,
    openMetrics: 'CloudWatch でメトリクスを開く',
  },
  episode: {
    elapsed: (days, hours) =>
      days === 0 ? `${hours} 時間` : hours === 0 ? `${days} 日` : `${days} 日 ${hours} 時間`,
    unknown: '不明',
    reLoginsPerActiveUser: (windowHours) => `アクティブユーザーあたりの再ログイン (${windowHours} 時間)`,
    heavyUsers: '頻発ユーザー',
    triggerRefreshes: 'トリガーが観測したリフレッシュ',
    cognitoRefreshes: 'Cognito が観測したリフレッシュ',
    validity: (id, access) => `ID ${id} / アクセス ${access}`,
    inPlaceFor: (elapsed, firstSeen) =>
      `少なくとも ${elapsed} (このチェックが最初に検出したのは ${firstSeen})`,
    undoHowTo:
      ' IdTokenValidity と AccessTokenValidity を 1 時間に戻し、アクセスを ID より長くしないでください (アクセストークンが ID トークンより `refreshTokenThreshold` (未設定なら 10 秒) 以上長く有効だと、Argo CD のリフレッシュが壊れます)。',
    securityDebt: (validity, inPlaceFor) =>
      `:warning: *セキュリティ上の負債*: 延長したトークン有効期間${validity === null ? '' : ` (${validity})`}が${inPlaceFor}続いています。` +
      'リフレッシュが効いている今は、漏えいした ID / アクセストークンを長く有効にするだけです。暫定対処を元に戻してください。',
    refreshing: ':white_check_mark: Argo CD はリフレッシュトークンでセッションを更新するようになりました。',
    nothingToUndo: ' トークンの有効期間も 1 時間に戻っており、元に戻すものはありません。',
    stillStretched: (validity) =>
      `リフレッシュトークンの利用は観測されていません。ユーザーがサインインしたままでいられるのは、延長したトークン有効期間 (${validity}) のおかげです。` +
      '根本対策は引き続き Argo CD のアップグレードです。その後、暫定対処を元に戻してください。',
    unexplained:
      'リフレッシュトークンの利用も、延長したトークン有効期間も観測されていません。このチェックが見ている範囲では変化の理由を説明できません (Argo CD を使う人が減った?)。再び頻発するようになれば新しいアラートを送ります。',
    recoveredHeadline: 'Argo CD の再ログイン: 回復しました',
    recoveredLastHeavy: (p) =>
      `${p.lastHeavyAt} のチェック以降、${p.windowHours} 時間のウィンドウ全体で ${p.scope} に頻発ユーザー (${p.windowHours} 時間に ${p.heavyReLogins} 回以上の再ログイン) はいませんでした。`,
    recoveredSpan: (p) =>
      `このエピソードは ${p.startedAt} のアラートで始まりました。以下の数値は、前回のアラート (${p.lastAlertAt}) と ${p.windowEnd} までの ${p.windowHours} 時間を比べたものです。`,
    recoveredFallback: (p) =>
      `Argo CD の再ログインが回復しました: ${p.windowHours} 時間、頻発ユーザーはいません (クライアント ${p.clientId})。アクティブユーザーあたりの再ログイン ${p.before} → ${p.after}。`,
    stopGapHeadline: 'Argo CD の暫定対処が残っています',
    stopGapSeen: (p) =>
      `直近 ${p.windowHours} 時間に、トリガーが観測したリフレッシュは ${p.triggerRefreshes} 回、Cognito では ${p.cognitoRefreshes} 回で、頻発ユーザーはいません。`,
    stopGapFallback: (p) =>
      `クライアント ${p.clientId} で${p.headline}。${p.inPlaceFor}、Argo CD はトークンをリフレッシュしているので元に戻してください。`,
    stopGapAdviceSame: (lastReminderAt) =>
      `推奨事項は ${lastReminderAt} のリマインダーから変わっていません。全文はその投稿にあります。`,
    stopGapContext: (metricsUrl) =>
      `リフレッシュが観測され、ID またはアクセストークンの有効期間が 1 時間を超えている間、毎週お知らせします · STOP_GAP_REMINDER=report で定期レポートに移し、off で止められます · <${metricsUrl}|メトリクス> · argocd-relogin-monitor`,
  },
  followUp: {
    headline: (heavyUsers, worse) =>
      `Argo CD の再ログイン: ${worse ? '悪化、' : '継続中、'}頻発ユーザー ${heavyUsers} 人`,
    since: (previousAt, windowHours) =>
      `前回の投稿 (${previousAt}) からの変化 (${windowHours} 時間のウィンドウ):`,
    activeUsers: 'アクティブユーザー',
    adviceAdded: (titles) => `追加された推奨事項: ${titles}。`,
    adviceGone: (titles) => `なくなった推奨事項: ${titles}。`,
    adviceSame:
      '推奨事項に変わりはありません。内容とドキュメントはこのスレッドの最初のメッセージにあります。',
    fallback: (headline, clientId) => `${headline} (クライアント ${clientId})。`,
  },
  coverage: {
    causeTitles: {
      detached: 'トリガーが外れています',
      undercounting: '記録が Cognito の集計より少なくなっています',
      misclassifying: 'リフレッシュがサインインとして届いています',
    },
    scope: (userPoolId, clientId) => `ユーザープール ${userPoolId}、アプリクライアント ${clientId}`,
    counts: (p) =>
      `直近 ${p.windowHours} 時間: サインインの記録 ${p.signIns} 回 / Cognito の集計 ${p.cognitoSignIns} 回、リフレッシュ ${p.refreshes} 回 / ${p.cognitoRefreshes} 回`,
    detachedCause: (reason) =>
      `このモニターのトリガーがユーザープールから外れています: ${reason}。プールを Terraform や CloudFormation で apply すると、その外で設定したトリガーは元に戻されます。`,
    detachedFix:
      'トリガーを付け直し (モニターを再デプロイするか、正確な手順は `relogin-monitor doctor` で確認できます)、次の apply で消えないようにプール自身の定義 (Terraform の `lambda_config`) にも加えてください。',
    misclassifyingCause: (counts) =>
      `${counts}。リフレッシュが \`TokenGeneration_Authentication\` としてトリガーに届いており (AWS はこのソースを「認証またはトークンのリフレッシュ」と説明しています)、サインインとして数えられています。`,
    misclassifyingFix:
      'Argo CD 側で変えることはありません。この状態が解消するまで、再ログインの件数は信頼できないため通知しません。リフレッシュの利用状況はダッシュボードの Cognito の `TokenRefreshSuccesses` で確認してください。詳しくは docs/monitoring-coverage.md を参照してください。',
    undercountingCause: (counts) =>
      `${counts}。トリガーが記録に失敗している (RecordFailures、Lambda Errors) か、トリガーが追跡していないアプリクライアントでユーザーがサインインしています。`,
    undercountingFix:
      '記録失敗とトリガーエラーのアラーム、トリガーのログを確認してください。失敗した書き込みは毎時の実行で取り込み直されます。ARGOCD_CLIENT_IDS が Argo CD の使うクライアント (`/api/v1/settings`) と一致しているかも確認してください。',
    blindTitle: (cause) => `Argo CD 再ログインモニターが見えていません: ${cause}`,
    since: (at) => `${at} から`,
    notCoveredShort: 'この時間帯は、再ログインの数値、アラート、レポートの対象外です。',
    notCovered:
      'この時間帯は、再ログインの数値、アラート、レポートの対象外です。数値が少なくても、再ログインが減ったとは限りません。',
    cause: '原因',
    fix: '対処',
    coverageLink: '記録のカバレッジ',
    restoredTitle: 'Argo CD 再ログインモニターが再び見えるようになりました',
    coverageSeen: (percent) => `ウィンドウ全体で Cognito の集計の ${percent} % を記録`,
    notSeen: (from, to, cause) => `見えていなかった期間: ${from} から ${to} まで (${cause})。`,
    notSeenMarked: 'この期間の数値は不完全で、週次レポートにその旨を示します。',
  },
  upstreamFix: {
    deployedUnknown: '不明 (ARGOCD_URL または ARGOCD_VERSION を設定してください)',
    deployedHas: (version) => `${version} には修正が入っています`,
    deployedLacks: (version) => `${version} には修正が入っていません`,
    upgradeNone: '不要です',
    upgradeOwnLine: 'お使いのマイナーバージョン系列で修正の入ったリリース',
    upgradeNoneAbove: 'お使いのバージョンより新しい修正済みリリースはまだありません',
    thresholdClient: (clientId) => `アプリクライアント ${clientId}`,
    thresholdShortestClient: (clientId, clients) =>
      `アプリクライアント ${clientId} (Argo CD のアプリクライアント ${clients} 個のうち最短)`,
    thresholdForPool: (p) =>
      'このプールでは、期限前にもセッションをリフレッシュするために (推奨ですが必須ではありません。修正済みのリリースはこの設定がなくても期限切れのセッションを更新します)、' +
      `oidc.config.refreshTokenThreshold を ${p.of} の ID トークン有効期間 ${p.validity} より短く設定してください (例: ${p.example})。`,
    notReleased: '未リリース',
    firstIn: (lines) => `最初のリリース ${lines}`,
    buildsOn: (p) =>
      `前提となる修正 ${p.id} (${p.repo} ${p.pulls}、${p.released}): ${p.title}。${p.advice}`.trim(),
    nowAlsoIn: (lines) => `${lines} にも入りました`,
    deployedNow: (to, from) =>
      `デプロイ中の Argo CD が ${to} になりました (${from === null ? '以前は不明' : `以前は ${from}`})`,
    updateHeadline: (p) => `${p.repo} の修正「${p.title}」(${p.id}): ${p.changes}`,
    releasedHeadline: (p) => `${p.repo} が修正「${p.title}」(${p.id}) を ${p.lines} でリリースしました`,
    fallback: (headline, deployed, upgrade) =>
      `${headline}。デプロイ中: ${deployed}。アップグレード先: ${upgrade}。`,
    releasedTitle: (id) => `上流の修正がリリースされました: ${id}`,
    updateTitle: (id) => `上流の修正の更新: ${id}`,
    fixedIn: '修正の入ったリリース (系列ごとの最初)',
    prereleases: 'プレリリース',
    deployed: 'デプロイ中の Argo CD',
    smallestUpgrade: '修正の入った最小のアップグレード',
    whatToSet: '設定すること',
    seeFirstMessage: '設定することと前提となる修正は、このスレッドの最初のメッセージにあります。',
  },
  fixAdvice: {
    'argocd-oidc-refresh':
      'アップグレードするとリフレッシュが効くようになります。Argo CD はログイン時にキャッシュしたリフレッシュトークンで期限切れのセッションを更新し、設定は不要です。期限前にもリフレッシュするには (推奨): argocd-cm の oidc.config.refreshTokenThreshold に、Argo CD のアプリクライアントの ID トークン有効期間より短い Go の duration を設定してください (1 時間のトークンなら例えば 15m)。AccessTokenValidity は IdTokenValidity 以下にしてください。そうしないとリフレッシュが失敗します。ユーザーがリフレッシュするようになったら、IdTokenValidity / AccessTokenValidity を延長した暫定対処は元に戻せます。',
    'argocd-oidc-refresh-setting':
      'これは oidc.config.refreshTokenThreshold を追加するものですが、リフレッシュが確実に効くのは argocd-oidc-refresh (v3.4.6 / v3.5.0 以降) と組み合わせた場合だけです。',
  },
  cli: {
    duplicates: (count) =>
      `重複したイベント ${count} 件を 1 件として数えました (1 回のサインインの両方のトリガー、Cognito の再試行)。`,
    ignored: (total, byReason) =>
      `イベント ${total} 件を対象外としました (他のアプリクライアント、マシン間トークン、他のトリガー)。内訳: ${byReason}。`,
    ignoredBecause: (count, reason) => `${reason} ${count} 件`,
    ignoreReasons: {
      'other-trigger': 'サインインとリフレッシュ以外のトリガー',
      'untracked-client': '追跡していないアプリクライアント',
    },
    skippedLines: (count) => `不正な行 ${count} 行を読み飛ばしました。`,
    columns: {
      user: 'ユーザー',
      logins: 'ログイン',
      reLogins: '再ログイン',
      refreshes: 'リフレッシュ',
      medianInterval: '再ログイン間隔の中央値',
      heavy: '頻発',
    },
    yes: 'はい',
    minutes: (value) => `${value} 分`,
    totals: (p) =>
      `アクティブユーザー ${p.activeUsers} 人、ログイン ${p.logins} 回、再ログイン ${p.reLogins} 回、リフレッシュ ${p.refreshes} 回。`,
    heavyUsers: (p) =>
      `頻発ユーザー ${p.heavyUsers} 人 (${p.windowEnd} までの ${p.windowHours} 時間に ${p.minReLogins} 回以上の再ログイン)。`,
    adviceHeading: '推奨事項:',
    adviceNone: '推奨事項: なし。',
  },
  fixTitles: {
    'argocd-oidc-refresh': 'Argo CD が OIDC リフレッシュトークンで期限切れのセッションを更新する修正',
    'argocd-oidc-refresh-setting':
      'Argo CD のバックグラウンド OIDC トークンリフレッシュ設定 (refreshTokenThreshold)。単独では不十分です',
  },
};
