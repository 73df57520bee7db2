/**
 * Mode none: the team's own Terraform or CloudFormation attaches the trigger, so its next apply keeps it
 * instead of reverting it. The snippets name exactly the slot the plan chose and the permission Cognito
 * needs to invoke the function.
 */
import { type LambdaConfig, preTokenSlot } from './attach-plan';

export interface IacSnippets {
  terraform: string;
  cloudFormation: string;
}

export function iacSnippets(after: LambdaConfig, functionArn: string, userPoolArn: string): IacSnippets {
  const slot = preTokenSlot(after);
  const ours = slot?.arn === functionArn ? slot : null;
  const terraformTrigger =
    ours !== null
      ? [
          '    pre_token_generation_config {',
          `      lambda_arn     = "${functionArn}"`,
          `      lambda_version = "${ours.version}"`,
          '    }',
        ]
      : [`    post_authentication = "${functionArn}"`];
  const cloudFormationTrigger =
    ours !== null
      ? [
          '        PreTokenGenerationConfig:',
          `          LambdaArn: ${functionArn}`,
          `          LambdaVersion: ${ours.version}`,
        ]
      : [`        PostAuthentication: ${functionArn}`];
  const terraform = [
    '# In your aws_cognito_user_pool (keep the triggers you already have in the same block):',
    'resource "aws_cognito_user_pool" "argocd" {',
    '  lambda_config {',
    ...terraformTrigger,
    '  }',
    '}',
    '',
    'resource "aws_lambda_permission" "argocd_relogin_monitor" {',
    '  statement_id  = "AllowCognitoInvokeReloginMonitor"',
    '  action        = "lambda:InvokeFunction"',
    `  function_name = "${functionArn}"`,
    '  principal     = "cognito-idp.amazonaws.com"',
    `  source_arn    = "${userPoolArn}"`,
    '}',
  ].join('\n');
  const cloudFormation = [
    '# In your AWS::Cognito::UserPool (keep the triggers you already have in LambdaConfig):',
    'Resources:',
    '  UserPool:',
    '    Type: AWS::Cognito::UserPool',
    '    Properties:',
    '      LambdaConfig:',
    ...cloudFormationTrigger,
    '  ReloginMonitorInvokePermission:',
    '    Type: AWS::Lambda::Permission',
    '    Properties:',
    '      Action: lambda:InvokeFunction',
    `      FunctionName: ${functionArn}`,
    '      Principal: cognito-idp.amazonaws.com',
    `      SourceArn: ${userPoolArn}`,
  ].join('\n');
  return { terraform, cloudFormation };
}
