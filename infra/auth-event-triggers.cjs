// The trigger's Cognito events, each switchable by a parameter: a pool can have only one Pre Token
// Generation function, so teams that already have one attach Post Authentication only.
// Pre Token Generation V2_0 and V3_0 need Cognito's Essentials or Plus feature plan; V1_0 works on every
// plan (Lite included) and still sees refreshes (TokenGeneration_RefreshTokens), so it is the default.
const PRE_TOKEN_GENERATION_VERSIONS = ['V1_0', 'V2_0', 'V3_0'];

module.exports = async ({ resolveVariable }) => {
  const pool = await resolveVariable('param:userPoolName');
  const enabled = async (name) => String(await resolveVariable(`param:${name}`)) === 'true';
  const events = [];
  if (await enabled('attachPreTokenGeneration')) {
    const lambdaVersion = String(await resolveVariable('param:preTokenGenerationVersion'));
    if (!PRE_TOKEN_GENERATION_VERSIONS.includes(lambdaVersion)) {
      throw new Error(
        `preTokenGenerationVersion must be V1_0 (every Cognito plan), V2_0 or V3_0 (Essentials or Plus plan), got "${lambdaVersion}"`,
      );
    }
    events.push({
      cognitoUserPool: {
        pool,
        trigger: 'PreTokenGeneration',
        existing: true,
        forceDeploy: true,
        lambdaVersion,
      },
    });
  }
  if (await enabled('attachPostAuthentication')) {
    events.push({
      cognitoUserPool: { pool, trigger: 'PostAuthentication', existing: true, forceDeploy: true },
    });
  }
  return events;
};
