export { runSimulation, type SimulationEvent, type SimulationResult } from './run-simulation';
export { SCENARIOS, type ScenarioName, scenarioMinDays } from './scenarios';
export { showEvent, showSummary, slackText } from './terminal-show';
