// CHAINED_FUNCTION_ARN of the trigger: the team's function in attachMode=chain, empty otherwise (a
// chainFunctionArn left set after leaving chain mode must not make the trigger call it).
const { attachSettings } = require('./pool-attachment.cjs');

module.exports = async ({ resolveVariable }) => {
  const settings = await attachSettings(resolveVariable);
  return settings.mode === 'chain' ? settings.chainFunctionArn : '';
};
