-- Scenario 5: AdminGetUser (signed operation: dummy SigV4 header), users in spread order (common.lua).
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
  return c.request("AdminGetUser",
    string.format('{"UserPoolId":"%s","Username":"user%d"}', c.pool, i), true)
end
