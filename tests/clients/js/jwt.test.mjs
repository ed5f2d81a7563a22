// aws-jwt-verify against the emulator's tokens: the JWKS is fetched from the emulator and cached
// (recipe A in the token spec), so tokens keep the real-format `iss` and nothing leaves the host.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { JwtInvalidSignatureError } from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { ENDPOINT, USER_PASSWORD_FLOWS, decodePart, newClient, uniqueName } from './helpers.mjs';

const cognito = newClient();
const USERNAME = 'jwt-user';
const EMAIL = 'jwt-user@example.com';
const PASSWORD = 'Perm4nent!Pass';

// A JWKS cache that refuses to fetch: a cache miss must fail the test, never reach AWS.
function offlineJwksCache() {
  return new SimpleJwksCache({
    fetcher: { fetch: async (uri) => { throw new Error(`unexpected JWKS fetch: ${uri}`); } },
  });
}

async function getJson(path) {
  const response = await fetch(`${ENDPOINT}${path}`);
  assert.equal(response.status, 200, `GET ${path}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return response.json();
}

describe('aws-jwt-verify', () => {
  let poolId;
  let clientId;
  let sub;
  let tokens;
  let jwks;
  let issuer;

  before(async () => {
    poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: uniqueName('jwt') }))).UserPool.Id;
    issuer = `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`;
    clientId = (await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId, ClientName: 'jwt', ExplicitAuthFlows: USER_PASSWORD_FLOWS,
    }))).UserPoolClient.ClientId;
    await cognito.send(new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: USERNAME,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: EMAIL }, { Name: 'email_verified', Value: 'true' }],
    }));
    await cognito.send(new AdminSetUserPasswordCommand({
      UserPoolId: poolId, Username: USERNAME, Password: PASSWORD, Permanent: true,
    }));
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: USERNAME }));
    sub = user.UserAttributes.find((a) => a.Name === 'sub').Value;
    tokens = (await cognito.send(new InitiateAuthCommand({
      ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD },
    }))).AuthenticationResult;
    jwks = await getJson(`/${poolId}/.well-known/jwks.json`);
  });

  function verifier(tokenUse) {
    const v = CognitoJwtVerifier.create(
      { userPoolId: poolId, tokenUse, clientId },
      { jwksCache: offlineJwksCache() },
    );
    v.cacheJwks(jwks);
    return v;
  }

  test('JWKS holds RS256 signing keys for both tokens', () => {
    assert.ok(Array.isArray(jwks.keys) && jwks.keys.length >= 1);
    for (const key of jwks.keys) {
      assert.equal(key.kty, 'RSA');
      assert.equal(key.alg, 'RS256');
      assert.equal(key.use, 'sig');
      assert.equal(key.e, 'AQAB');
      assert.match(key.n, /^[A-Za-z0-9_-]{300,}$/);
    }
    const kids = jwks.keys.map((k) => k.kid);
    for (const token of [tokens.IdToken, tokens.AccessToken]) {
      const header = decodePart(token.split('.')[0]);
      assert.deepEqual(Object.keys(header), ['kid', 'alg']);
      assert.equal(header.alg, 'RS256');
      assert.ok(kids.includes(header.kid), `kid ${header.kid} in JWKS`);
    }
  });

  test('ID token verifies and carries the user claims', async () => {
    const claims = await verifier('id').verify(tokens.IdToken);
    assert.equal(claims.token_use, 'id');
    assert.equal(claims.sub, sub);
    assert.equal(claims['cognito:username'], USERNAME);
    assert.equal(claims.email, EMAIL);
    assert.equal(claims.email_verified, true);
    assert.equal(claims.aud, clientId);
    assert.equal(claims.iss, issuer);
    assert.equal(claims.exp - claims.iat, 3600);
    assert.equal(typeof claims.auth_time, 'number');
    assert.match(claims.jti, /^[0-9a-f-]{36}$/);
  });

  test('access token verifies and carries client_id and scope', async () => {
    const claims = await verifier('access').verify(tokens.AccessToken);
    assert.equal(claims.token_use, 'access');
    assert.equal(claims.sub, sub);
    assert.equal(claims.username, USERNAME);
    assert.equal(claims.client_id, clientId);
    assert.equal(claims.aud, undefined);
    assert.equal(claims.scope, 'aws.cognito.signin.user.admin');
    assert.equal(claims.iss, issuer);
    assert.equal(claims.exp - claims.iat, 3600);
  });

  test('a token used as the other kind is refused', async () => {
    await assert.rejects(verifier('access').verify(tokens.IdToken));
    await assert.rejects(verifier('id').verify(tokens.AccessToken));
  });

  test('a tampered payload fails verification', async () => {
    const [header, payload, signature] = tokens.IdToken.split('.');
    // One character changed in place (may also break the JSON: any rejection will do).
    const i = Math.floor(payload.length / 2);
    const flipped = payload.slice(0, i) + (payload[i] === 'A' ? 'B' : 'A') + payload.slice(i + 1);
    await assert.rejects(verifier('id').verify(`${header}.${flipped}.${signature}`));
    // A well-formed payload with one claim changed must fail on the signature itself.
    const forged = { ...decodePart(payload), email: 'mallory@example.com' };
    const forgedPart = Buffer.from(JSON.stringify(forged)).toString('base64url');
    await assert.rejects(
      verifier('id').verify(`${header}.${forgedPart}.${signature}`),
      JwtInvalidSignatureError,
    );
  });

  test('openid-configuration agrees with iss', async () => {
    const discovery = await getJson(`/${poolId}/.well-known/openid-configuration`);
    assert.equal(discovery.issuer, issuer);
    assert.equal(discovery.jwks_uri, `${issuer}/.well-known/jwks.json`);
    assert.deepEqual(discovery.id_token_signing_alg_values_supported, ['RS256']);
  });
});
