// How the stack attaches the trigger to the user pool (docs/adopting.md). Not the Serverless
// `cognitoUserPool` event with `existing: true`: that one takes the first pool of the name, replaces a
// team's Pre Token Generation function without a word and restores nothing on removal. Instead a
// project-owned custom resource (functions/pool-attach) plans against the live pool at deploy time,
// fails the deploy with the plan's reasons when it refuses, and restores the slots on removal.
const MODES = ['auto', 'chain', 'none', 'post-authentication'];
const VERSIONS = ['', 'V1_0', 'V2_0', 'V3_0'];

/**
 * attachMode, with the parameters it replaced still understood where they say the same thing, and a
 * failure naming the replacement where they do not.
 */
async function attachSettings(resolveVariable) {
  const param = async (name) => String((await resolveVariable(`param:${name}`)) ?? '').trim();
  const mode = await param('attachMode');
  if (!MODES.includes(mode)) throw new Error(`attachMode must be ${MODES.join(', ')}, got "${mode}"`);
  const preToken = await param('attachPreTokenGeneration');
  const postAuthentication = await param('attachPostAuthentication');
  const legacy = legacyMode(preToken, postAuthentication);
  if (legacy !== undefined && mode !== 'auto' && legacy !== mode) {
    throw new Error(
      `attachPreTokenGeneration/attachPostAuthentication were replaced by attachMode (here "${mode}"): remove them`,
    );
  }
  const version = await param('preTokenGenerationVersion');
  if (!VERSIONS.includes(version)) {
    throw new Error(
      `preTokenGenerationVersion must be V1_0 (every Cognito plan), V2_0 or V3_0 (Essentials or Plus plan) or empty, got "${version}"`,
    );
  }
  const chainFunctionArn = await param('chainFunctionArn');
  if ((legacy ?? mode) === 'chain' && !chainFunctionArn.startsWith('arn:')) {
    throw new Error(
      'attachMode=chain needs chainFunctionArn, the ARN of the function now in the Pre Token Generation slot (relogin-monitor attach --plan --mode chain names it)',
    );
  }
  return {
    mode: legacy ?? mode,
    version,
    chainFunctionArn,
    userPoolId: await param('userPoolId'),
    userPoolName: await param('userPoolName'),
  };
}

function legacyMode(preToken, postAuthentication) {
  if (preToken === '' && postAuthentication === '') return undefined;
  if (!['', 'true', 'false'].includes(preToken)) {
    throw new Error(
      `attachPreTokenGeneration was replaced by attachMode (auto, chain, none, post-authentication)`,
    );
  }
  if (!['', 'auto', 'true', 'false'].includes(postAuthentication)) {
    throw new Error(
      `attachPostAuthentication was replaced by attachMode (auto, chain, none, post-authentication)`,
    );
  }
  const preTokenOn = preToken !== 'false';
  if (preTokenOn && postAuthentication === 'true') {
    throw new Error(
      'attachPostAuthentication=true (both triggers) was replaced by attachMode=auto: Pre Token Generation alone sees sign-ins and refreshes',
    );
  }
  if (!preTokenOn && postAuthentication === 'false') {
    throw new Error(
      'attachPreTokenGeneration=false with attachPostAuthentication=false is now attachMode=none',
    );
  }
  return preTokenOn ? 'auto' : 'post-authentication';
}

function poolArn(userPoolId) {
  return {
    'Fn::Sub': `arn:\${AWS::Partition}:cognito-idp:\${AWS::Region}:\${AWS::AccountId}:userpool/${userPoolId === '' ? '*' : userPoolId}`,
  };
}

module.exports = async ({ resolveVariable }) => {
  const settings = await attachSettings(resolveVariable);
  const service = await resolveVariable('self:service');
  const stage = await resolveVariable('sls:stage');
  const resources = {
    PoolAttachRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        },
        Policies: [
          {
            PolicyName: 'pool-attach',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                // ListUserPools takes no resource; it finds the pool by name when no id is given.
                { Effect: 'Allow', Action: 'cognito-idp:ListUserPools', Resource: '*' },
                {
                  Effect: 'Allow',
                  Action: ['cognito-idp:DescribeUserPool', 'cognito-idp:UpdateUserPool'],
                  Resource: poolArn(settings.userPoolId),
                },
                // UpdateUserPool re-sends the pool's SMS role (SmsConfiguration.SnsCallerArn) unchanged.
                {
                  Effect: 'Allow',
                  Action: 'iam:PassRole',
                  Resource: '*',
                  Condition: { StringEquals: { 'iam:PassedToService': 'cognito-idp.amazonaws.com' } },
                },
                {
                  Effect: 'Allow',
                  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                  Resource: {
                    'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${service}-${stage}-poolAttach:*`,
                  },
                },
              ],
            },
          },
        ],
      },
    },
    PoolAttachment: {
      Type: 'Custom::ReloginMonitorPoolAttachment',
      ...(settings.mode === 'none' ? {} : { DependsOn: ['AuthEventCognitoPermission'] }),
      Properties: {
        ServiceToken: { 'Fn::GetAtt': ['PoolAttachLambdaFunction', 'Arn'] },
        UserPoolId: settings.userPoolId,
        // The id wins; the name (it has a default) only finds the pool when no id is given.
        UserPoolName: settings.userPoolId === '' ? settings.userPoolName : '',
        FunctionArn: { 'Fn::GetAtt': ['AuthEventLambdaFunction', 'Arn'] },
        Mode: settings.mode,
        Version: settings.version,
        ChainFunctionArn: settings.mode === 'chain' ? settings.chainFunctionArn : '',
      },
    },
  };
  if (settings.mode !== 'none') {
    // Before the attach: a trigger Cognito may not invoke fails every sign-in.
    resources.AuthEventCognitoPermission = {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': ['AuthEventLambdaFunction', 'Arn'] },
        Principal: 'cognito-idp.amazonaws.com',
        SourceArn: poolArn(settings.userPoolId),
      },
    };
  }
  if (settings.mode === 'chain') {
    resources.AuthEventChainPolicy = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'auth-event-chain',
        Roles: [{ Ref: 'AuthEventRole' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: settings.chainFunctionArn },
          ],
        },
      },
    };
  }
  return { Resources: resources };
};

module.exports.attachSettings = attachSettings;
