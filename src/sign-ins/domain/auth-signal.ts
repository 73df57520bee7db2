/**
 * Turns a raw Cognito trigger event into what the monitor cares about: a login or a refresh-token
 * use of one user on one app client, or a reason to ignore it.
 */
import { quoted } from '../../shared/safe-text';

export type SignalKind = 'login' | 'refresh';

export interface AuthSignal {
  kind: SignalKind;
  triggerSource: string;
  userPoolId: string;
  clientId: string;
  /** `sub` when present (stable across renames), else the Cognito user name. */
  user: string;
  username: string;
  email?: string;
}

/** Why a well-formed event is not tracked, as counted in `analyze` and the report. */
export type IgnoreReason = 'other-trigger' | 'untracked-client';

export type Classification =
  | { tracked: true; signal: AuthSignal }
  | { tracked: false; ignored: IgnoreReason; reason: string };

export class InvalidAuthEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAuthEventError';
  }
}

const LOGIN_SOURCES: ReadonlySet<string> = new Set([
  'TokenGeneration_HostedAuth',
  'TokenGeneration_Authentication',
  'TokenGeneration_NewPasswordChallenge',
  'TokenGeneration_AuthenticateDevice',
  'PostAuthentication_Authentication',
]);
const REFRESH_SOURCES: ReadonlySet<string> = new Set(['TokenGeneration_RefreshTokens']);
const KNOWN_VERSIONS: ReadonlySet<string> = new Set(['0', '1', '2', '3']);

function kindOf(triggerSource: string): SignalKind | undefined {
  if (LOGIN_SOURCES.has(triggerSource)) return 'login';
  if (REFRESH_SOURCES.has(triggerSource)) return 'refresh';
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(record: Record<string, unknown>, field: string, path: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value === '') {
    throw new InvalidAuthEventError(`${path}${field} must be a non-empty string`);
  }
  return value;
}

function optionalString(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * @param trackedClientIds app clients to watch; empty means every client.
 * @throws InvalidAuthEventError when the event lacks a field the monitor needs.
 */
export function classifyAuthEvent(event: unknown, trackedClientIds: ReadonlySet<string>): Classification {
  if (!isRecord(event)) throw new InvalidAuthEventError('event must be a JSON object');
  const version = event.version;
  if (typeof version !== 'string' || !KNOWN_VERSIONS.has(version)) {
    // Quoted short: the event is outside data, and this message reaches the log.
    throw new InvalidAuthEventError(`version must be one of "0", "1", "2", "3", got ${quoted(version)}`);
  }
  const triggerSource = requireString(event, 'triggerSource', '');
  const userPoolId = requireString(event, 'userPoolId', '');
  const callerContext = event.callerContext;
  if (!isRecord(callerContext)) throw new InvalidAuthEventError('callerContext must be an object');
  const clientId = requireString(callerContext, 'clientId', 'callerContext.');

  const kind = kindOf(triggerSource);
  if (kind === undefined) {
    return {
      tracked: false,
      ignored: 'other-trigger',
      reason: `trigger source ${quoted(triggerSource)} is not a sign-in or refresh`,
    };
  }
  if (trackedClientIds.size > 0 && !trackedClientIds.has(clientId)) {
    return {
      tracked: false,
      ignored: 'untracked-client',
      reason: `app client ${quoted(clientId)} is not tracked`,
    };
  }

  const request = isRecord(event.request) ? event.request : {};
  const attributes = isRecord(request.userAttributes) ? request.userAttributes : {};
  const username = optionalString(event, 'userName');
  const sub = optionalString(attributes, 'sub');
  const user = sub ?? username;
  if (user === undefined) {
    throw new InvalidAuthEventError('request.userAttributes.sub or userName must be a non-empty string');
  }
  const email = optionalString(attributes, 'email');
  return {
    tracked: true,
    signal: {
      kind,
      triggerSource,
      userPoolId,
      clientId,
      user,
      username: username ?? user,
      ...(email ? { email } : {}),
    },
  };
}

/** Longer than any Cognito pool or client id (55 and 128 characters), far below CloudWatch's 1,024. */
const MAX_DIMENSION_LENGTH = 128;

/**
 * A metric dimension value that cannot blow up cost or break the EMF line, whatever the event holds:
 * printable ASCII only (anything else becomes `?`), at most MAX_DIMENSION_LENGTH characters.
 */
export function boundedDimension(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '?').slice(0, MAX_DIMENSION_LENGTH);
}

/**
 * Pool and app client of any event, for metric dimensions (never a user): "unknown" where the event
 * lacks them, bounded where they are odd. Never throws.
 */
export function eventScope(event: unknown): { userPoolId: string; clientId: string } {
  const record = isRecord(event) ? event : {};
  const context = isRecord(record.callerContext) ? record.callerContext : {};
  return {
    userPoolId: boundedDimension(optionalString(record, 'userPoolId') ?? 'unknown'),
    clientId: boundedDimension(optionalString(context, 'clientId') ?? 'unknown'),
  };
}
