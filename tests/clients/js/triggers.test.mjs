// Lambda triggers end to end: a trigger server on 127.0.0.1 answers both invocation styles (the
// Lambda Invoke API at --lambda-endpoint, and plain POSTs at --trigger-urls), and an emulator
// started for this suite calls it. Covers CUSTOM_AUTH with amazon-cognito-identity-js (right
// answer, three wrong ones, SRP then custom), PreSignUp (sign-up and AdminCreateUser),
// PostConfirmation, PreTokenGeneration V2, UserMigration (sign-in and forgot-password),
// CustomMessage and the errors of a function that fails, times out or answers garbage.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';

const BINARY = process.env.COGNITO_BINARY;
const ARN = (name) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const ANSWER = 'forty-two';
const LEGACY_PASSWORD = 'Legacy4Pass!';
const events = [];  // every event the server received, in order

// The functions: each takes the event and returns it with its response filled in.
const functions = {
  define(event) {
    const session = event.request.session;
    const last = session[session.length - 1];
    if (session.length === 1 && last.challengeName === 'SRP_A') {
      event.response.challengeName = 'PASSWORD_VERIFIER';
    } else if (last && last.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) {
      event.response.issueTokens = true;
    } else if (session.filter((s) => s.challengeName === 'CUSTOM_CHALLENGE').length >= 3) {
      event.response.failAuthentication = true;
    } else {
      event.response.challengeName = 'CUSTOM_CHALLENGE';
    }
    return event;
  },
  create(event) {
    event.response.publicChallengeParameters = { question: 'the answer?' };
    event.response.privateChallengeParameters = { answer: ANSWER };
    event.response.challengeMetadata = `round-${event.request.session.length}`;
    return event;
  },
  verify(event) {
    event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
    return event;
  },
  presignup(event) {
    if (event.request.validationData.refuse === 'yes') throw new Error('refused');
    event.response.autoConfirmUser = event.request.validationData.confirm === 'yes';
    event.response.autoVerifyEmail = event.response.autoConfirmUser;
    return event;
  },
  postconfirmation: (event) => event,
  // Calls the emulator back while SignUp waits for it: refuses an email another user has.
  async uniqueemail(event) {
    const m = await import('@aws-sdk/client-cognito-identity-provider');
    const lib = await import('./helpers.mjs');
    const found = await lib.newClient().send(new m.ListUsersCommand({
      UserPoolId: event.userPoolId, Filter: `email = "${event.request.userAttributes.email}"`,
    }));
    if (found.Users.length > 0) throw new Error('email taken');
    return event;
  },
  // legacy-bad-*: no userAttributes; legacy-reset-*: RESET_REQUIRED with a welcome email; other
  // legacy-*: CONFIRMED, no message; anyone else is unknown to the old directory.
  migrate(event) {
    const name = event.userName;
    if (name.startsWith('legacy-bad')) return event;
    if (!name.startsWith('legacy-')) throw new Error('no such user');
    if (event.triggerSource === 'UserMigration_Authentication' && event.request.password !== LEGACY_PASSWORD) {
      throw new Error('bad password');
    }
    event.response.userAttributes = { email: `${name}@example.com`, email_verified: 'true' };
    if (name.startsWith('legacy-reset')) {
      event.response.finalUserStatus = 'RESET_REQUIRED';
      event.response.desiredDeliveryMediums = ['EMAIL'];
    } else {
      event.response.finalUserStatus = 'CONFIRMED';
      event.response.messageAction = 'SUPPRESS';
    }
    return event;
  },
  // Sign-up codes and invitations get their own text; forgot-password answers a text without
  // the code, which Cognito does not use.
  custommessage(event) {
    const { codeParameter, usernameParameter, userAttributes } = event.request;
    if (event.triggerSource === 'CustomMessage_SignUp') {
      event.response.emailMessage = `Welcome ${userAttributes.email}: ${codeParameter}`;
    } else if (event.triggerSource === 'CustomMessage_AdminCreateUser') {
      event.response.emailMessage = `Hi ${usernameParameter}, your password is ${codeParameter}`;
    } else {
      event.response.emailMessage = 'No code here';
    }
    event.response.emailSubject = 'Hello';
    return event;
  },
  pretoken(event) {
    event.response.claimsAndScopeOverrideDetails = {
      idTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' } },
      accessTokenGeneration: { claimsToAddOrOverride: { plan: 'gold' }, scopesToAdd: ['acme/read'] },
      groupOverrideDetails: { groupsToOverride: ['from-trigger'] },
    };
    return event;
  },
};

function answerJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

// POST /plain/<fn> (plain style) or /2015-03-31/functions/<fn>/invocations (Lambda style).
async function handle(req, res, body) {
  const lambda = req.url.match(/^\/2015-03-31\/functions\/([^/]+)\/invocations$/);
  const plain = req.url.match(/^\/plain\/([^/?]+)$/);
  const name = lambda ? decodeURIComponent(lambda[1]) : plain ? plain[1] : '';
  const event = JSON.parse(body);
  events.push({ fn: name, style: lambda ? 'lambda' : 'plain', event: structuredClone(event) });
  if (name === 'boom') {
    return lambda
      ? answerJson(res, 200, { errorType: 'Error', errorMessage: 'boom' }, { 'X-Amz-Function-Error': 'Unhandled' })
      : answerJson(res, 500, { errorMessage: 'boom' });
  }
  if (name === 'slow') {
    return setTimeout(() => answerJson(res, 200, event), 1500);
  }
  if (name === 'garbage') {
    return answerJson(res, 200, 'this is not an event');
  }
  if (!functions[name]) {
    return answerJson(res, 404, { Type: 'User', message: `Function not found: ${name}` });
  }
  try {
    return answerJson(res, 200, await functions[name](event));
  } catch (err) {
    return lambda
      ? answerJson(res, 200, { errorType: 'Error', errorMessage: err.message }, { 'X-Amz-Function-Error': 'Unhandled' })
      : answerJson(res, 500, { errorMessage: err.message });
  }
}

const skip = BINARY ? false : 'COGNITO_BINARY is not set (run tests/clients/run.sh <binary>)';

describe('Lambda triggers', { skip }, () => {
  let triggerServer;
  let emulator;
  let lib;
  let cognito;
  let identity;

  before(async () => {
    triggerServer = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => handle(req, res, body));
    });
    await new Promise((resolve) => triggerServer.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${triggerServer.address().port}`;
    const plainUrls = ['define', 'presignup', 'boom']
      .map((fn) => `${ARN(fn)}=${base}/plain/${fn}`).join(',');
    emulator = spawn(BINARY, ['--port', '0', '--db', ':memory:', '--lambda-endpoint', base,
      '--trigger-urls', plainUrls, '--lambda-timeout-ms', '500'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const endpoint = await new Promise((resolve, reject) => {
      let out = '';
      emulator.stdout.on('data', (chunk) => {
        out += chunk;
        const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
        if (m) resolve(m[1]);
      });
      emulator.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
      setTimeout(() => reject(new Error('emulator did not start')), 10000);
    });
    process.env.COGNITO_ENDPOINT = endpoint;
    lib = await import('./helpers.mjs');
    cognito = lib.newClient();
    identity = (await import('amazon-cognito-identity-js')).default;
  });

  after(() => {
    emulator?.kill();
    triggerServer?.close();
  });

  async function sdk() { return import('@aws-sdk/client-cognito-identity-provider'); }

  // A pool with `lambda` as LambdaConfig, a public client and a confirmed user.
  async function setup(lambda, flows = ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'],
    pool = {}) {
    const m = await sdk();
    const poolId = (await cognito.send(new m.CreateUserPoolCommand({
      PoolName: lib.uniqueName('triggers'), LambdaConfig: lambda, ...pool,
    }))).UserPool.Id;
    const clientId = (await cognito.send(new m.CreateUserPoolClientCommand({
      UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: [...flows, 'ALLOW_REFRESH_TOKEN_AUTH'],
    }))).UserPoolClient.ClientId;
    const username = lib.uniqueName('user');
    await cognito.send(new m.AdminCreateUserCommand({
      UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
    }));
    await cognito.send(new m.AdminSetUserPasswordCommand({
      UserPoolId: poolId, Username: username, Password: 'Perm4nent!Pass', Permanent: true,
    }));
    return { poolId, clientId, username };
  }

  const customAuth = { DefineAuthChallenge: ARN('define'), CreateAuthChallenge: ARN('create'),
    VerifyAuthChallengeResponse: ARN('verify') };

  function cognitoUser({ poolId, clientId, username }) {
    const pool = new identity.CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: process.env.COGNITO_ENDPOINT });
    const user = new identity.CognitoUser({ Username: username, Pool: pool });
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    return user;
  }

  // Settles on the first callback of a sign-in step.
  function callbacks(resolve, reject) {
    return {
      onSuccess: (session) => resolve({ session }),
      onFailure: reject,
      customChallenge: (parameters) => resolve({ challenge: 'CUSTOM_CHALLENGE', parameters }),
    };
  }
  const initiate = (user) => new Promise((resolve, reject) => user.initiateAuth(
    new identity.AuthenticationDetails({ Username: user.getUsername() }), callbacks(resolve, reject)));
  const answer = (user, text) => new Promise((resolve, reject) =>
    user.sendCustomChallengeAnswer(text, callbacks(resolve, reject)));

  test('CUSTOM_AUTH: the right answer signs in, with the history passed to each trigger', async () => {
    const target = await setup(customAuth);
    const user = cognitoUser(target);
    const first = await initiate(user);
    assert.equal(first.challenge, 'CUSTOM_CHALLENGE');
    assert.deepEqual(first.parameters, { question: 'the answer?', USERNAME: target.username });
    const done = await answer(user, ANSWER);
    assert.ok(done.session.isValid());
    assert.equal(done.session.getIdToken().decodePayload()['cognito:username'], target.username);

    const mine = events.filter((e) => e.event.userPoolId === target.poolId);
    assert.deepEqual(mine.map((e) => `${e.fn}/${e.style}`),
      ['define/plain', 'create/lambda', 'verify/lambda', 'define/plain']);
    const [define1, create, verify, define2] = mine.map((e) => e.event);
    for (const e of [define1, create, verify, define2]) {
      assert.equal(e.version, '1');
      assert.equal(e.region, 'us-east-1');
      assert.equal(e.userName, target.username);
      assert.deepEqual(e.callerContext, { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: target.clientId });
      assert.equal(e.request.userNotFound, false);
      assert.equal(e.request.userAttributes.email, `${target.username}@example.com`);
      assert.equal(e.request.userAttributes['cognito:user_status'], 'CONFIRMED');
    }
    assert.equal(define1.triggerSource, 'DefineAuthChallenge_Authentication');
    assert.deepEqual(define1.request.session, []);
    assert.deepEqual(define1.response, { challengeName: null, issueTokens: null, failAuthentication: null });
    assert.equal(create.triggerSource, 'CreateAuthChallenge_Authentication');
    assert.equal(create.request.challengeName, 'CUSTOM_CHALLENGE');
    assert.equal(verify.triggerSource, 'VerifyAuthChallengeResponse_Authentication');
    assert.deepEqual(verify.request.privateChallengeParameters, { answer: ANSWER });
    assert.equal(verify.request.challengeAnswer, ANSWER);
    assert.deepEqual(define2.request.session,
      [{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'round-0' }]);
  });

  test('CUSTOM_AUTH: three wrong answers fail the sign-in', async () => {
    const user = cognitoUser(await setup(customAuth));
    assert.equal((await initiate(user)).challenge, 'CUSTOM_CHALLENGE');
    assert.equal((await answer(user, 'one')).challenge, 'CUSTOM_CHALLENGE');
    assert.equal((await answer(user, 'two')).challenge, 'CUSTOM_CHALLENGE');
    await assert.rejects(answer(user, 'three'), (err) => {
      assert.equal(err.code, 'NotAuthorizedException');
      assert.equal(err.message, 'Incorrect username or password.');
      return true;
    });
  });

  test('CUSTOM_AUTH: SRP first (CHALLENGE_NAME=SRP_A), then the custom challenge', async () => {
    const target = await setup(customAuth);
    const user = cognitoUser(target);
    const step = await new Promise((resolve, reject) => user.authenticateUser(
      new identity.AuthenticationDetails({ Username: target.username, Password: 'Perm4nent!Pass' }),
      callbacks(resolve, reject)));
    assert.equal(step.challenge, 'CUSTOM_CHALLENGE');
    assert.ok((await answer(user, ANSWER)).session.isValid());
    const defines = events.filter((e) => e.event.userPoolId === target.poolId && e.fn === 'define');
    assert.deepEqual(defines.at(-1).event.request.session.map((s) => [s.challengeName, s.challengeResult]),
      [['SRP_A', true], ['PASSWORD_VERIFIER', true], ['CUSTOM_CHALLENGE', true]]);
  });

  test('PreSignUp auto-confirms and PostConfirmation sees the confirmed user', async () => {
    const m = await sdk();
    const target = await setup({ PreSignUp: ARN('presignup'), PostConfirmation: ARN('postconfirmation') });
    const username = lib.uniqueName('signup');
    const out = await cognito.send(new m.SignUpCommand({
      ClientId: target.clientId, Username: username, Password: 'Perm4nent!Pass',
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
      ValidationData: [{ Name: 'confirm', Value: 'yes' }], ClientMetadata: { app: 'tests' },
    }));
    assert.equal(out.UserConfirmed, true);
    assert.equal(out.CodeDeliveryDetails, undefined);
    const pre = events.filter((e) => e.event.userName === username).at(-1).event;
    assert.equal(pre.triggerSource, 'PreSignUp_SignUp');
    assert.deepEqual(pre.request, {
      userAttributes: { email: `${username}@example.com` },
      validationData: { confirm: 'yes' }, clientMetadata: { app: 'tests' },
    });
    const got = await cognito.send(new m.AdminGetUserCommand({ UserPoolId: target.poolId, Username: username }));
    assert.equal(got.UserStatus, 'CONFIRMED');
    assert.equal(got.UserAttributes.find((a) => a.Name === 'email_verified')?.Value, 'true');

    const other = lib.uniqueName('signup');
    await cognito.send(new m.SignUpCommand({ ClientId: target.clientId, Username: other, Password: 'Perm4nent!Pass' }));
    await cognito.send(new m.AdminConfirmSignUpCommand({ UserPoolId: target.poolId, Username: other }));
    const post = events.filter((e) => e.event.userName === other).at(-1).event;
    assert.equal(post.triggerSource, 'PostConfirmation_ConfirmSignUp');
    assert.equal(post.callerContext.clientId, 'CLIENT_ID_NOT_APPLICABLE');
    assert.equal(post.request.userAttributes['cognito:user_status'], 'CONFIRMED');
  });

  test('PreTokenGeneration V2 changes both tokens', async () => {
    const m = await sdk();
    const target = await setup({ PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: ARN('pretoken') } });
    const described = await cognito.send(new m.DescribeUserPoolCommand({ UserPoolId: target.poolId }));
    assert.equal(described.UserPool.LambdaConfig.PreTokenGeneration, ARN('pretoken'));
    const auth = (await cognito.send(new m.InitiateAuthCommand({
      ClientId: target.clientId, AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: target.username, PASSWORD: 'Perm4nent!Pass' },
    }))).AuthenticationResult;
    const id = lib.decodePart(auth.IdToken.split('.')[1]);
    const access = lib.decodePart(auth.AccessToken.split('.')[1]);
    assert.equal(id.tenant, 'acme');
    assert.deepEqual(id['cognito:groups'], ['from-trigger']);
    assert.equal(access.plan, 'gold');
    assert.equal(access.scope, 'aws.cognito.signin.user.admin acme/read');
    const event = events.filter((e) => e.fn === 'pretoken').at(-1).event;
    assert.equal(event.version, '2');
    assert.equal(event.triggerSource, 'TokenGeneration_Authentication');
    assert.deepEqual(event.request.scopes, ['aws.cognito.signin.user.admin']);
    assert.deepEqual(event.request.groupConfiguration,
      { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null });
    // The access token still works for the user's own calls.
    await cognito.send(new m.GetUserCommand({ AccessToken: auth.AccessToken }));
  });

  for (const [fn, name, message] of [
    ['boom', 'UserLambdaValidationException', 'PreAuthentication failed with error boom.'],
    ['slow', 'UnexpectedLambdaException',
      'PreAuthentication invocation failed due to error Socket timeout while invoking Lambda function.'],
    ['garbage', 'InvalidLambdaResponseException', 'Unrecognizable lambda output'],
    ['missing', 'UnexpectedLambdaException', /^PreAuthentication invocation failed due to error Lambda answered 404/],
  ]) {
    test(`a PreAuthentication function that is ${fn} -> ${name}`, async () => {
      const m = await sdk();
      const target = await setup({ PreAuthentication: ARN(fn) });
      await lib.expectAwsError(cognito.send(new m.InitiateAuthCommand({
        ClientId: target.clientId, AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: target.username, PASSWORD: 'Perm4nent!Pass' },
        ClientMetadata: { from: 'initiate' },
      })), name, message);
      const event = events.filter((e) => e.event.userPoolId === target.poolId).at(-1)?.event;
      if (fn !== 'missing') {
        assert.equal(event.triggerSource, 'PreAuthentication_Authentication');
        assert.deepEqual(event.request.validationData, { from: 'initiate' });
      }
    });
  }

  test('CUSTOM_AUTH without a DefineAuthChallenge function', async () => {
    const m = await sdk();
    const target = await setup({});
    await lib.expectAwsError(cognito.send(new m.InitiateAuthCommand({
      ClientId: target.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: target.username },
    })), 'InvalidParameterException', 'Custom auth lambda trigger is not configured for the user pool.');
  });

  const eventsFor = (username) => events.filter((e) => e.event.userName === username).map((e) => e.event);

  test('PreSignUp_AdminCreateUser: the function sees the new user and may refuse it', async () => {
    const m = await sdk();
    const target = await setup({ PreSignUp: ARN('presignup') });
    const username = lib.uniqueName('admin');
    const created = await cognito.send(new m.AdminCreateUserCommand({
      UserPoolId: target.poolId, Username: username, MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
      ValidationData: [{ Name: 'confirm', Value: 'yes' }], ClientMetadata: { app: 'tests' },
    }));
    assert.equal(created.User.UserStatus, 'FORCE_CHANGE_PASSWORD');  // autoConfirmUser does not apply
    const [pre] = eventsFor(username);
    assert.equal(pre.triggerSource, 'PreSignUp_AdminCreateUser');
    assert.equal(pre.callerContext.clientId, 'CLIENT_ID_NOT_APPLICABLE');
    assert.deepEqual(pre.request, {
      userAttributes: { email: `${username}@example.com` },
      validationData: { confirm: 'yes' }, clientMetadata: { app: 'tests' },
    });

    const refused = lib.uniqueName('admin');
    await lib.expectAwsError(cognito.send(new m.AdminCreateUserCommand({
      UserPoolId: target.poolId, Username: refused, MessageAction: 'SUPPRESS',
      ValidationData: [{ Name: 'refuse', Value: 'yes' }],
    })), 'UserLambdaValidationException', 'PreSignUp failed with error refused.');
    await lib.expectAwsError(cognito.send(new m.AdminGetUserCommand({ UserPoolId: target.poolId, Username: refused })),
      'UserNotFoundException', 'User does not exist.');
  });

  const passwordSignIn = (m, target, username, password, extra = {}) => cognito.send(new m.InitiateAuthCommand({
    ClientId: target.clientId, AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD: password }, ...extra,
  }));

  test('UserMigration at sign-in creates a CONFIRMED user who then signs in without the function', async () => {
    const m = await sdk();
    const target = await setup({ UserMigration: ARN('migrate') });
    const username = lib.uniqueName('legacy-ok');
    const auth = (await passwordSignIn(m, target, username, LEGACY_PASSWORD, { ClientMetadata: { from: 'test' } }))
      .AuthenticationResult;
    const id = lib.decodePart(auth.IdToken.split('.')[1]);
    assert.equal(id['cognito:username'], username);
    assert.equal(id.email, `${username}@example.com`);
    const [event] = eventsFor(username);
    assert.equal(event.triggerSource, 'UserMigration_Authentication');
    assert.equal(event.callerContext.clientId, target.clientId);
    assert.deepEqual(event.request, { password: LEGACY_PASSWORD, validationData: { from: 'test' }, clientMetadata: {} });
    assert.deepEqual(event.response, { userAttributes: null, forceAliasCreation: null, enableSMSMFA: null,
      finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null });
    const got = await cognito.send(new m.AdminGetUserCommand({ UserPoolId: target.poolId, Username: username }));
    assert.equal(got.UserStatus, 'CONFIRMED');
    assert.equal(got.UserAttributes.find((a) => a.Name === 'email_verified')?.Value, 'true');

    await passwordSignIn(m, target, username, LEGACY_PASSWORD);
    assert.equal(eventsFor(username).length, 1, 'the second sign-in does not migrate again');
    await lib.expectAwsError(passwordSignIn(m, target, username, 'Wrong4Pass!'),
      'NotAuthorizedException', 'Incorrect username or password.');
  });

  test('UserMigration: the function\'s error, and an answer Cognito cannot use', async () => {
    const m = await sdk();
    const target = await setup({ UserMigration: ARN('migrate') });
    const legacy = lib.uniqueName('legacy-ok');
    await lib.expectAwsError(passwordSignIn(m, target, legacy, 'Wrong4Pass!'),
      'UserLambdaValidationException', 'UserMigration failed with error bad password.');
    await lib.expectAwsError(passwordSignIn(m, target, lib.uniqueName('stranger'), LEGACY_PASSWORD),
      'UserLambdaValidationException', 'UserMigration failed with error no such user.');
    const bad = lib.uniqueName('legacy-bad');
    await lib.expectAwsError(passwordSignIn(m, target, bad, LEGACY_PASSWORD),
      'UserNotFoundException', `Exception migrating user in app client ${target.clientId}`);
    for (const username of [legacy, bad]) {
      await lib.expectAwsError(cognito.send(new m.AdminGetUserCommand({ UserPoolId: target.poolId, Username: username })),
        'UserNotFoundException', 'User does not exist.');
    }
  });

  test('UserMigration RESET_REQUIRED: the user is created, welcomed, and must reset the password', async () => {
    const m = await sdk();
    const target = await setup({ UserMigration: ARN('migrate') });
    const username = lib.uniqueName('legacy-reset');
    await lib.expectAwsError(passwordSignIn(m, target, username, LEGACY_PASSWORD),
      'PasswordResetRequiredException', 'Password reset required for the user');
    const got = await cognito.send(new m.AdminGetUserCommand({ UserPoolId: target.poolId, Username: username }));
    assert.equal(got.UserStatus, 'RESET_REQUIRED');
    const welcome = await lib.lastMessage(target.poolId, username, 'welcome');
    assert.equal(welcome.deliveryMedium, 'EMAIL');
    assert.equal(welcome.message, `Your username is ${username}.`);
    assert.equal(welcome.destination, `${username}@example.com`);

    await cognito.send(new m.ForgotPasswordCommand({ ClientId: target.clientId, Username: username }));
    const { code } = await lib.lastMessage(target.poolId, username, 'password');
    await cognito.send(new m.ConfirmForgotPasswordCommand({
      ClientId: target.clientId, Username: username, ConfirmationCode: code, Password: 'Brand4New!Pass',
    }));
    assert.ok((await passwordSignIn(m, target, username, 'Brand4New!Pass')).AuthenticationResult.AccessToken);
    assert.equal(eventsFor(username).length, 1);
  });

  test('UserMigration in ForgotPassword: no password, the user is RESET_REQUIRED and gets a code', async () => {
    const m = await sdk();
    const target = await setup({ UserMigration: ARN('migrate') });
    const username = lib.uniqueName('legacy-forgot');
    const out = await cognito.send(new m.ForgotPasswordCommand({
      ClientId: target.clientId, Username: username, ClientMetadata: { app: 'tests' },
    }));
    assert.equal(out.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
    const [event] = eventsFor(username);
    assert.equal(event.triggerSource, 'UserMigration_ForgotPassword');
    assert.deepEqual(event.request, { validationData: {}, clientMetadata: { app: 'tests' } });
    const got = await cognito.send(new m.AdminGetUserCommand({ UserPoolId: target.poolId, Username: username }));
    assert.equal(got.UserStatus, 'RESET_REQUIRED');
    assert.ok((await lib.lastMessage(target.poolId, username, 'password')).code);
  });

  test('CustomMessage: the function\'s text when it keeps the placeholders, else the template', async () => {
    const m = await sdk();
    const target = await setup({ CustomMessage: ARN('custommessage') }, undefined, { AutoVerifiedAttributes: ['email'] });
    const signup = lib.uniqueName('signup');
    await cognito.send(new m.SignUpCommand({
      ClientId: target.clientId, Username: signup, Password: 'Perm4nent!Pass',
      UserAttributes: [{ Name: 'email', Value: `${signup}@example.com` }], ClientMetadata: { app: 'tests' },
    }));
    const code = await lib.lastMessage(target.poolId, signup, 'signup');
    assert.equal(code.message, `Welcome ${signup}@example.com: ${code.code}`);
    const [event] = eventsFor(signup);
    assert.equal(event.triggerSource, 'CustomMessage_SignUp');
    assert.equal(event.callerContext.clientId, target.clientId);
    assert.equal(event.request.codeParameter, '{####}');
    assert.equal(event.request.usernameParameter, null);
    assert.equal(event.request.userAttributes['cognito:user_status'], 'UNCONFIRMED');
    assert.deepEqual(event.request.clientMetadata, { app: 'tests' });

    const invited = lib.uniqueName('invited');
    await cognito.send(new m.AdminCreateUserCommand({
      UserPoolId: target.poolId, Username: invited, DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: [{ Name: 'email', Value: `${invited}@example.com` }],
    }));
    const invitation = await lib.lastMessage(target.poolId, invited, 'invitation');
    assert.equal(invitation.message, `Hi ${invited}, your password is ${invitation.code}`);
    const admin = eventsFor(invited).at(-1);
    assert.equal(admin.triggerSource, 'CustomMessage_AdminCreateUser');
    assert.equal(admin.request.usernameParameter, '{username}');
    assert.equal(admin.callerContext.clientId, 'CLIENT_ID_NOT_APPLICABLE');

    await cognito.send(new m.AdminUpdateUserAttributesCommand({
      UserPoolId: target.poolId, Username: target.username,
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    }));
    await cognito.send(new m.ForgotPasswordCommand({ ClientId: target.clientId, Username: target.username }));
    const reset = await lib.lastMessage(target.poolId, target.username, 'password');
    assert.equal(reset.message, `Your verification code is ${reset.code}. `);
    assert.equal(eventsFor(target.username).at(-1).triggerSource, 'CustomMessage_ForgotPassword');
  });

  test('PreTokenGeneration sources: NewPasswordChallenge and AuthenticateDevice', async () => {
    const m = await sdk();
    const target = await setup({ PreTokenGeneration: ARN('pretoken') }, undefined,
      { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } });
    const sources = () => events.filter((e) => e.event.userPoolId === target.poolId && e.fn === 'pretoken')
      .map((e) => e.event.triggerSource);

    const invited = lib.uniqueName('invited');
    await cognito.send(new m.AdminCreateUserCommand({
      UserPoolId: target.poolId, Username: invited, MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp0rary!Pass',
    }));
    const challenge = await passwordSignIn(m, target, invited, 'Temp0rary!Pass');
    assert.equal(challenge.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    await cognito.send(new m.RespondToAuthChallengeCommand({
      ClientId: target.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenge.Session,
      ChallengeResponses: { USERNAME: invited, NEW_PASSWORD: 'Perm4nent!Pass' },
    }));
    assert.deepEqual(sources(), ['TokenGeneration_NewPasswordChallenge']);

    // The library confirms the new device, then answers DEVICE_SRP_AUTH on the next sign-in.
    const pool = new identity.CognitoUserPool({ UserPoolId: target.poolId, ClientId: target.clientId,
      endpoint: process.env.COGNITO_ENDPOINT });
    const user = new identity.CognitoUser({ Username: target.username, Pool: pool });
    const srp = () => new Promise((resolve, reject) => user.authenticateUser(
      new identity.AuthenticationDetails({ Username: target.username, Password: 'Perm4nent!Pass' }),
      { onSuccess: resolve, onFailure: reject }));
    await srp();
    assert.ok(user.deviceKey);
    await srp();
    assert.deepEqual(sources().slice(1),
      ['TokenGeneration_Authentication', 'TokenGeneration_AuthenticateDevice']);
  });

  test('a PreSignUp function may call the emulator back (ListUsers) while SignUp waits', async () => {
    const m = await sdk();
    const target = await setup({ PreSignUp: ARN('uniqueemail') });
    const email = `${target.username}@example.com`;  // the user setup() created has it
    await lib.expectAwsError(cognito.send(new m.SignUpCommand({
      ClientId: target.clientId, Username: lib.uniqueName('dup'), Password: 'Perm4nent!Pass',
      UserAttributes: [{ Name: 'email', Value: email }],
    })), 'UserLambdaValidationException', 'PreSignUp failed with error email taken.');
    const out = await cognito.send(new m.SignUpCommand({
      ClientId: target.clientId, Username: lib.uniqueName('fresh'), Password: 'Perm4nent!Pass',
      UserAttributes: [{ Name: 'email', Value: `fresh-${email}` }],
    }));
    assert.ok(out.UserSub);
  });
});
