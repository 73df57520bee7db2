// The trigger's Cognito events, each switchable by a parameter: a pool can have only one Pre Token
// Generation function, so teams that already have one attach Post Authentication only.
module.exports = async ({ resolveVariable }) => {
  const pool = await resolveVariable('param:userPoolName');
  const enabled = async (name) => String(await resolveVariable(`param:${name}`)) === 'true';
  const events = [];
  if (await enabled('attachPreTokenGeneration')) {
    const lambdaVersion = await resolveVariable('param:preTokenGenerationVersion');
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
