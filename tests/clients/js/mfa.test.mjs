// amazon-cognito-identity-js against the emulator's MFA: TOTP enrolment for a signed-in user
// then a SOFTWARE_TOKEN_MFA sign-in, SMS MFA with the code read from GET /_emulator/outbox,
// MFA_SETUP for a new user of a pool that requires MFA, and SELECT_MFA_TYPE. TOTP codes are
// computed here with node:crypto (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { before, describe, test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import identity from 'amazon-cognito-identity-js';
import { ENDPOINT, newClient, uniqueName } from './helpers.mjs';

const { AuthenticationDetails, CognitoUser, CognitoUserPool } = identity;
const cognito = newClient();
const PASSWORD = 'Perm4nent!Pass';
const PHONE = '+15550101234';
const SMS_CONFIGURATION = { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms' };

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/=+$/, '')) {
    value = (value << 5) | alphabet.indexOf(c.toUpperCase());
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

// The TOTP code for the step `stepOffset` steps from now.
function totp(secretCode, stepOffset = 0) {
  const counter = Math.floor(Date.now() / 1000 / 30) + stepOffset;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32Decode(secretCode)).update(message).digest();
  const offset = mac[19] & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(binary).padStart(6, '0');
}

async function outbox(poolId, username) {
  const query = new URLSearchParams({ poolId, username });
  const response = await fetch(`${ENDPOINT}/_emulator/outbox?${query}`);
  assert.equal(response.status, 200);
  return (await response.json()).messages;
}

// Runs authenticateUser; resolves with the session or with the challenge the library reports.
function authenticate(user, password) {
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      onSuccess: (session) => resolve({ session }),
      onFailure: reject,
      mfaRequired: (name, parameters) => resolve({ challenge: name, parameters }),
      totpRequired: (name, parameters) => resolve({ challenge: name, parameters }),
      selectMFAType: (name, parameters) => resolve({ challenge: name, parameters }),
      mfaSetup: (name, parameters) => resolve({ challenge: name, parameters }),
      newPasswordRequired: () => resolve({ challenge: 'NEW_PASSWORD_REQUIRED' }),
    });
  });
}

function sendMfaCode(user, code, type) {
  return new Promise((resolve, reject) => {
    user.sendMFACode(code, { onSuccess: resolve, onFailure: reject }, type);
  });
}

async function createPool(name, mfaConfig) {
  const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: uniqueName(name) }))).UserPool.Id;
  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, ...mfaConfig }));
  const clientId = (await cognito.send(new CreateUserPoolClientCommand({
    UserPoolId: poolId,
    ClientName: 'browser',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  }))).UserPoolClient.ClientId;
  return { poolId, clientId, pool: new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: ENDPOINT }) };
}

async function createUser(poolId, username, attributes = []) {
  await cognito.send(new AdminCreateUserCommand({
    UserPoolId: poolId, Username: username, TemporaryPassword: 'Temp0rary!Pass', MessageAction: 'SUPPRESS',
    UserAttributes: attributes,
  }));
  await cognito.send(new AdminSetUserPasswordCommand({
    UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true,
  }));
}

describe('amazon-cognito-identity-js (MFA)', () => {
  let optional;
  let required;

  before(async () => {
    optional = await createPool('mfa-optional', {
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION },
    });
    required = await createPool('mfa-on', {
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
  });

  test('the pool MFA configuration reads back', async () => {
    const config = await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: optional.poolId }));
    assert.equal(config.MfaConfiguration, 'OPTIONAL');
    assert.equal(config.SoftwareTokenMfaConfiguration.Enabled, true);
    assert.deepEqual(config.SmsMfaConfiguration.SmsConfiguration, SMS_CONFIGURATION);
  });

  test('TOTP enrolment, then sign-in answers SOFTWARE_TOKEN_MFA', async () => {
    await createUser(optional.poolId, 'tina');
    const user = new CognitoUser({ Username: 'tina', Pool: optional.pool });
    const first = await authenticate(user, PASSWORD);
    assert.ok(first.session, 'no MFA before enrolment');
    const secretCode = await new Promise((resolve, reject) => {
      user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject });
    });
    assert.match(secretCode, /^[A-Z2-7]{52}$/);
    const verified = await new Promise((resolve, reject) => {
      user.verifySoftwareToken(totp(secretCode), 'tina-phone', { onSuccess: resolve, onFailure: reject });
    });
    assert.equal(verified.Status, 'SUCCESS');
    await new Promise((resolve, reject) => {
      user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, (err, result) => (err ? reject(err) : resolve(result)));
    });
    const admin = await cognito.send(new AdminGetUserCommand({ UserPoolId: optional.poolId, Username: 'tina' }));
    assert.deepEqual(admin.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    assert.equal(admin.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');

    const again = new CognitoUser({ Username: 'tina', Pool: optional.pool });
    const challenge = await authenticate(again, PASSWORD);
    assert.equal(challenge.challenge, 'SOFTWARE_TOKEN_MFA');
    assert.equal(challenge.parameters.FRIENDLY_DEVICE_NAME, 'tina-phone');
    // The verification code's step is used up: the next step's code is within the window.
    await assert.rejects(sendMfaCode(again, '000000', 'SOFTWARE_TOKEN_MFA'), (err) => {
      assert.equal(err.code, 'CodeMismatchException');
      return true;
    });
    const session = await sendMfaCode(again, totp(secretCode, 1), 'SOFTWARE_TOKEN_MFA');
    assert.equal(session.isValid(), true);
    assert.equal(session.getIdToken().decodePayload()['cognito:username'], 'tina');
  });

  test('SMS MFA with the code from the outbox', async () => {
    await createUser(optional.poolId, 'sam', [{ Name: 'phone_number', Value: PHONE }]);
    await cognito.send(new AdminSetUserMFAPreferenceCommand({
      UserPoolId: optional.poolId, Username: 'sam', SMSMfaSettings: { Enabled: true, PreferredMfa: true },
    }));
    const user = new CognitoUser({ Username: 'sam', Pool: optional.pool });
    const challenge = await authenticate(user, PASSWORD);
    assert.equal(challenge.challenge, 'SMS_MFA');
    assert.equal(challenge.parameters.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
    assert.equal(challenge.parameters.CODE_DELIVERY_DESTINATION, '+*******1234');
    const [message] = await outbox(optional.poolId, 'sam');
    assert.equal(message.destination, PHONE);
    assert.equal(message.deliveryMedium, 'SMS');
    assert.match(message.code, /^\d{6}$/);
    const session = await sendMfaCode(user, message.code);
    assert.equal(session.isValid(), true);
  });

  test('a pool with MFA ON sends a new user through MFA_SETUP', async () => {
    await createUser(required.poolId, 'nina');
    const user = new CognitoUser({ Username: 'nina', Pool: required.pool });
    const challenge = await authenticate(user, PASSWORD);
    assert.equal(challenge.challenge, 'MFA_SETUP');
    assert.deepEqual(JSON.parse(challenge.parameters.MFAS_CAN_SETUP), ['SOFTWARE_TOKEN_MFA']);
    const secretCode = await new Promise((resolve, reject) => {
      user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject });
    });
    // verifySoftwareToken with a sign-in session also answers MFA_SETUP and signs in.
    const session = await new Promise((resolve, reject) => {
      user.verifySoftwareToken(totp(secretCode), 'nina-phone', { onSuccess: resolve, onFailure: reject });
    });
    assert.equal(session.isValid(), true);
    const admin = await cognito.send(new AdminGetUserCommand({ UserPoolId: required.poolId, Username: 'nina' }));
    assert.equal(admin.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
    const next = await authenticate(new CognitoUser({ Username: 'nina', Pool: required.pool }), PASSWORD);
    assert.equal(next.challenge, 'SOFTWARE_TOKEN_MFA');
  });

  test('SELECT_MFA_TYPE when SMS and TOTP are both enabled', async () => {
    await createUser(optional.poolId, 'sela', [{ Name: 'phone_number', Value: PHONE }]);
    // Enrol TOTP with the AWS SDK (access-token path), then enable SMS too, none preferred.
    const tokens = await cognito.send(new InitiateAuthCommand({
      ClientId: optional.clientId, AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'sela', PASSWORD },
    }));
    const accessToken = tokens.AuthenticationResult.AccessToken;
    const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    await cognito.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totp(SecretCode) }));
    await cognito.send(new AdminSetUserMFAPreferenceCommand({
      UserPoolId: optional.poolId, Username: 'sela',
      SMSMfaSettings: { Enabled: true, PreferredMfa: false },
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
    }));
    const user = new CognitoUser({ Username: 'sela', Pool: optional.pool });
    const challenge = await authenticate(user, PASSWORD);
    assert.equal(challenge.challenge, 'SELECT_MFA_TYPE');
    assert.deepEqual(JSON.parse(challenge.parameters.MFAS_CAN_CHOOSE), ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    const chosen = await new Promise((resolve, reject) => {
      user.sendMFASelectionAnswer('SMS_MFA', {
        mfaRequired: (name, parameters) => resolve({ name, parameters }),
        totpRequired: (name) => reject(new Error(`unexpected ${name}`)),
        onFailure: reject,
      });
    });
    assert.equal(chosen.name, 'SMS_MFA');
    const [message] = await outbox(optional.poolId, 'sela');
    const session = await sendMfaCode(user, message.code);
    assert.equal(session.isValid(), true);
  });
});
