// The re-login check's schedule, only when it has something to check: it needs the pool's id
// (userPoolId) and the Argo CD app client ids (argocdClientIds). With either empty (the defaults: the
// trigger then records every client of the pool) the function is deployed without a schedule, instead
// of failing every hour with a configuration error.
module.exports = async ({ resolveVariable }) => {
  const isSet = async (name) => String((await resolveVariable(`param:${name}`)) ?? '').trim() !== '';
  if (!(await isSet('userPoolId')) || !(await isSet('argocdClientIds'))) return [];
  return [{ schedule: await resolveVariable('param:reloginCheckSchedule') }];
};
