// AWS SDK for JavaScript v3 against the emulator: pool and client creation, admin user setup,
// password sign-in (with and without a client secret), GetUser, and real Cognito error shapes.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  USER_PASSWORD_FLOWS,
  expectAwsError,
  newClient,
  secretHash,
  uniqueName,
} from './helpers.mjs';

const cognito = newClient();
const USERNAME = 'alice';
const EMAIL = 'alice@example.com';
const PASSWORD = 'Perm4nent!Pass';

describe('AWS SDK v3: create pool, sign in', () => {
  let poolId;
  let clientId;
  let secretClientId;
  let secretClientSecret;

  before(async () => {
    const pool = await cognito.send(new CreateUserPoolCommand({
      PoolName: uniqueName('sdk'),
      Policies: {
        PasswordPolicy: {
          MinimumLength: 10,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
        },
      },
    }));
    poolId = pool.UserPool.Id;
    assert.match(poolId, /^us-east-1_[0-9a-zA-Z]+$/);
    assert.equal(pool.UserPool.Policies.PasswordPolicy.MinimumLength, 10);
    assert.equal(pool.UserPool.Policies.PasswordPolicy.RequireSymbols, false);

    const client = await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'web',
      ExplicitAuthFlows: USER_PASSWORD_FLOWS,
    }));
    clientId = client.UserPoolClient.ClientId;
    assert.match(clientId, /^[\w+]{1,128}$/);
    assert.equal(client.UserPoolClient.ClientSecret, undefined);
    assert.deepEqual([...client.UserPoolClient.ExplicitAuthFlows].sort(), [...USER_PASSWORD_FLOWS].sort());

    const secretClient = await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'backend',
      GenerateSecret: true,
      ExplicitAuthFlows: USER_PASSWORD_FLOWS,
    }));
    secretClientId = secretClient.UserPoolClient.ClientId;
    secretClientSecret = secretClient.UserPoolClient.ClientSecret;
    assert.equal(typeof secretClientSecret, 'string');
    assert.ok(secretClientSecret.length > 0);

    const created = await cognito.send(new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: USERNAME,
      TemporaryPassword: 'Temp0rary!Pass',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: EMAIL }],
    }));
    assert.equal(created.User.Username, USERNAME);
    assert.equal(created.User.UserStatus, 'FORCE_CHANGE_PASSWORD');
    assert.equal(created.User.Enabled, true);
    const attributes = Object.fromEntries(created.User.Attributes.map((a) => [a.Name, a.Value]));
    assert.equal(attributes.email, EMAIL);
    assert.match(attributes.sub, /^[0-9a-f-]{36}$/);

    await cognito.send(new AdminSetUserPasswordCommand({
      UserPoolId: poolId, Username: USERNAME, Password: PASSWORD, Permanent: true,
    }));
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: USERNAME }));
    assert.equal(user.UserStatus, 'CONFIRMED');
  });

  test('InitiateAuth USER_PASSWORD_AUTH returns tokens', async () => {
    const out = await cognito.send(new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME, PASSWORD },
    }));
    assert.deepEqual(out.ChallengeParameters, {});
    assert.equal(out.ChallengeName, undefined);
    const result = out.AuthenticationResult;
    assert.equal(result.ExpiresIn, 3600);
    assert.equal(result.TokenType, 'Bearer');
    assert.equal(result.AccessToken.split('.').length, 3);
    assert.equal(result.IdToken.split('.').length, 3);
    assert.equal(typeof result.RefreshToken, 'string');
    assert.ok(result.RefreshToken.length > 0);
    assert.equal(typeof out.$metadata.requestId, 'string');
  });

  test('REFRESH_TOKEN_AUTH returns new tokens without a refresh token', async () => {
    const first = await cognito.send(new InitiateAuthCommand({
      ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD },
    }));
    const out = await cognito.send(new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: first.AuthenticationResult.RefreshToken },
    }));
    assert.equal(typeof out.AuthenticationResult.AccessToken, 'string');
    assert.equal(typeof out.AuthenticationResult.IdToken, 'string');
    assert.equal(out.AuthenticationResult.RefreshToken, undefined);
  });

  test('client with a secret: SECRET_HASH accepted, missing or wrong rejected', async () => {
    const out = await cognito.send(new InitiateAuthCommand({
      ClientId: secretClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: {
        USERNAME, PASSWORD, SECRET_HASH: secretHash(USERNAME, secretClientId, secretClientSecret),
      },
    }));
    assert.equal(typeof out.AuthenticationResult.AccessToken, 'string');

    await expectAwsError(
      cognito.send(new InitiateAuthCommand({
        ClientId: secretClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD },
      })),
      'NotAuthorizedException',
      new RegExp(`^Client ${secretClientId} is configured (for|with) secret but (secret|SECRET_HASH) was not received$`),
    );
    await expectAwsError(
      cognito.send(new InitiateAuthCommand({
        ClientId: secretClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME, PASSWORD, SECRET_HASH: secretHash(USERNAME, secretClientId, 'wrong') },
      })),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${secretClientId}`,
    );
  });

  test('wrong password and unknown user', async () => {
    await expectAwsError(
      cognito.send(new InitiateAuthCommand({
        ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME, PASSWORD: 'Wrong-Passw0rd' },
      })),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    await expectAwsError(
      cognito.send(new InitiateAuthCommand({
        ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'nobody', PASSWORD },
      })),
      'UserNotFoundException',
      'User does not exist.',
    );
  });

  test('AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH returns tokens', async () => {
    const out = await cognito.send(new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME, PASSWORD },
    }));
    assert.deepEqual(out.ChallengeParameters, {});
    assert.equal(out.AuthenticationResult.ExpiresIn, 3600);
    assert.equal(out.AuthenticationResult.TokenType, 'Bearer');
    assert.equal(typeof out.AuthenticationResult.RefreshToken, 'string');
  });

  test('GetUser with the access token', async () => {
    const auth = await cognito.send(new InitiateAuthCommand({
      ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD },
    }));
    const user = await cognito.send(new GetUserCommand({
      AccessToken: auth.AuthenticationResult.AccessToken,
    }));
    assert.equal(user.Username, USERNAME);
    const attributes = Object.fromEntries(user.UserAttributes.map((a) => [a.Name, a.Value]));
    assert.equal(attributes.email, EMAIL);
    assert.match(attributes.sub, /^[0-9a-f-]{36}$/);

    await expectAwsError(
      cognito.send(new GetUserCommand({ AccessToken: 'not-a-token' })),
      'NotAuthorizedException',
      'Invalid Access Token',
    );
  });
});
