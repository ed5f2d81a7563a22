// amazon-cognito-identity-js against the emulator's user lifecycle: signUp, the confirmation
// code read from GET /_emulator/outbox, confirmRegistration, then SRP sign-in; resending a code
// supersedes the old one; forgotPassword, confirmPassword and sign-in with the new password.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  AdminGetUserCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import identity from 'amazon-cognito-identity-js';
import { ENDPOINT, lastMessage, newClient, uniqueName } from './helpers.mjs';

const { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool } = identity;
const cognito = newClient();
const PASSWORD = 'Perm4nent!Pass';
const NEW_PASSWORD = 'Ch4nged!Pass';

function signUp(pool, username, email) {
  const attributes = [new CognitoUserAttribute({ Name: 'email', Value: email })];
  return new Promise((resolve, reject) => {
    pool.signUp(username, PASSWORD, attributes, null, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function callback(resolve, reject) {
  return (err, result) => (err ? reject(err) : resolve(result));
}

function authenticate(user, password) {
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
    });
  });
}

describe('amazon-cognito-identity-js (sign-up and password recovery)', () => {
  let poolId;
  let pool;

  before(async () => {
    poolId = (await cognito.send(new CreateUserPoolCommand({
      PoolName: uniqueName('signup'),
      AutoVerifiedAttributes: ['email'],
    }))).UserPool.Id;
    const clientId = (await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'browser',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }))).UserPoolClient.ClientId;
    pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: ENDPOINT });
  });

  test('signUp, confirmRegistration with the emailed code, then sign in', async () => {
    const result = await signUp(pool, 'sam', 'sam@example.com');
    assert.equal(result.userConfirmed, false);
    assert.match(result.userSub, /^[0-9a-f-]{36}$/);
    assert.deepEqual(result.codeDeliveryDetails, {
      AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 's***@e***.com',
    });
    const user = result.user;
    await assert.rejects(authenticate(user, PASSWORD), { code: 'UserNotConfirmedException' });
    await assert.rejects(
      new Promise((resolve, reject) => user.confirmRegistration('000000x', false, callback(resolve, reject))),
      { code: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.' },
    );
    const code = (await lastMessage(poolId, 'sam', 'signup')).code;
    const confirmed = await new Promise((resolve, reject) => user.confirmRegistration(code, false, callback(resolve, reject)));
    assert.equal(confirmed, 'SUCCESS');
    const session = await authenticate(user, PASSWORD);
    assert.ok(session.isValid());
    const got = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'sam' }));
    assert.equal(got.UserStatus, 'CONFIRMED');
    assert.equal(got.UserAttributes.find((a) => a.Name === 'email_verified')?.Value, 'true');
  });

  test('a resent code supersedes the first one', async () => {
    const { user } = await signUp(pool, 'rita', 'rita@example.com');
    const first = (await lastMessage(poolId, 'rita', 'signup')).code;
    await new Promise((resolve, reject) => user.resendConfirmationCode(callback(resolve, reject)));
    const second = (await lastMessage(poolId, 'rita', 'signup')).code;
    if (first !== second) {
      await assert.rejects(
        new Promise((resolve, reject) => user.confirmRegistration(first, false, callback(resolve, reject))),
        { code: 'ExpiredCodeException' },
      );
    }
    await new Promise((resolve, reject) => user.confirmRegistration(second, false, callback(resolve, reject)));
  });

  test('forgotPassword, confirmPassword, then sign in with the new password', async () => {
    const user = new CognitoUser({ Username: 'sam', Pool: pool });
    const details = await new Promise((resolve, reject) => {
      user.forgotPassword({ onSuccess: resolve, onFailure: reject, inputVerificationCode: resolve });
    });
    assert.equal(details.CodeDeliveryDetails.Destination, 's***@e***.com');
    const code = (await lastMessage(poolId, 'sam', 'password')).code;
    await new Promise((resolve, reject) => {
      user.confirmPassword(code, NEW_PASSWORD, { onSuccess: resolve, onFailure: reject });
    });
    await assert.rejects(authenticate(new CognitoUser({ Username: 'sam', Pool: pool }), PASSWORD),
      { code: 'NotAuthorizedException' });
    const session = await authenticate(new CognitoUser({ Username: 'sam', Pool: pool }), NEW_PASSWORD);
    assert.ok(session.isValid());
  });

  test('an unknown user cannot ask for a code', async () => {
    const user = new CognitoUser({ Username: 'nobody', Pool: pool });
    await assert.rejects(
      new Promise((resolve, reject) => user.forgotPassword({ onSuccess: resolve, onFailure: reject })),
      { code: 'UserNotFoundException', message: 'Username/client id combination not found.' },
    );
  });
});
