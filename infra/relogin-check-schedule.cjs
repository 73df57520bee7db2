// The re-login check's schedule, in every deployment: the check finds the pool by the name the trigger
// is attached to (userPoolName) unless userPoolId is given, and checks argocdClientIds or, when that
// is empty, every app client of the pool with activity in its window.
module.exports = async ({ resolveVariable }) => [
  { schedule: await resolveVariable('param:reloginCheckSchedule') },
];
