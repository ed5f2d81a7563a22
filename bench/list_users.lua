-- Scenario 7: ListUsers filtered on an indexed attribute: email = "user<i>@example.com".
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
  return c.request("ListUsers", string.format(
    '{"UserPoolId":"%s","Filter":"email = \\"user%d@example.com\\"","Limit":10}', c.pool, i), true)
end
