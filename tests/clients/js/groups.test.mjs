// Groups in tokens with real clients: groups made and joined with the AWS SDK for JavaScript v3,
// then an amazon-cognito-identity-js SRP sign-in whose ID token carries cognito:groups (by
// precedence), cognito:roles and cognito:preferred_role (the signatures are jwt.test.mjs's
// business); leaving a group drops it from the next token.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import identity from 'amazon-cognito-identity-js';
import { ENDPOINT, newClient, uniqueName } from './helpers.mjs';

const { AuthenticationDetails, CognitoUser, CognitoUserPool } = identity;
const cognito = newClient();
const PASSWORD = 'Gr0ups!Password';
const role = (name) => `arn:aws:iam::123456789012:role/${name}`;

function signIn(pool, username) {
  const user = new CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: PASSWORD }), {
      onSuccess: resolve,
      onFailure: reject,
    });
  });
}

describe('groups in tokens (AWS SDK v3 + amazon-cognito-identity-js)', () => {
  let poolId;
  let clientId;
  let pool;

  before(async () => {
    poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: uniqueName('groups') }))).UserPool.Id;
    clientId = (await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId, ClientName: 'browser', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }))).UserPoolClient.ClientId;
    pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: ENDPOINT });
    for (const [name, precedence, arn] of [['staff', 10, role('staff')], ['admins', 1, role('admins')], ['beta', undefined, undefined]]) {
      await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: name, Precedence: precedence, RoleArn: arn }));
    }
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'gail', MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'gail', Password: PASSWORD, Permanent: true }));
    for (const group of ['beta', 'staff', 'admins']) {
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'gail', GroupName: group }));
    }
  });

  test('the ID token lists the groups by precedence with their roles', async () => {
    const session = await signIn(pool, 'gail');
    const claims = session.getIdToken().decodePayload();
    assert.deepEqual(claims['cognito:groups'], ['admins', 'staff', 'beta']);
    assert.deepEqual(claims['cognito:roles'], [role('admins'), role('staff')]);
    assert.equal(claims['cognito:preferred_role'], role('admins'));
    assert.deepEqual(session.getAccessToken().decodePayload()['cognito:groups'], ['admins', 'staff', 'beta']);
  });

  test('leaving a group drops it from the next sign-in', async () => {
    await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: 'gail', GroupName: 'admins' }));
    const claims = (await signIn(pool, 'gail')).getIdToken().decodePayload();
    assert.deepEqual(claims['cognito:groups'], ['staff', 'beta']);
    assert.equal(claims['cognito:preferred_role'], role('staff'));
  });
});
