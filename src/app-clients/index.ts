export type { TokenInspection } from './domain/token-inspection';
export { formatSeconds, inspectClaims } from './domain/token-inspection';
export type { TokenValidity } from './domain/token-validity';
export { formatDuration, parseDescribeUserPoolClient, parseTokenValidity } from './domain/token-validity';
export type { UserPoolClientReader } from './ports/user-pool-clients';
