// amazon-cognito-identity-js against the emulator: SRP sign-in (USER_SRP_AUTH + PASSWORD_VERIFIER),
// the NEW_PASSWORD_REQUIRED challenge for an admin-created user, and a session refresh.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  GetUserCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import identity from 'amazon-cognito-identity-js';
import { ENDPOINT, newClient, uniqueName } from './helpers.mjs';

const { AuthenticationDetails, CognitoUser, CognitoUserPool } = identity;
const cognito = newClient();
const PASSWORD = 'Perm4nent!Pass';

// Runs authenticateUser and settles on the first callback; challenges resolve with their name.
function authenticate(user, password) {
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      onSuccess: (session) => resolve({ session }),
      onFailure: reject,
      newPasswordRequired: (userAttributes) => resolve({ challenge: 'NEW_PASSWORD_REQUIRED', userAttributes }),
      mfaRequired: () => resolve({ challenge: 'SMS_MFA' }),
      totpRequired: () => resolve({ challenge: 'SOFTWARE_TOKEN_MFA' }),
      customChallenge: () => resolve({ challenge: 'CUSTOM_CHALLENGE' }),
    });
  });
}

describe('amazon-cognito-identity-js (SRP)', () => {
  let pool;
  let poolId;

  before(async () => {
    poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: uniqueName('srp') }))).UserPool.Id;
    const clientId = (await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'browser',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }))).UserPoolClient.ClientId;
    for (const username of ['carol', 'dave']) {
      await cognito.send(new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        TemporaryPassword: 'Temp0rary!Pass',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
      }));
    }
    await cognito.send(new AdminSetUserPasswordCommand({
      UserPoolId: poolId, Username: 'carol', Password: PASSWORD, Permanent: true,
    }));
    pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: ENDPOINT });
  });

  test('SRP sign-in returns a valid session', async () => {
    const user = new CognitoUser({ Username: 'carol', Pool: pool });
    const { session } = await authenticate(user, PASSWORD);
    assert.ok(session, 'onSuccess called');
    assert.equal(session.isValid(), true);
    assert.equal(session.getIdToken().decodePayload()['cognito:username'], 'carol');
    assert.equal(session.getAccessToken().decodePayload().token_use, 'access');
  });

  test('SRP sign-in with a wrong password is refused', async () => {
    const user = new CognitoUser({ Username: 'carol', Pool: pool });
    await assert.rejects(authenticate(user, 'Wrong-Passw0rd'), (err) => {
      assert.equal(err.code, 'NotAuthorizedException');
      assert.equal(err.message, 'Incorrect username or password.');
      return true;
    });
  });

  test('refreshSession issues new tokens', async () => {
    const user = new CognitoUser({ Username: 'carol', Pool: pool });
    const { session } = await authenticate(user, PASSWORD);
    const refreshed = await new Promise((resolve, reject) => {
      user.refreshSession(session.getRefreshToken(), (err, s) => (err ? reject(err) : resolve(s)));
    });
    assert.equal(refreshed.isValid(), true);
    assert.equal(refreshed.getIdToken().decodePayload().sub, session.getIdToken().decodePayload().sub);
  });

  test('admin-created user must choose a new password', async () => {
    const user = new CognitoUser({ Username: 'dave', Pool: pool });
    const first = await authenticate(user, 'Temp0rary!Pass');
    assert.equal(first.challenge, 'NEW_PASSWORD_REQUIRED');
    assert.equal(first.userAttributes.email, 'dave@example.com');
    const session = await new Promise((resolve, reject) => {
      user.completeNewPasswordChallenge('N3w!Password', {}, { onSuccess: resolve, onFailure: reject });
    });
    assert.equal(session.isValid(), true);
    const admin = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'dave' }));
    assert.equal(admin.UserStatus, 'CONFIRMED');
    const again = await authenticate(new CognitoUser({ Username: 'dave', Pool: pool }), 'N3w!Password');
    assert.ok(again.session, 'signs in with the new password');
  });

  test('globalSignOut revokes the access and refresh tokens', async () => {
    const user = new CognitoUser({ Username: 'carol', Pool: pool });
    const { session } = await authenticate(user, PASSWORD);
    const accessToken = session.getAccessToken().getJwtToken();
    await new Promise((resolve, reject) => user.globalSignOut({ onSuccess: resolve, onFailure: reject }));
    await assert.rejects(cognito.send(new GetUserCommand({ AccessToken: accessToken })), (err) => {
      assert.equal(err.name, 'NotAuthorizedException');
      assert.equal(err.message, 'Access Token has been revoked');
      return true;
    });
    const again = new CognitoUser({ Username: 'carol', Pool: pool });
    await assert.rejects(new Promise((resolve, reject) => {
      again.refreshSession(session.getRefreshToken(), (err, s) => (err ? reject(err) : resolve(s)));
    }), (err) => {
      assert.equal(err.code, 'NotAuthorizedException');
      assert.equal(err.message, 'Refresh Token has been revoked');
      return true;
    });
  });

  test('changePassword keeps SRP sign-in working with the new password', async () => {
    await cognito.send(new AdminCreateUserCommand({
      UserPoolId: poolId, Username: 'erin', TemporaryPassword: 'Temp0rary!Pass', MessageAction: 'SUPPRESS',
    }));
    await cognito.send(new AdminSetUserPasswordCommand({
      UserPoolId: poolId, Username: 'erin', Password: PASSWORD, Permanent: true,
    }));
    const user = new CognitoUser({ Username: 'erin', Pool: pool });
    await authenticate(user, PASSWORD);
    await new Promise((resolve, reject) => {
      user.changePassword(PASSWORD, 'Ch4nged!Pass', (err, result) => (err ? reject(err) : resolve(result)));
    });
    const fresh = await authenticate(new CognitoUser({ Username: 'erin', Pool: pool }), 'Ch4nged!Pass');
    assert.ok(fresh.session, 'signs in with the changed password');
    await assert.rejects(authenticate(new CognitoUser({ Username: 'erin', Pool: pool }), PASSWORD));
  });
});
