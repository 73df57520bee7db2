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
    clientHeading: (clientId) => `アプリクライアント \`${clientId}\``,
    validity: (id, access, refresh) => `ID ${id} · アクセス ${access} · リフレッシュ ${refresh}`,
    validityUnknown: 'トークンの有効期間は不明です (DescribeUserPoolClient を読めませんでした)。',
    debt: (p) =>
      `リフレッシュトークンが使われているのに、トークンの有効期間が ID ${p.id} / アクセス ${p.access} に延ばされたままです。` +
      (p.days === null || p.since === null
        ? 'モニターが記録する前からのセキュリティ上の負債です。'
        : `少なくとも ${p.days} 日間のセキュリティ上の負債です (再ログインチェックが最初に検出したのは ${p.since})。`) +
      '暫定対処を元に戻してください。',
    warning: '注意',
    chartAlt: '日ごとの再ログインとリフレッシュ',
    chartMissing: 'グラフを作成できませんでした。',
    chartFollows: 'グラフはスレッドに続きます',
  },
  fixTitles: {
    'argocd-oidc-refresh': 'Argo CD が OIDC リフレッシュトークンで期限切れのセッションを更新する修正',
    'argocd-oidc-refresh-setting':
      'Argo CD のバックグラウンド OIDC トークンリフレッシュ設定 (refreshTokenThreshold)。単独では不十分です',
  },
};
