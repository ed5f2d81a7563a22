// Benchmark helper client (node client.mjs <command> --flag value ...), used by bench/run:
//   setup     create a pool and an app client, print {"poolId","clientId"}
//   populate  create users user<from>..user<to-1> with a permanent password, in parallel
//   tokens    sign in users spread over the pool, write "<access> <refresh>" lines to --out
//   srp       the two-step SRP sign-in load (worker threads), print one JSON line of metrics
//   seedfile  write a --seed file: pool --pool, client --client, --users users with passwords
//   startup   start `--bin` on `--db`, time the first answered GET /health, read its idle RSS
//   fsync     write+fdatasync of 4 KiB in a loop for --seconds in --dir: the commit ceiling
// It speaks the AWS JSON 1.1 protocol directly over keep-alive HTTP, like wrk does.
import http from 'node:http';
import crypto from 'node:crypto';
import { closeSync, fdatasyncSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { startSrp, passwordClaim, srpTimestamp } from './srp.mjs';

export const PASSWORD = 'Passw0rd!bench';
const AUTH = 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/cognito-idp/aws4_request, ' +
  'SignedHeaders=host, Signature=0';

function parseFlags(argv) {
  const flags = {};
  for (let i = 0; i < argv.length; i += 2) {
    flags[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  return flags;
}

function makeCaller(url, sockets) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return (action, body) => new Promise((resolve) => {
    const data = Buffer.from(JSON.stringify(body));
    const started = process.hrtime.bigint();
    const req = http.request({
      host: target.hostname, port: target.port, path: '/', method: 'POST', agent,
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
        'Content-Length': data.length,
        Authorization: AUTH,
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        let json = null;
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode, json, ms });
      });
    });
    req.on('error', (err) => resolve({ status: 0, json: { message: err.message }, ms: 0 }));
    req.end(data);
  });
}

// Runs fn(i) for i in [from, to) with at most `concurrency` calls in flight.
async function parallel(from, to, concurrency, fn) {
  let next = from;
  const lanes = Array.from({ length: concurrency }, async () => {
    while (next < to) {
      await fn(next++);
    }
  });
  await Promise.all(lanes);
}

function must(r, what) {
  if (r.status !== 200) {
    throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
  }
  return r.json;
}

async function setup(f) {
  const call = makeCaller(f.url, 2);
  const pool = must(await call('CreateUserPool', { PoolName: 'bench' }), 'CreateUserPool').UserPool;
  const client = must(await call('CreateUserPoolClient', {
    UserPoolId: pool.Id, ClientName: 'bench',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  }), 'CreateUserPoolClient').UserPoolClient;
  console.log(JSON.stringify({ poolId: pool.Id, clientId: client.ClientId }));
}

// Retries answers 5xx (the emulator answers "database is locked" as a 500 under parallel writes):
// the retries are counted and reported, since they are a finding in themselves.
async function callRetrying(call, action, body, stats, okTypes = []) {
  for (let attempt = 0; ; attempt++) {
    const r = await call(action, body);
    if (r.status === 200 || okTypes.includes(r.json?.__type)) {
      return true;
    }
    if (r.status < 500 || attempt >= 5) {
      if (stats.errors++ < 3) {
        console.error(`${action} ${body.Username}: ${r.status} ${JSON.stringify(r.json)}`);
      }
      return false;
    }
    stats.retries++;
  }
}

async function populate(f) {
  const call = makeCaller(f.url, Number(f.concurrency));
  const started = Date.now();
  const stats = { errors: 0, retries: 0 };
  await parallel(Number(f.from), Number(f.to), Number(f.concurrency), async (i) => {
    const created = await callRetrying(call, 'AdminCreateUser', {
      UserPoolId: f.pool, Username: `user${i}`, MessageAction: 'SUPPRESS', TemporaryPassword: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: `user${i}@example.com` }, { Name: 'email_verified', Value: 'true' }],
    }, stats, ['UsernameExistsException']);
    if (created) {
      await callRetrying(call, 'AdminSetUserPassword', {
        UserPoolId: f.pool, Username: `user${i}`, Password: PASSWORD, Permanent: true,
      }, stats);
    }
  });
  const seconds = (Date.now() - started) / 1000;
  const users = Number(f.to) - Number(f.from);
  console.log(JSON.stringify({ users, seconds, users_per_s: users / seconds, errors: stats.errors, retries_after_5xx: stats.retries }));
  process.exitCode = stats.errors ? 1 : 0;
}

async function tokens(f) {
  const call = makeCaller(f.url, Number(f.concurrency || 8));
  const count = Number(f.count);
  const step = Math.max(1, Math.floor(Number(f.users) / count));
  const lines = new Array(count);
  let errors = 0;
  await parallel(0, count, Number(f.concurrency || 8), async (i) => {
    const r = await call('InitiateAuth', {
      ClientId: f.client, AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: `user${(i * step) % Number(f.users)}`, PASSWORD },
    });
    const result = r.json && r.json.AuthenticationResult;
    if (r.status !== 200 || !result) {
      errors++;
      return;
    }
    lines[i] = `${result.AccessToken} ${result.RefreshToken}`;
  });
  writeFileSync(f.out, lines.filter(Boolean).join('\n') + '\n');
  if (errors) {
    console.error(`tokens: ${errors} of ${count} sign-ins failed`);
    process.exitCode = 1;
  }
}

// One worker thread: `concurrency` sign-in loops until the deadline.
async function srpWorker({ url, pool, client, users, deadline, concurrency, offset, stride }) {
  const call = makeCaller(url, concurrency);
  const poolName = pool.split('_')[1];
  const out = { requests: 0, signins: 0, errors: 0, requestMs: [], signinMs: [], firstError: null };
  let next = offset;
  const record = (r) => {
    out.requests++;
    out.requestMs.push(r.ms);
    if (r.status < 200 || r.status > 299) {
      out.errors++;
      out.firstError ??= `${r.status} ${JSON.stringify(r.json)}`;
      return false;
    }
    return true;
  };
  const lanes = Array.from({ length: concurrency }, async () => {
    while (Date.now() < deadline) {
      const username = `user${next % users}`;
      next += stride;
      const started = process.hrtime.bigint();
      const { a, A, srpA } = startSrp(BigInt('0x' + crypto.randomBytes(32).toString('hex')));
      const first = await call('InitiateAuth', {
        ClientId: client, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username, SRP_A: srpA },
      });
      if (!record(first)) {
        continue;
      }
      const p = first.json.ChallengeParameters;
      const timestamp = srpTimestamp();
      const { signature } = passwordClaim({
        a, A, poolName, userId: p.USER_ID_FOR_SRP, password: PASSWORD, srpB: p.SRP_B,
        saltHex: p.SALT, secretBlock: p.SECRET_BLOCK, timestamp,
      });
      const second = await call('RespondToAuthChallenge', {
        ClientId: client, ChallengeName: 'PASSWORD_VERIFIER', Session: first.json.Session,
        ChallengeResponses: {
          USERNAME: p.USERNAME, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK, TIMESTAMP: timestamp,
          PASSWORD_CLAIM_SIGNATURE: signature,
        },
      });
      if (record(second) && second.json.AuthenticationResult) {
        out.signins++;
        out.signinMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
  });
  await Promise.all(lanes);
  return out;
}

function percentile(sorted, p) {
  if (!sorted.length) {
    return 0;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function srp(f) {
  const workers = Number(f.workers || 2);
  const seconds = Number(f.duration || 10);
  const deadline = Date.now() + seconds * 1000;
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  const self = fileURLToPath(import.meta.url);
  const results = await Promise.all(Array.from({ length: workers }, (_, w) => new Promise((resolve, reject) => {
    const worker = new Worker(self, {
      workerData: {
        url: f.url, pool: f.pool, client: f.client, users: Number(f.users), deadline,
        concurrency: Number(f.concurrency || 4), offset: w, stride: workers,
      },
    });
    worker.on('message', resolve);
    worker.on('error', reject);
  })));
  const elapsed = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const sum = (k) => results.reduce((acc, r) => acc + r[k], 0);
  const requestMs = results.flatMap((r) => r.requestMs).sort((x, y) => x - y);
  const signinMs = results.flatMap((r) => r.signinMs).sort((x, y) => x - y);
  const signins = sum('signins');
  console.log(JSON.stringify({
    requests: sum('requests'), duration_s: elapsed, rps: sum('requests') / elapsed,
    p50_ms: percentile(requestMs, 50), p99_ms: percentile(requestMs, 99), errors: sum('errors'),
    signins, signins_per_s: signins / elapsed,
    signin_p50_ms: percentile(signinMs, 50), signin_p99_ms: percentile(signinMs, 99),
    client_cpu_ms_per_signin: signins ? (cpu.user + cpu.system) / 1000 / signins : 0,
    client_cpu_cores: (cpu.user + cpu.system) / 1e6 / elapsed,
    first_error: results.map((r) => r.firstError).find(Boolean) || null,
  }));
}

async function seedfile(f) {
  const users = Array.from({ length: Number(f.users) }, (_, i) => ({
    Username: `user${i}`, Password: PASSWORD,
    Attributes: [{ Name: 'email', Value: `user${i}@example.com` }, { Name: 'email_verified', Value: 'true' }],
  }));
  const seed = {
    UserPools: [{
      Id: f.pool, PoolName: 'bench', Users: users,
      Clients: [{
        ClientId: f.client, ClientName: 'bench',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }],
    }],
  };
  writeFileSync(f.out, JSON.stringify(seed));
}

function healthOnce(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
  });
}

const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

// Time from spawn to the first 200 on /health (the port is learnt from the "listening" line).
async function startup(f) {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  const child = spawn(f.bin, ['--host', '127.0.0.1', '--port', '0', '--db', f.db, '--log-level', 'warn'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120000);
  const port = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(text);
      if (m) {
        resolve(Number(m[1]));
      }
    });
    child.on('exit', () => reject(new Error(`server exited before listening: ${text}`)));
  });
  const listeningMs = elapsed();
  while (!(await healthOnce(port))) {
    await new Promise((r) => setTimeout(r, 1));
  }
  const healthMs = elapsed();
  await new Promise((r) => setTimeout(r, 500));
  const idleRssKb = rssKb(child.pid);
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
  clearTimeout(timer);
  console.log(JSON.stringify({ listening_ms: listeningMs, health_ms: healthMs, idle_rss_kb: idleRssKb }));
}

// A commit with synchronous=FULL in WAL mode costs one fdatasync of the WAL: this bounds the
// rate of serialised write transactions.
async function fsync(f) {
  const path = `${f.dir}/fsync-probe-${process.pid}`;
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(4096, 1);
  const deadline = Date.now() + Number(f.seconds || 2) * 1000;
  let count = 0;
  const started = Date.now();
  while (Date.now() < deadline) {
    writeSync(fd, block, 0, block.length, (count % 256) * 4096);
    fdatasyncSync(fd);
    count++;
  }
  const seconds = (Date.now() - started) / 1000;
  closeSync(fd);
  unlinkSync(path);
  console.log(JSON.stringify({ fsync_per_s: count / seconds, ms_each: (1000 * seconds) / count }));
}

const commands = { setup, populate, tokens, srp, seedfile, startup, fsync };

if (!isMainThread) {
  srpWorker(workerData).then((out) => parentPort.postMessage(out));
} else {
  const [command, ...rest] = process.argv.slice(2);
  if (!commands[command]) {
    console.error(`usage: node client.mjs ${Object.keys(commands).join('|')} --flag value ...`);
    process.exit(2);
  }
  commands[command](parseFlags(rest)).catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
