// osls compiles `cognitoUserPool.lambdaVersion` for existing pools (PreTokenGeneration V1_0/V2_0/V3_0)
// but its config schema does not list the property; declare it so validation stays strict.
class CognitoLambdaVersion {
  constructor(serverless) {
    serverless.configSchemaHandler.defineFunctionEventProperties('aws', 'cognitoUserPool', {
      properties: { lambdaVersion: { enum: ['V1_0', 'V2_0', 'V3_0'] } },
    });
  }
}

module.exports = CognitoLambdaVersion;
