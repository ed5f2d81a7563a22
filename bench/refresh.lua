-- Scenario 4: InitiateAuth REFRESH_TOKEN_AUTH with pre-fetched refresh tokens, round-robin.
package.path = (os.getenv("BENCH_DIR") or ".") .. "/?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done
local state, tokens

function init()
  state = c.counter()
  tokens = c.read_tokens(2)
end

function request()
  local t = tokens[c.next_index(state, #tokens) + 1]
  return c.request("InitiateAuth", string.format(
    '{"ClientId":"%s","AuthFlow":"REFRESH_TOKEN_AUTH","AuthParameters":{"REFRESH_TOKEN":"%s"}}',
    c.client, t))
end
