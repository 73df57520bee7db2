/**
 * The code an advice item offers to apply (the `argocd-cm` data, the Terraform diff, the
 * UpdateUserPoolClient document), in one order, for every place that shows advice: the Slack alert
 * and `relogin-monitor analyze`. Pure.
 */
import { type Messages, messagesFor } from '../../../shared/i18n';
import type { AdviceItem, ClientChange } from './index';

export interface AdviceDocument {
  /** What it is and how to apply it. */
  title: string;
  content: string;
  /** The file it is posted as (a snippet in the alert's thread); its extension sets the highlighting. */
  filename: string;
  /** Slack's snippet type for `content`. */
  snippetType: 'diff' | 'json' | 'yaml';
}

/** The Terraform change is a unified diff of the resource, so it is highlighted as one. */
const TERRAFORM_FILE = 'aws_cognito_user_pool_client.tf.diff';
const ARGOCD_CM_FILE = 'argocd-cm.yaml';

function clientChangeDocuments(change: ClientChange | null, m: Messages): AdviceDocument[] {
  if (change === null) return [];
  return [
    {
      title: m.text.documents.terraform,
      content: change.terraform,
      filename: TERRAFORM_FILE,
      snippetType: 'diff',
    },
    {
      title: m.text.documents.awsCli(change.cliInputFile, change.cliCommand),
      content: change.cliInputJson,
      // The name the command reads, so the downloaded file runs as is.
      filename: change.cliInputFile,
      snippetType: 'json',
    },
  ];
}

/** The documents, titled in `messages`' locale (English when left out). */
export function adviceDocuments(item: AdviceItem, messages?: Messages): AdviceDocument[] {
  const m = messages ?? messagesFor('en', 'UTC');
  switch (item.id) {
    case 'upgrade-argocd':
    case 'mitigate-with-threshold':
      return [
        {
          title: m.text.documents.argocdCm,
          content: item.argocdCm,
          filename: ARGOCD_CM_FILE,
          snippetType: 'yaml',
        },
      ];
    case 'extend-token-validity':
    case 'revert-token-validity':
    case 'fix-token-validity-order':
      return clientChangeDocuments(item.clientChange, m);
    case 'diagnose-partial-refresh':
      return [];
  }
}
