// The periodic report's schedule: EventBridge Scheduler, so the cron runs in the report's own time zone
// (reportTimezone) and "Monday 09:00" stays 09:00 across daylight-saving changes. Weekly (Monday 09:00)
// or daily (09:00) by reportPeriod, or reportSchedule when given. Only when userPoolId and
// argocdClientIds are set: the report reads that pool's clients and their token settings.
const DEFAULT_SCHEDULES = { week: 'cron(0 9 ? * MON *)', day: 'cron(0 9 * * ? *)' };

async function isReportScheduled(param) {
  return (await param('userPoolId')) !== '' && (await param('argocdClientIds')) !== '';
}

function paramsOf(resolveVariable) {
  return async (name) => String((await resolveVariable(`param:${name}`)) ?? '').trim();
}

module.exports = async ({ resolveVariable }) => {
  const param = paramsOf(resolveVariable);
  if (!(await isReportScheduled(param))) return [];
  const period = await param('reportPeriod');
  const schedule = (await param('reportSchedule')) || DEFAULT_SCHEDULES[period];
  if (schedule === undefined) throw new Error(`reportPeriod must be week or day, got "${period}"`);
  return [{ schedule: { method: 'scheduler', rate: [schedule], timezone: await param('reportTimezone') } }];
};

module.exports.isReportScheduled = async (resolveVariable) => isReportScheduled(paramsOf(resolveVariable));
