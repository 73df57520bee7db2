/**
 * Every field of Cognito's DescribeUserPool answer (`UserPoolType`), classified by what UpdateUserPool
 * does with it. UpdateUserPool resets whatever settable field a request leaves out, so an attach must
 * carry each settable field unchanged and must not send a read-only one. A field in none of these lists
 * makes the plan refuse: an SDK or pool that grew a setting must be classified here before we touch a
 * pool that has it (test/unit/adoption/user-pool-fields.test.ts compares these lists with the SDK's types).
 */

/** Settable fields, sent under the same name. */
export const CARRIED_FIELDS = [
  'Policies',
  'DeletionProtection',
  'LambdaConfig',
  'AutoVerifiedAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings',
  'MfaConfiguration',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
  'UserPoolAddOns',
  'DcrConfiguration',
  'AccountRecoverySetting',
  'UserPoolTier',
  'KeyConfiguration',
  'IssuerConfiguration',
  'AcrConfiguration',
] as const;

/** Description field -> request field, where the two APIs name it differently. */
export const RENAMED_FIELDS = { Id: 'UserPoolId', Name: 'PoolName' } as const;

/** Set at creation or by other APIs (domains, schema), or reported by Cognito: never sent. */
export const READ_ONLY_FIELDS = [
  'Status',
  'LastModifiedDate',
  'CreationDate',
  'SchemaAttributes',
  'AliasAttributes',
  'UsernameAttributes',
  'UsernameConfiguration',
  'EstimatedNumberOfUsers',
  'SmsConfigurationFailure',
  'EmailConfigurationFailure',
  'Domain',
  'CustomDomain',
  'Arn',
] as const;

/** Every field of `LambdaConfigType`; each is kept byte for byte except the slot the plan changes. */
export const LAMBDA_CONFIG_FIELDS = [
  'PreSignUp',
  'CustomMessage',
  'PostConfirmation',
  'PreAuthentication',
  'PostAuthentication',
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
  'PreTokenGeneration',
  'UserMigration',
  'PreTokenGenerationConfig',
  'CustomSMSSender',
  'CustomEmailSender',
  'KMSKeyID',
  'InboundFederation',
] as const;

export type CarriedField = (typeof CARRIED_FIELDS)[number];
export type LambdaConfigField = (typeof LAMBDA_CONFIG_FIELDS)[number];
