// The trigger's Cognito events: one trigger per sign-in by default. Pre Token Generation alone sees
// sign-ins and refreshes (and fires where Post Authentication misses a federated user's first
// sign-in). A pool has one Pre Token Generation function at most, so where that slot is taken
// (attachPreTokenGeneration=false) Post Authentication is attached instead. attachPostAuthentication:
// auto (the default) = only then; true = always (both attached: the replay counts each sign-in once);
// false = never.
// Pre Token Generation V2_0 and V3_0 need Cognito's Essentials or Plus feature plan; V1_0 works on every
// plan (Lite included) and still sees refreshes (TokenGeneration_RefreshTokens), so it is the default.
const PRE_TOKEN_GENERATION_VERSIONS = ['V1_0', 'V2_0', 'V3_0'];

module.exports = async ({ resolveVariable }) => {
  const pool = await resolveVariable('param:userPoolName');
  const param = async (name) => String(await resolveVariable(`param:${name}`)).trim();
  const preTokenGeneration = (await param('attachPreTokenGeneration')) === 'true';
  const postAuthentication = await param('attachPostAuthentication');
  if (!['auto', 'true', 'false'].includes(postAuthentication)) {
    throw new Error(`attachPostAuthentication must be auto, true or false, got "${postAuthentication}"`);
  }
  const events = [];
  if (preTokenGeneration) {
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
  if (postAuthentication === 'true' || (postAuthentication === 'auto' && !preTokenGeneration)) {
    events.push({
      cognitoUserPool: { pool, trigger: 'PostAuthentication', existing: true, forceDeploy: true },
    });
  }
  return events;
};
