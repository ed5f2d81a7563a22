// AWS SDK for JavaScript v3 against USER_AUTH (choice-based sign-in): a passwordless sign-up,
// confirmation with the code from the outbox, then InitiateAuth USER_AUTH -> SELECT_CHALLENGE
// (AvailableChallenges) -> EMAIL_OTP with the 8-digit code -> tokens; and PREFERRED_CHALLENGE
// PASSWORD signing in at once; and the sign-up Session that signs in right after ConfirmSignUp.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodePart, lastMessage, newClient, uniqueName } from './helpers.mjs';

const cognito = newClient();

describe('AWS SDK v3 (USER_AUTH)', () => {
  let poolId;
  let clientId;

  before(async () => {
    poolId = (await cognito.send(new CreateUserPoolCommand({
      PoolName: uniqueName('user-auth'),
      AutoVerifiedAttributes: ['email'],
      UserPoolTier: 'ESSENTIALS',
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    }))).UserPool.Id;
    clientId = (await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }))).UserPoolClient.ClientId;
  });

  test('passwordless sign-up, then SELECT_CHALLENGE and EMAIL_OTP', async () => {
    const username = uniqueName('pat');
    const email = `${username}@example.com`;
    await cognito.send(new SignUpCommand({
      ClientId: clientId, Username: username, UserAttributes: [{ Name: 'email', Value: email }],
    }));
    const { code: confirmation } = await lastMessage(poolId, username, 'signup');
    await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: confirmation }));

    const select = await cognito.send(new InitiateAuthCommand({
      ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: username },
    }));
    assert.equal(select.ChallengeName, 'SELECT_CHALLENGE');
    assert.deepEqual(select.AvailableChallenges, ['EMAIL_OTP']);
    const otp = await cognito.send(new RespondToAuthChallengeCommand({
      ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: select.Session,
      ChallengeResponses: { USERNAME: username, ANSWER: 'EMAIL_OTP' },
    }));
    assert.equal(otp.ChallengeName, 'EMAIL_OTP');
    assert.equal(otp.ChallengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM, 'EMAIL');
    const { code, destination } = await lastMessage(poolId, username, 'otp');
    assert.match(code, /^\d{8}$/);
    assert.equal(destination, email);
    const done = await cognito.send(new RespondToAuthChallengeCommand({
      ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: otp.Session,
      ChallengeResponses: { USERNAME: username, EMAIL_OTP_CODE: code },
    }));
    const id = decodePart(done.AuthenticationResult.IdToken.split('.')[1]);
    assert.equal(id['cognito:username'], username);
    assert.equal(id.email_verified, true);
  });

  test('PREFERRED_CHALLENGE PASSWORD signs in at once', async () => {
    const username = uniqueName('ann');
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminSetUserPasswordCommand({
      UserPoolId: poolId, Username: username, Password: 'Perm4nent!Pass', Permanent: true,
    }));
    const out = await cognito.send(new InitiateAuthCommand({
      ClientId: clientId, AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Perm4nent!Pass' },
    }));
    assert.ok(out.AuthenticationResult.AccessToken);
    assert.equal(out.ChallengeName, undefined);
  });

  test('the Session of SignUp and ConfirmSignUp signs in without another code', async () => {
    const username = uniqueName('sue');
    const signedUp = await cognito.send(new SignUpCommand({
      ClientId: clientId, Username: username, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
    }));
    assert.ok(signedUp.Session);
    const { code } = await lastMessage(poolId, username, 'signup');
    const confirmed = await cognito.send(new ConfirmSignUpCommand({
      ClientId: clientId, Username: username, ConfirmationCode: code, Session: signedUp.Session,
    }));
    assert.ok(confirmed.Session);
    const out = await cognito.send(new InitiateAuthCommand({
      ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: username }, Session: confirmed.Session,
    }));
    assert.ok(out.AuthenticationResult.IdToken);
  });
});
