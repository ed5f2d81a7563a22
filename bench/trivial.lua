-- Ceiling: the same POST shape against the trivial responder (nginx returning "{}").
package.path = (os.getenv("BENCH_DIR") or ".") .. "/?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done

function request()
  return c.request("ListUserPools", '{"MaxResults":10}')
end
