// Turns bench/run's results.jsonl into the Markdown report (stdout): ceilings, our scenarios at
// 1,000 and 100,000 users, the comparison with the other emulators, startup and memory, and
// the issue's targets marked met / not met with their numbers.
import { readFileSync } from 'node:fs';

const rows = readFileSync(process.argv[2], 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const of = (kind) => rows.filter((r) => r.kind === kind);
const one = (kind, pred = () => true) => of(kind).find(pred);
// Ours runs each scenario twice per pool size (1k, 100k, 100k, 1k): the runs of one size merge
// into one row. Counts add up, the worst latency is the largest, and every other figure (rates,
// percentiles, cores) is the mean weighted by run time, so req/s = all requests / all seconds.
const COUNTS = ['requests', 'non2xx', 'socket_errors', 'errors', 'signins', 'duration_us', 'duration_s'];
const seconds = (r) => r.duration_s ?? r.duration_us / 1e6;
const merge = (runs) => {
  if (runs.length < 2) return runs[0];
  const total = runs.reduce((acc, r) => acc + seconds(r), 0);
  const merged = { ...runs[0] };
  for (const [key, value] of Object.entries(runs[0])) {
    if (typeof value !== 'number' || key === 'users') continue;
    if (COUNTS.includes(key)) merged[key] = runs.reduce((acc, r) => acc + r[key], 0);
    else if (key === 'max_ms') merged[key] = Math.max(...runs.map((r) => r[key]));
    else merged[key] = runs.reduce((acc, r) => acc + r[key] * seconds(r), 0) / total;
  }
  return merged;
};
const scenario = (emu, users, name) =>
  merge(of('scenario').filter((r) => r.emu === emu && r.users === users && r.scenario === name));

const SCENARIOS = [
  ['signin', '1. InitiateAuth USER_PASSWORD_AUTH'],
  ['srp', '2. SRP sign-in (USER_SRP_AUTH + PASSWORD_VERIFIER)'],
  ['get_user', '3. GetUser (access token)'],
  ['refresh', '4. REFRESH_TOKEN_AUTH'],
  ['admin_get_user', '5. AdminGetUser (signed)'],
  ['admin_create_user', '6. AdminCreateUser (write)'],
  ['list_users', '7. ListUsers, Filter email = "..."'],
  ['unknown_action', '8. unknown action (error path)'],
];

const num = (v, digits = 0) => (v === undefined || v === null || Number.isNaN(v) ? '-' :
  Number(v).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ms = (v) => (v === undefined ? '-' : v < 10 ? num(v, 2) : num(v, 1));
const errors = (r) => (r ? (r.non2xx ?? r.errors ?? 0) + (r.socket_errors ?? 0) : undefined);
const ratio = (a, b) => (a && b ? `${num(a / b, a / b < 10 ? 2 : 1)}x` : '-');
const out = [];
const p = (line = '') => out.push(line);

const machine = one('machine') || {};
const loads = of('load');
p('# cognito-emulator benchmarks');
p();
p(`Machine: ${machine.nproc} cores (${machine.cpu}), ${num(machine.mem_mb)} MB RAM. Run ${machine.date}, ` +
  `commit ${machine.commit}, mode \`${machine.mode}\`. wrk: ${machine.threads} threads, ${machine.connections} ` +
  `keep-alive connections, ${machine.duration_s} s per scenario and pool size` +
  (machine.ours_run_s ? ` (ours: two runs of ${machine.ours_run_s} s per pool size, in the order ` +
    `${machine.ours_order.split(' ').map((n) => `${n / 1000}k`).join(', ')}, merged)` : '') +
  '; load generator and server share the machine' +
  (machine.nice ? `; everything the run started ran at nice ${machine.nice} (process and session autogroup) so that concurrent work by others disturbs less.` : '.'));
p(`Machine load (other processes) at each phase: ${loads.map((l) => `${l.when} ${l.busy_pct}% busy (loadavg ${l.loadavg})`).join('; ')}.`);
p();

const rsa = one('ceiling', (r) => r.name === 'rsa2048_sign_per_s')?.value;
const trivial = scenario('trivial', 0, 'trivial');
const signinCeiling = rsa ? rsa / 2 : undefined;
p('## Ceilings (same run)');
p();
p('| ceiling | value |');
p('|---|---|');
p(`| \`openssl speed -multi 2 -seconds 3 rsa2048\` | ${num(rsa)} sign/s |`);
p(`| sign-in ceiling (two RS256 signatures per sign-in) | ${num(signinCeiling)} sign-ins/s |`);
const fsyncs = one('ceiling', (r) => r.name === 'fdatasync_per_s')?.value;
if (fsyncs) {
  p(`| 4 KiB write + \`fdatasync\` in a loop, bench/.cache (one per SQLite commit with synchronous=FULL) | ${num(fsyncs)} /s |`);
}
p(`| trivial responder (nginx, \`return 200 '{}'\`, 2 workers), same wrk settings | ${trivial ? `${num(trivial.rps)} req/s, p50 ${ms(trivial.p50_ms)} ms, p99 ${ms(trivial.p99_ms)} ms` : 'not measured'} |`);
p();

p('## cognito-emulator: 1,000 and 100,000 users');
p();
p('req/s counts HTTP requests (the SRP sign-in is two requests). Errors = non-2xx answers + socket errors. ' +
  'Server CPU = cores used by the emulator process during the run (of 2).');
p();
p('| scenario | 1k req/s | p50 ms | p99 ms | errors | server CPU | 100k req/s | p50 ms | p99 ms | errors | server CPU | 100k / 1k | % of ceiling (1k) |');
p('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const [key, label] of SCENARIOS) {
  const a = scenario('ours', 1000, key);
  const b = scenario('ours', 100000, key);
  let ceiling = '-';
  if (a && (key === 'signin' || key === 'refresh') && signinCeiling) {
    ceiling = `${num((100 * a.rps) / signinCeiling)}% of RSA`;
  } else if (a && key === 'srp' && signinCeiling) {
    ceiling = `${num((100 * a.signins_per_s) / signinCeiling)}% of RSA`;
  } else if (a && key === 'admin_create_user') {
    ceiling = 'write path (see diagnostics)';
  } else if (a && trivial) {
    ceiling = `${num((100 * a.rps) / trivial.rps)}% of trivial`;
  }
  p(`| ${label} | ${num(a?.rps)} | ${ms(a?.p50_ms)} | ${ms(a?.p99_ms)} | ${num(errors(a))} | ${num(a?.server_cores, 2)} | ` +
    `${num(b?.rps)} | ${ms(b?.p50_ms)} | ${ms(b?.p99_ms)} | ${num(errors(b))} | ${num(b?.server_cores, 2)} | ` +
    `${a && b ? `${num((100 * b.rps) / a.rps)}%` : '-'} | ${ceiling} |`);
}
const srp1k = scenario('ours', 1000, 'srp');
if (srp1k) {
  p();
  p(`SRP (scenario 2) is driven by \`bench/client.mjs srp\` (Node, 2 worker threads x 4 sign-ins in flight, ` +
    `modexp in OpenSSL through node:crypto) because wrk's Lua cannot do 3072-bit arithmetic: ` +
    `${num(srp1k.signins_per_s)} sign-ins/s at 1k users (sign-in p50 ${ms(srp1k.signin_p50_ms)} ms, p99 ${ms(srp1k.signin_p99_ms)} ms); ` +
    `the client itself costs ${num(srp1k.client_cpu_ms_per_signin, 1)} ms CPU per sign-in ` +
    `(${num(srp1k.client_cpu_cores, 2)} cores taken from the server during the run).`);
}
p('Scenario 8 answers 400 `UnknownOperationException` by design: its "errors" are the expected answers. ' +
  'Its cost does not depend on the pool size, so its 100k / 1k ratio shows how noisy this run was.');
p();

const mixed = one('mixed');
if (mixed) {
  const alone = (key) => scenario('ours', mixed.users, key);
  p(`## Reads and writes at once (${num(mixed.users)} users)`);
  p();
  p(`GetUser and AdminCreateUser run together, ${mixed.connections_each} connections each, as a test ` +
    'suite mixes them; the scenarios above each read or write, never both.');
  p();
  p('| scenario | alone req/s (table above) | together req/s | together p50 / p99 ms | errors |');
  p('|---|---|---|---|---|');
  for (const key of ['get_user', 'admin_create_user']) {
    const r = mixed[key];
    const label = SCENARIOS.find(([k]) => k === key)[1];
    p(`| ${label} | ${num(alone(key)?.rps)} | ${num(r.rps)} | ${ms(r.p50_ms)} / ${ms(r.p99_ms)} | ${num(errors(r))} |`);
  }
  p();
  p(`Server CPU during the mixed run: ${num(mixed.server_cores, 2)} cores.`);
  p();
}

p('## Against the other emulators (1,000 users)');
p();
p('| scenario | ours req/s | moto req/s (p50 / p99 ms, errors) | ours / moto | cognito-local req/s (p50 / p99 ms, errors) | ours / cognito-local |');
p('|---|---|---|---|---|---|');
for (const [key, label] of SCENARIOS) {
  const a = scenario('ours', 1000, key);
  const m = scenario('moto', 1000, key);
  const c = scenario('cognito-local', 1000, key);
  const cell = (r) => (r ? `${num(r.rps)} (${ms(r.p50_ms)} / ${ms(r.p99_ms)}, ${num(errors(r))})` : 'skipped');
  p(`| ${label} | ${num(a?.rps)} | ${cell(m)} | ${ratio(a?.rps, m?.rps)} | ${cell(c)} | ${ratio(a?.rps, c?.rps)} |`);
}
p();
for (const n of of('note').filter((r) => r.emu !== 'ours')) {
  p(`- ${n.emu}: ${n.text}`);
}
p();

p('## Startup and memory');
p();
p('| measurement | value |');
p('|---|---|');
for (const s of of('startup')) {
  p(`| startup to first answered \`GET /health\`, ${s.label} (median of ${s.runs}) | ${ms(s.health_ms)} ms ` +
    `(listening line at ${ms(s.listening_ms)} ms), RSS ${num(s.idle_rss_kb / 1024, 1)} MB |`);
}
for (const r of of('rss')) {
  const files = r.file_kb === undefined ? '' :
    ` (${num(r.file_kb / 1024, 1)} MB of it mapped files)`;
  p(`| RSS ${r.emu}, ${num(r.users)} users, ${r.when} | ${num(r.kb / 1024, 1)} MB${files} |`);
}
const soak = of('soak');
if (soak.length) {
  const first = soak[0];
  const last = soak[soak.length - 1];
  const mid = soak[Math.floor(soak.length / 2)];
  p(`| RSS across ${num(last.signins)} sign-ins (${soak.length - 1} samples) | ${num(first.kb / 1024, 1)} MB at start, ` +
    `${num(mid.kb / 1024, 1)} MB after ${num(mid.signins)}, ${num(last.kb / 1024, 1)} MB at the end; ${num(last.non2xx ?? 0)} errors in the last chunk |`);
}
for (const r of of('populate').filter((x) => !x.cached)) {
  p(`| populate ${r.emu}: ${num(r.users)} users (${r.how}) | ${num(r.seconds, 1)} s, ${num(r.users_per_s)} users/s, ${num(r.errors)} errors |`);
}
p();

const tmpfs = of('scenario').filter((r) => r.emu === 'ours-tmpfs');
if (tmpfs.length) {
  p('## Diagnostics: write paths with the database on tmpfs (fsync is free there)');
  p();
  p('| scenario (1k users) | disk req/s | disk server CPU | tmpfs req/s | tmpfs server CPU | tmpfs / disk |');
  p('|---|---|---|---|---|---|');
  for (const t of tmpfs) {
    const d = scenario('ours', 1000, t.scenario);
    const label = SCENARIOS.find(([k]) => k === t.scenario)?.[1] ?? t.scenario;
    p(`| ${label} | ${num(d?.rps)} | ${num(d?.server_cores, 2)} | ${num(t.rps)} | ${num(t.server_cores, 2)} | ${ratio(t.rps, d?.rps)} |`);
  }
  p();
  for (const prof of of('profile')) {
    p(`- CPU profile of \`${prof.scenario}\` (perf, share of the server's samples per library): ${prof.top}`);
  }
  p();
}

p('## Targets of issue #4');
p();
p('| target | result | numbers |');
p('|---|---|---|');
const verdict = (ok) => (ok === undefined ? 'not measured' : ok ? 'met' : '**not met**');
const target = (name, ok, numbers) => p(`| ${name} | ${verdict(ok)} | ${numbers} |`);
{
  const s = scenario('ours', 1000, 'signin');
  target('sign-in >= 70% of the RSA ceiling', s && signinCeiling ? s.rps >= 0.7 * signinCeiling : undefined,
    s && signinCeiling ? `${num(s.rps)} sign-ins/s = ${num((100 * s.rps) / signinCeiling)}% of ${num(signinCeiling)}` : '-');
}
const fasterOther = (key) => {
  const m = scenario('moto', 1000, key);
  const c = scenario('cognito-local', 1000, key);
  const best = [m, c].filter(Boolean).sort((x, y) => y.rps - x.rps)[0];
  return best;
};
for (const key of ['get_user', 'admin_get_user', 'list_users']) {
  const label = SCENARIOS.find(([k]) => k === key)[1];
  const a = scenario('ours', 1000, key);
  const b = scenario('ours', 100000, key);
  const worst = [a, b].filter(Boolean).sort((x, y) => x.rps - y.rps)[0];
  target(`${label} >= 25% of trivial responder`, worst && trivial ? worst.rps >= 0.25 * trivial.rps : undefined,
    worst && trivial ? `${num(worst.rps)} req/s (${worst === b ? '100k' : '1k'}, the lower) = ${num((100 * worst.rps) / trivial.rps)}% of ${num(trivial.rps)}` : '-');
  const o = fasterOther(key);
  target(`${label} >= 10x the faster other emulator`, a && o ? a.rps >= 10 * o.rps : undefined,
    a && o ? `${num(a.rps)} vs ${o.emu} ${num(o.rps)} = ${ratio(a.rps, o.rps)}` : '-');
}
{
  const a = scenario('ours', 1000, 'admin_create_user');
  const o = fasterOther('admin_create_user');
  target('AdminCreateUser >= 10x the faster other emulator', a && o ? a.rps >= 10 * o.rps : undefined,
    a && o ? `${num(a.rps)} vs ${o.emu} ${num(o.rps)} = ${ratio(a.rps, o.rps)}` : '-');
}
{
  const cells = [];
  let all;
  for (const [key] of SCENARIOS) {
    const a = scenario('ours', 1000, key);
    const b = scenario('ours', 100000, key);
    if (a && b) {
      const r = b.rps / a.rps;
      all = (all ?? true) && r >= 0.85;
      cells.push(`${key} ${num(100 * r)}%${r >= 0.85 ? '' : ' (miss)'}`);
    }
  }
  target('100,000 users within 15% of 1,000 users, per scenario', all, cells.join(', ') || '-');
}
{
  const s = one('startup', (r) => r.label === '100000 users');
  target('startup < 100 ms with 100,000 users', s ? s.health_ms < 100 : undefined, s ? `${ms(s.health_ms)} ms to the first /health answer` : '-');
}
{
  const idle = of('startup').filter((s) => s.label !== 'empty, first start (creates the db and 2 RSA keys)');
  const worst = idle.sort((x, y) => y.idle_rss_kb - x.idle_rss_kb)[0];
  target('idle RSS < 20 MB', worst ? worst.idle_rss_kb < 20 * 1024 : undefined,
    worst ? `highest idle RSS ${num(worst.idle_rss_kb / 1024, 1)} MB (${worst.label}); ` +
      idle.map((s) => `${s.label}: ${num(s.idle_rss_kb / 1024, 1)} MB`).join(', ') : '-');
}
p();
const elapsed = one('elapsed');
p(`Reproduce: \`make bench\` (= \`bench/run\`)${elapsed ? `; this run took ${num(elapsed.seconds / 60, 1)} min` : ''}.`);
console.log(out.join('\n'));
