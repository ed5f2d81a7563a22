-- Scenario 1: InitiateAuth USER_PASSWORD_AUTH, users picked in spread order over the whole pool (common.lua).
package.path = (os.getenv("BENCH_DIR") or ".") .. "/?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done
local state

function init()
  state = c.counter()
end

function request()
  local i = c.next_index(state, c.users)
  return c.request("InitiateAuth", string.format(
    '{"ClientId":"%s","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"user%d","PASSWORD":"%s"}}',
    c.client, i, c.password))
end
