/**
 * The commands of the installed `relogin-monitor`: the product's, plus `simulate`, the development
 * harness's. Composed here, at the bin's edge, so the product CLI (src/cli) knows nothing of local/:
 * it dispatches whatever table it is given. bin/relogin-monitor.mjs and the tests' runCli share it.
 */
import { type CommandTable, PRODUCT_COMMANDS } from '../src/cli/main';

export const DEV_COMMANDS: CommandTable = {
  simulate: {
    load: async () => (await import('./simulation/simulate-command')).simulateCommand,
    summary: 'the whole monitor on the local stack, fed by a simulated Argo CD team (npm start)',
    synopsis:
      'simulate [--scenario no-refresh|stopgap-8h|fixed|upgrade|existing-trigger] [--users 12] [--days 5] [--hours-per-day 8] [--seed 1] [--start YYYY-MM-DD] [--out out] [--online] [--json]',
  },
};

export const CLI_COMMANDS: CommandTable = { ...PRODUCT_COMMANDS, ...DEV_COMMANDS };
