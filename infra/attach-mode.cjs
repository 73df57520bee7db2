// ATTACH_MODE of the self-check: the mode the attach step uses, with the replaced parameters resolved.
const { attachSettings } = require('./pool-attachment.cjs');

module.exports = async ({ resolveVariable }) => (await attachSettings(resolveVariable)).mode;
