export type { AppClientDescription } from './domain/app-client-description';
export { parseDescribeUserPoolClient, parseUserPoolClient } from './domain/app-client-description';
export { suggestedRefreshThreshold } from './domain/refresh-threshold';
export type { TokenInspection } from './domain/token-inspection';
export { formatSeconds, inspectClaims } from './domain/token-inspection';
export type { TokenValidity } from './domain/token-validity';
export type { ValidityChange, ValidityChangeDocuments } from './domain/validity-change';
export { validityChangeDocuments } from './domain/validity-change';
export type { UserPoolClientReader } from './ports/user-pool-clients';
