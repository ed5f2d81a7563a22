// Client side of Cognito's user SRP (USER_SRP_AUTH -> PASSWORD_VERIFIER), written from
// /work/shared/spec/srp.md for the benchmark's load client. Modular exponentiation runs in
// OpenSSL through node:crypto's DiffieHellman (computeSecret = base^privateKey mod N), which is
// ~10x faster than BigInt: the client shares the machine's 2 cores with the server, so its cost
// matters. `node srp.mjs` checks the math against the spec's vectors.
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
const N = BigInt('0x' + N_HEX);
const G = 2n;

const sha256 = (...parts) => crypto.createHash('sha256').update(Buffer.concat(parts)).digest();
const hmac = (key, ...parts) => crypto.createHmac('sha256', key).update(Buffer.concat(parts)).digest();

// Minimal big-endian bytes.
function bytesOf(n) {
  let hex = n.toString(16);
  if (hex.length % 2) {
    hex = '0' + hex;
  }
  return Buffer.from(hex, 'hex');
}

// PAD(n) of srp.md: minimal bytes, plus a 0x00 when the top bit is set (Java toByteArray).
export function pad(n) {
  const b = bytesOf(n);
  return b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
}

export const intOf = (hex) => (hex && hex.length ? BigInt('0x' + hex) : 0n);
const intOfBytes = (buf) => intOf(buf.toString('hex'));

const K = intOfBytes(sha256(pad(N), pad(G)));

// One DiffieHellman object per thread: creating one runs a primality check (seconds).
let dh = null;
function modPow(base, exponent) {
  if (!dh) {
    dh = crypto.createDiffieHellman(bytesOf(N), Buffer.from([2]));
  }
  dh.setPrivateKey(bytesOf(exponent));
  return intOfBytes(dh.computeSecret(bytesOf(base)));
}

const mod = (a) => ((a % N) + N) % N;

// a: secret exponent (BigInt); A = g^a mod N, sent as plain lowercase hex like the JS library.
export function startSrp(a) {
  const A = modPow(G, a);
  return { a, A, srpA: A.toString(16) };
}

// Cognito's TIMESTAMP: day of month without a leading zero.
export function srpTimestamp(date = new Date()) {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (v) => String(v).padStart(2, '0');
  return `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ` +
    `${date.getUTCFullYear()}`;
}

// Derives the PASSWORD_CLAIM_SIGNATURE from the server's challenge parameters. Returns the
// intermediate HKDF key too, for the vector check.
export function passwordClaim({ a, A, poolName, userId, password, srpB, saltHex, secretBlock, timestamp }) {
  const B = intOf(srpB);
  const u = intOfBytes(sha256(pad(A), pad(B)));
  const inner = sha256(Buffer.from(`${poolName}${userId}:${password}`, 'utf8'));
  const x = intOfBytes(sha256(pad(intOf(saltHex)), inner));
  const base = mod(B - K * modPow(G, x));
  const S = base === 0n ? 0n : modPow(base, a + u * x);
  const prk = hmac(pad(u), pad(S));
  const key = hmac(prk, Buffer.from('Caldera Derived Key\u0001', 'utf8')).subarray(0, 16);
  const signature = hmac(key, Buffer.from(poolName, 'utf8'), Buffer.from(userId, 'utf8'),
    Buffer.from(secretBlock, 'base64'), Buffer.from(timestamp, 'utf8')).toString('base64');
  return { key: key.toString('hex'), signature };
}

function selfTest() {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const path = process.env.SRP_VECTORS || `${here}/../../shared/spec/vectors.json`;
  const vectors = JSON.parse(readFileSync(path, 'utf8')).user_srp;
  let failed = 0;
  for (const v of vectors) {
    const { a, A, srpA } = startSrp(intOf(v.inputs.a_hex));
    const got = passwordClaim({
      a, A, poolName: v.inputs.pool_name, userId: v.inputs.user_id_for_srp, password: v.inputs.password,
      srpB: v.derived.SRP_B_hex, saltHex: v.inputs.SALT_as_sent_hex, secretBlock: v.inputs.SECRET_BLOCK_b64,
      timestamp: v.inputs.TIMESTAMP,
    });
    const want = v.expected || {};
    const wantSignature = want.PASSWORD_CLAIM_SIGNATURE ?? v.derived.PASSWORD_CLAIM_SIGNATURE;
    const ok = srpA === v.derived.SRP_A_as_client_sends && got.signature === wantSignature;
    failed += ok ? 0 : 1;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${v.id} ${got.signature}`);
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  selfTest();
}
