-- Scenario 8: an unknown action: the error path (every answer is a 400 by design).
package.path = (os.getenv("BENCH_DIR") or ".") .. "/?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done

function request()
  return c.request("NoSuchAction", "{}")
end
