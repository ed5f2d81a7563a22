// Shared setup for the JS client suites: endpoint from COGNITO_ENDPOINT, dummy credentials,
// unique names, SECRET_HASH, and an assertion for the AWS error shape.
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

export const REGION = 'us-east-1';

// Dummy credentials: admin operations are SigV4-signed, the emulator does not check the key.
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
process.env.AWS_REGION = REGION;
// Node 20 is still supported by the pinned SDK; its notice about future versions is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const ENDPOINT = (() => {
  const endpoint = process.env.COGNITO_ENDPOINT;
  if (!endpoint) {
    throw new Error('COGNITO_ENDPOINT is not set (run tests/clients/run.sh <binary>)');
  }
  return endpoint.replace(/\/+$/, '');
})();

export function newClient() {
  return new CognitoIdentityProviderClient({
    endpoint: ENDPOINT,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // One attempt: a retried request would hide the first answer and slow the suite.
    maxAttempts: 1,
  });
}

export function uniqueName(prefix) {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

// SECRET_HASH = Base64(HMAC-SHA256(key = client secret, message = username + client id)).
export function secretHash(username, clientId, clientSecret) {
  return createHmac('sha256', clientSecret).update(username + clientId).digest('base64');
}

// Awaits promise and checks it failed the way real Cognito fails: name, message, HTTP 400 and a
// request id. message may be a string (exact) or a RegExp.
export async function expectAwsError(promise, name, message) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.name, name, `error name (message: ${err.message})`);
    if (message instanceof RegExp) {
      assert.match(err.message, message);
    } else {
      assert.equal(err.message, message);
    }
    assert.equal(err.$metadata?.httpStatusCode, 400, 'HTTP status');
    assert.equal(typeof err.$metadata?.requestId, 'string', 'requestId');
    assert.ok(err.$metadata.requestId.length > 0, 'requestId not empty');
    return true;
  });
}

// Decodes one base64url JWT part to an object.
export function decodePart(part) {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

export const USER_PASSWORD_FLOWS = [
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];

// The newest outbox message (GET /_emulator/outbox) of this purpose for the user; fails if none.
export async function lastMessage(poolId, username, purpose) {
  const query = new URLSearchParams({ poolId, username });
  const response = await fetch(`${ENDPOINT}/_emulator/outbox?${query}`);
  assert.equal(response.status, 200);
  const message = (await response.json()).messages.find((m) => m.purpose === purpose);
  assert.ok(message, `a ${purpose} message for ${username}`);
  return message;
}
