// amazon-cognito-identity-js remembered devices: SRP sign-in confirms the new device, the user
// remembers it, the next sign-in passes DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER, and after
// forgetDevice (or a device the server forgot) the sign-in falls back to the full flow.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminForgetDeviceCommand,
  AdminListDevicesCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import identity from 'amazon-cognito-identity-js';
import { ENDPOINT, decodePart, newClient, uniqueName } from './helpers.mjs';

const { AuthenticationDetails, CognitoUser, CognitoUserPool } = identity;
const cognito = newClient();
const PASSWORD = 'Dev1ce!Password';

// authenticateUser; resolves with the session and UserConfirmationNecessary.
function signIn(user) {
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: 'erin', Password: PASSWORD }), {
      onSuccess: (session, confirmationNecessary) => resolve({ session, confirmationNecessary }),
      onFailure: reject,
      mfaRequired: () => reject(new Error('unexpected SMS_MFA')),
      totpRequired: () => reject(new Error('unexpected SOFTWARE_TOKEN_MFA')),
    });
  });
}

function call(user, method) {
  return new Promise((resolve, reject) => user[method]({ onSuccess: resolve, onFailure: reject }));
}

describe('amazon-cognito-identity-js (remembered devices)', () => {
  let pool;
  let poolId;

  async function devices() {
    return (await cognito.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'erin' }))).Devices;
  }

  before(async () => {
    poolId = (await cognito.send(new CreateUserPoolCommand({
      PoolName: uniqueName('devices'),
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    }))).UserPool.Id;
    const clientId = (await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'browser',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }))).UserPoolClient.ClientId;
    await cognito.send(new AdminCreateUserCommand({
      UserPoolId: poolId, Username: 'erin', MessageAction: 'SUPPRESS',
    }));
    await cognito.send(new AdminSetUserPasswordCommand({
      UserPoolId: poolId, Username: 'erin', Password: PASSWORD, Permanent: true,
    }));
    pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: ENDPOINT });
  });

  test('confirm, remember, sign in with device SRP, forget', async () => {
    const user = new CognitoUser({ Username: 'erin', Pool: pool });
    const first = await signIn(user);
    assert.equal(first.confirmationNecessary, true, 'the pool asks the user to opt in');
    const deviceKey = user.deviceKey;
    assert.match(deviceKey, /^us-east-1_[0-9a-f-]{36}$/);
    await call(user, 'setDeviceStatusRemembered');
    const [remembered] = await devices();
    assert.equal(remembered.DeviceKey, deviceKey);
    assert.ok(remembered.DeviceAttributes.some(
      (a) => a.Name === 'dev:device_remembered_status' && a.Value === 'remembered'));

    // The library answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER itself.
    const second = await signIn(user);
    const claims = decodePart(second.session.getAccessToken().getJwtToken().split('.')[1]);
    assert.equal(claims.device_key, deviceKey);
    assert.equal(user.deviceKey, deviceKey, 'no new device was issued');
    assert.equal((await devices()).length, 1);

    // The refreshed session keeps the device.
    const refreshed = await new Promise((resolve, reject) => user.refreshSession(
      second.session.getRefreshToken(), (err, session) => (err ? reject(err) : resolve(session))));
    assert.equal(decodePart(refreshed.getAccessToken().getJwtToken().split('.')[1]).device_key, deviceKey);

    await call(user, 'forgetDevice');
    assert.equal((await devices()).length, 0);
    const third = await signIn(user);
    assert.ok(third.session.isValid());
    assert.notEqual(user.deviceKey, deviceKey, 'the full flow issued a new device');
  });

  test('a device the server forgot: the library drops its key and signs in again', async () => {
    const user = new CognitoUser({ Username: 'erin', Pool: pool });
    await signIn(user);
    await call(user, 'setDeviceStatusRemembered');
    const staleKey = user.deviceKey;
    await cognito.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: 'erin', DeviceKey: staleKey }));
    const again = await signIn(user);
    assert.ok(again.session.isValid());
    assert.ok(user.deviceKey && user.deviceKey !== staleKey);
    assert.ok((await devices()).every((d) => d.DeviceKey !== staleKey));
  });
});
