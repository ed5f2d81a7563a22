// amazon-cognito-identity-js against the emulator's attribute actions: a signed-in user changes
// their email (updateAttributes), reads the code from GET /_emulator/outbox, verifies it
// (verifyAttribute) and sees the new email verified (getUserAttributes); then deletes an
// optional attribute (deleteAttributes).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import identity from 'amazon-cognito-identity-js';
import { ENDPOINT, lastMessage, newClient, uniqueName } from './helpers.mjs';

const { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool } = identity;
const cognito = newClient();
const PASSWORD = 'Perm4nent!Pass';

function callback(resolve, reject) {
  return (err, result) => (err ? reject(err) : resolve(result));
}

function attributesOf(user) {
  return new Promise((resolve, reject) => user.getUserAttributes(callback(resolve, reject)))
    .then((list) => Object.fromEntries(list.map((a) => [a.getName(), a.getValue()])));
}

describe('amazon-cognito-identity-js (user attributes)', () => {
  let poolId;
  let pool;

  before(async () => {
    poolId = (await cognito.send(new CreateUserPoolCommand({
      PoolName: uniqueName('attributes'),
      AutoVerifiedAttributes: ['email'],
    }))).UserPool.Id;
    const clientId = (await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'browser',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }))).UserPoolClient.ClientId;
    pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: ENDPOINT });
    await cognito.send(new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: 'ada',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: 'ada@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'given_name', Value: 'Ada' },
      ],
    }));
    await cognito.send(new AdminSetUserPasswordCommand({
      UserPoolId: poolId, Username: 'ada', Password: PASSWORD, Permanent: true,
    }));
  });

  test('updateAttributes email, verifyAttribute with the emailed code, getUserAttributes', async () => {
    const user = new CognitoUser({ Username: 'ada', Pool: pool });
    await new Promise((resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: 'ada', Password: PASSWORD }), {
        onSuccess: resolve,
        onFailure: reject,
      });
    });
    const updated = await new Promise((resolve, reject) => user.updateAttributes(
      [new CognitoUserAttribute({ Name: 'email', Value: 'lovelace@example.org' })],
      callback(resolve, reject),
    ));
    assert.equal(updated, 'SUCCESS');
    let attributes = await attributesOf(user);
    assert.equal(attributes.email, 'lovelace@example.org');
    assert.equal(attributes.email_verified, 'false');

    const message = await lastMessage(poolId, 'ada', 'verify:email');
    assert.equal(message.destination, 'lovelace@example.org');
    await assert.rejects(
      new Promise((resolve, reject) => user.verifyAttribute('email', message.code === '000000' ? '111111' : '000000', {
        onSuccess: resolve, onFailure: reject,
      })),
      { code: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.' },
    );
    const verified = await new Promise((resolve, reject) => user.verifyAttribute('email', message.code, {
      onSuccess: resolve, onFailure: reject,
    }));
    assert.equal(verified, 'SUCCESS');
    attributes = await attributesOf(user);
    assert.equal(attributes.email, 'lovelace@example.org');
    assert.equal(attributes.email_verified, 'true');

    const deleted = await new Promise((resolve, reject) => user.deleteAttributes(['given_name'], callback(resolve, reject)));
    assert.equal(deleted, 'SUCCESS');
    attributes = await attributesOf(user);
    assert.equal(attributes.given_name, undefined);
  });
});
