/**
 * The code an advice item offers to apply (the `argocd-cm` data, the Terraform diff, the
 * UpdateUserPoolClient document), in one order, for every place that shows advice: the Slack alert
 * and `relogin-monitor analyze`. Pure.
 */
import type { AdviceItem, ClientChange } from './index';

export interface AdviceDocument {
  /** What it is and how to apply it. */
  title: string;
  content: string;
}

function clientChangeDocuments(change: ClientChange | null): AdviceDocument[] {
  if (change === null) return [];
  return [
    { title: 'Terraform (`aws_cognito_user_pool_client`)', content: change.terraform },
    {
      title: `Or with the AWS CLI: save this as ${change.cliInputFile}, then run \`${change.cliCommand}\``,
      content: change.cliInputJson,
    },
  ];
}

export function adviceDocuments(item: AdviceItem): AdviceDocument[] {
  switch (item.id) {
    case 'upgrade-argocd':
    case 'mitigate-with-threshold':
      return [
        {
          title: '`argocd-cm` (`kubectl -n <argocd namespace> edit configmap argocd-cm`)',
          content: item.argocdCm,
        },
      ];
    case 'extend-token-validity':
    case 'revert-token-validity':
    case 'fix-token-validity-order':
      return clientChangeDocuments(item.clientChange);
    case 'diagnose-partial-refresh':
      return [];
  }
}
