/** Links into the AWS console for people reading an alert. */

/** The console encodes its hash state as URL-encoding with `*` in place of `%`. */
function consoleEncode(text: string): string {
  return encodeURIComponent(text).replace(/%/g, '*');
}

/** CloudWatch "All metrics", searching the project's namespace for one app client. */
export function metricsConsoleUrl(region: string, namespace: string, clientId: string): string {
  const query = consoleEncode(`{${namespace},ClientId,UserPoolId} ${clientId}`);
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#metricsV2?graph=~()&query=~'${query}`;
}

/** A CloudWatch dashboard by name (the stack deploys one, `<service>-<stage>`). */
export function dashboardConsoleUrl(region: string, dashboardName: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${encodeURIComponent(dashboardName)}`;
}
