import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  CARRIED_FIELDS,
  LAMBDA_CONFIG_FIELDS,
  READ_ONLY_FIELDS,
  RENAMED_FIELDS,
} from '../../../src/adoption/domain/user-pool-fields';

/** The property names of an interface in the installed Cognito SDK's declaration files. */
function sdkFields(interfaceName: string): string[] {
  const entry = createRequire(import.meta.url).resolve('@aws-sdk/client-cognito-identity-provider');
  const root = join(dirname(entry), '..', 'dist-types', 'index.d.ts');
  const program = ts.createProgram([root], { noResolve: false, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(root);
  if (index === undefined) throw new Error(`no SDK declarations at ${root}`);
  const symbol = checker
    .getExportsOfModule(checker.getSymbolAtLocation(index) as ts.Symbol)
    .find((exported) => exported.name === interfaceName);
  if (symbol === undefined) throw new Error(`the SDK exports no ${interfaceName}`);
  return checker
    .getDeclaredTypeOfSymbol(symbol)
    .getProperties()
    .map((property) => property.name)
    .sort();
}

describe('The user pool field lists', () => {
  const described = sdkFields('UserPoolType');
  const settable = sdkFields('UpdateUserPoolRequest');

  it('should classify every field DescribeUserPool returns, once', () => {
    const classified = [...CARRIED_FIELDS, ...Object.keys(RENAMED_FIELDS), ...READ_ONLY_FIELDS].sort();
    expect(classified).toEqual(described);
  });

  it('should carry every settable field UpdateUserPool takes, under its request name', () => {
    const carried = [...CARRIED_FIELDS, ...Object.values(RENAMED_FIELDS)].sort();
    expect(carried).toEqual(settable);
  });

  it('should send no read-only field', () => {
    for (const field of READ_ONLY_FIELDS) expect(settable).not.toContain(field);
  });

  it('should know every trigger field of LambdaConfigType', () => {
    expect([...LAMBDA_CONFIG_FIELDS].sort()).toEqual(sdkFields('LambdaConfigType'));
  });
});
