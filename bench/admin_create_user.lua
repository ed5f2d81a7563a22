-- Scenario 6: AdminCreateUser (write path) with a username unique per request:
-- new-<BENCH_TAG>-<thread>-<n>. BENCH_TAG differs per run so reruns never collide.
package.path = (os.getenv("BENCH_DIR") or ".") .. "/?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done
local state
local tag = os.getenv("BENCH_TAG") or "0"

function init()
  state = c.counter()
end

function request()
  state.n = state.n + 1
  local name = string.format("new-%s-%d-%d", tag, state.offset, state.n)
  return c.request("AdminCreateUser", string.format(
    '{"UserPoolId":"%s","Username":"%s","MessageAction":"SUPPRESS","TemporaryPassword":"%s",' ..
    '"UserAttributes":[{"Name":"email","Value":"%s@example.com"}]}',
    c.pool, name, c.password, name), true)
end
