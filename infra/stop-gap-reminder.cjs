// Where the weekly "undo the stop-gap" reminder goes (STOP_GAP_REMINDER of the re-login check): into
// the periodic report when it is scheduled (infra/report-schedule.cjs), else a Slack message of its own.
const { isReportScheduled } = require('./report-schedule.cjs');

module.exports = async ({ resolveVariable }) =>
  (await isReportScheduled(resolveVariable)) ? 'report' : 'message';
