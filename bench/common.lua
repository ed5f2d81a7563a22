-- Shared by the scenario scripts: builds AWS JSON 1.1 requests and prints wrk's summary as one
-- JSON line (parsed by bench/run). Settings come from the environment: BENCH_POOL,
-- BENCH_CLIENT, BENCH_USERS (pool size), BENCH_TOKENS (file of "<access> <refresh>" lines).
local M = {}

M.pool = os.getenv("BENCH_POOL") or ""
M.client = os.getenv("BENCH_CLIENT") or ""
M.users = tonumber(os.getenv("BENCH_USERS") or "1000")
M.password = "Passw0rd!bench"

local signed = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/cognito-idp/aws4_request, "
  .. "SignedHeaders=host, Signature=0"

-- A POST of `body` (a JSON string) to action `name`; `sign` adds the dummy SigV4 header.
function M.request(name, body, sign)
  local headers = {
    ["Content-Type"] = "application/x-amz-json-1.1",
    ["X-Amz-Target"] = "AWSCognitoIdentityProviderService." .. name,
  }
  if sign then
    headers["Authorization"] = signed
  end
  return wrk.format("POST", "/", headers, body)
end

-- Round-robin over a list shared by all threads: thread t takes positions t, t+T, t+2T, ...
-- Position p names item (p * SPREAD) mod size, a permutation (SPREAD is a prime that divides
-- no pool size used here), so consecutive requests name users far apart in the pool: they do
-- not share database pages, as users created one after another would.
local SPREAD = 7919
local thread_ids = 0
function M.setup(thread)
  thread:set("thread_id", thread_ids)
  thread_ids = thread_ids + 1
end
function M.next_index(state, size)
  local position = (state.n * state.stride + state.offset) % size
  state.n = state.n + 1
  return (position * SPREAD) % size
end

-- Call from init(): thread_id is set by setup() before init runs in the thread.
function M.counter()
  return { n = 0, offset = thread_id or 0, stride = tonumber(os.getenv("BENCH_THREADS") or "1") }
end

-- Column `col` (1 = access token, 2 = refresh token) of the tokens file.
function M.read_tokens(col)
  local path = os.getenv("BENCH_TOKENS")
  local out = {}
  if not path then
    return out
  end
  for line in io.lines(path) do
    local access, refresh = line:match("^(%S+)%s+(%S+)")
    if access then
      out[#out + 1] = col == 1 and access or refresh
    end
  end
  return out
end

-- JSON-escapes nothing: every value used here is [A-Za-z0-9@._=+/-] (tokens, names).
function M.done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"rps":%.1f,"non2xx":%d,"socket_errors":%d,' ..
    '"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6), e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end

return M
