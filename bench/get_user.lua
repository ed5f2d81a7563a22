-- Scenario 3: GetUser with pre-fetched access tokens (BENCH_TOKENS), round-robin.
package.path = (os.getenv("BENCH_DIR") or ".") .. "/?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done
local state, tokens

function init()
  state = c.counter()
  tokens = c.read_tokens(1)
end

function request()
  local t = tokens[c.next_index(state, #tokens) + 1]
  return c.request("GetUser", string.format('{"AccessToken":"%s"}', t))
end
