/**
 * A change of an app client's ID- and access-token validity, as code a platform team applies: a
 * Terraform `aws_cognito_user_pool_client` diff and an `aws cognito-idp update-user-pool-client
 * --cli-input-json` document. The document starts from the client's current DescribeUserPoolClient
 * answer and carries every other setting over, because UpdateUserPoolClient resets what it is not
 * given. Pure.
 */
import { plainToken, UnsafeDocumentValueError } from '../../shared/document-values';
import type { AppClientDescription } from './app-client-description';

export interface ValidityChange {
  idTokenMinutes: number;
  accessTokenMinutes: number;
}

export interface ValidityChangeDocuments {
  /** A unified diff of the Terraform resource (lines starting with ' ', '-' or '+'). */
  terraform: string;
  /** The file `aws cognito-idp update-user-pool-client --cli-input-json file://FILE` reads. */
  cliInputJson: string;
  /** The file name `cliCommand` reads `cliInputJson` from. */
  cliInputFile: string;
  /** How to apply `cliInputJson`. */
  cliCommand: string;
}

type Unit = 'seconds' | 'minutes' | 'hours' | 'days';

interface Validity {
  value: number;
  unit: Unit;
}

/** The largest Cognito unit that states `minutes` as a whole number (Cognito takes integers). */
export function cognitoValidity(minutes: number): Validity {
  if (Number.isInteger(minutes / 60)) return { value: minutes / 60, unit: 'hours' };
  if (Number.isInteger(minutes)) return { value: minutes, unit: 'minutes' };
  return { value: Math.round(minutes * 60), unit: 'seconds' };
}

const CLI_INPUT_FILE = 'argocd-app-client.json';

interface Units {
  IdToken?: unknown;
  AccessToken?: unknown;
  RefreshToken?: unknown;
}

const UNITS: ReadonlySet<string> = new Set<Unit>(['seconds', 'minutes', 'hours', 'days']);

/** A unit the answer states, written into the documents only when it is one of Cognito's four. */
function unitOf(field: keyof Units, unit: unknown, defaultUnit: Unit): Unit {
  if (unit === undefined || unit === null) return defaultUnit;
  if (typeof unit === 'string' && UNITS.has(unit)) return unit as Unit;
  throw new UnsafeDocumentValueError(
    `TokenValidityUnits.${field}`,
    `TokenValidityUnits.${field} must be one of seconds, minutes, hours, days to be written into the generated documents, got ${JSON.stringify(plainTokenOrType(unit))}`,
  );
}

function plainTokenOrType(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 40) : typeof value;
}

/** The client's current validity of one token as its answer states it (value and unit), else from the minutes. */
function current(value: unknown, unit: unknown, field: keyof Units, minutes: number): Validity {
  if (typeof value !== 'number' || !Number.isFinite(value)) return cognitoValidity(minutes);
  return { value, unit: unitOf(field, unit, 'hours') };
}

/** A Terraform label from the client name: letters, digits, `_` and `-`, not starting with a digit. */
function terraformLabel(clientName: unknown): string {
  const label = typeof clientName === 'string' ? clientName.replace(/[^A-Za-z0-9_-]/g, '_') : '';
  if (label === '') return 'argocd';
  return /^[0-9-]/.test(label) ? `_${label}` : label;
}

function diffLines(indent: string, name: string, before: string, after: string): string[] {
  return before === after
    ? [` ${indent}${name} = ${after}`]
    : [`-${indent}${name} = ${before}`, `+${indent}${name} = ${after}`];
}

export function validityChangeDocuments(
  client: AppClientDescription,
  change: ValidityChange,
): ValidityChangeDocuments {
  const settings = client.updatable;
  const units: Units = (settings.TokenValidityUnits as Units | undefined) ?? {};
  const validity = client.tokenValidity;
  const idBefore = current(settings.IdTokenValidity, units.IdToken, 'IdToken', validity.idTokenMinutes);
  const accessBefore = current(
    settings.AccessTokenValidity,
    units.AccessToken,
    'AccessToken',
    validity.accessTokenMinutes,
  );
  const idAfter = cognitoValidity(change.idTokenMinutes);
  const accessAfter = cognitoValidity(change.accessTokenMinutes);
  const refreshUnit = unitOf('RefreshToken', units.RefreshToken, 'days');
  // Outside text in the Terraform comment: plain ids only, so no line can be added to the document.
  const clientId = plainToken('ClientId', settings.ClientId);
  const userPoolId = plainToken('UserPoolId', settings.UserPoolId);

  const terraform = [
    ` resource "aws_cognito_user_pool_client" "${terraformLabel(settings.ClientName)}" {`,
    `   # app client ${clientId} of user pool ${userPoolId}; every other argument stays as it is`,
    ...diffLines('  ', 'id_token_validity    ', String(idBefore.value), String(idAfter.value)),
    ...diffLines('  ', 'access_token_validity', String(accessBefore.value), String(accessAfter.value)),
    '   token_validity_units {',
    ...diffLines('    ', 'id_token     ', JSON.stringify(idBefore.unit), JSON.stringify(idAfter.unit)),
    ...diffLines(
      '    ',
      'access_token ',
      JSON.stringify(accessBefore.unit),
      JSON.stringify(accessAfter.unit),
    ),
    ...diffLines('    ', 'refresh_token', JSON.stringify(refreshUnit), JSON.stringify(refreshUnit)),
    '   }',
    ' }',
  ].join('\n');

  const input = {
    ...settings,
    IdTokenValidity: idAfter.value,
    AccessTokenValidity: accessAfter.value,
    TokenValidityUnits: {
      ...units,
      IdToken: idAfter.unit,
      AccessToken: accessAfter.unit,
      RefreshToken: refreshUnit,
    },
  };
  return {
    terraform,
    cliInputJson: JSON.stringify(input, null, 2),
    cliInputFile: CLI_INPUT_FILE,
    cliCommand: `aws cognito-idp update-user-pool-client --cli-input-json file://${CLI_INPUT_FILE}`,
  };
}
