// CreateResourceServer, DescribeResourceServer, UpdateResourceServer, DeleteResourceServer and
// ListResourceServers: documents, errors, pagination, the per-pool quota and deletion with the pool.
#include <gtest/gtest.h>

#include "tests/unit/actions/service_fixture.h"

namespace cognito::actions {
namespace {

using testing::ServiceTest;

class ResourceServerTest : public ServiceTest {
 protected:
  void SetUp() override { pool_ = CreatePool(); }
  Json Server(const std::string& identifier, const Json& scopes = Json::array()) const {
    return {{"UserPoolId", pool_}, {"Identifier", identifier}, {"Name", "api server"},
            {"Scopes", scopes}};
  }
  Json Key(const std::string& identifier) const {
    return {{"UserPoolId", pool_}, {"Identifier", identifier}};
  }
  std::string pool_;
};

TEST_F(ResourceServerTest, CreateDescribeUpdateDelete) {
  const Json scopes = Json::array({{{"ScopeName", "read"}, {"ScopeDescription", "Read"}},
                                   {{"ScopeName", "write"}, {"ScopeDescription", "Write"}}});
  const Json created = Ok("CreateResourceServer", Server("https://api.example.com", scopes));
  const Json expected = {{"UserPoolId", pool_}, {"Identifier", "https://api.example.com"},
                         {"Name", "api server"}, {"Scopes", scopes}};
  EXPECT_EQ(created["ResourceServer"], expected);
  EXPECT_EQ(Ok("DescribeResourceServer", Key("https://api.example.com"))["ResourceServer"], expected);
  EXPECT_EQ(Fail("CreateResourceServer", Server("https://api.example.com"))["__type"],
            "InvalidParameterException");

  Json update = Server("https://api.example.com");
  update["Name"] = "renamed";
  update.erase("Scopes");
  const Json updated = Ok("UpdateResourceServer", update)["ResourceServer"];
  EXPECT_EQ(updated["Name"], "renamed");
  EXPECT_EQ(updated["Scopes"], Json::array());
  EXPECT_EQ(Ok("DescribeResourceServer", Key("https://api.example.com"))["ResourceServer"], updated);

  Ok("DeleteResourceServer", Key("https://api.example.com"));
  for (const char* action : {"DescribeResourceServer", "DeleteResourceServer"}) {
    EXPECT_EQ(Fail(action, Key("https://api.example.com"))["__type"], "ResourceNotFoundException");
  }
  EXPECT_EQ(Fail("UpdateResourceServer", Server("https://api.example.com"))["__type"],
            "ResourceNotFoundException");
}

TEST_F(ResourceServerTest, ScopeNamesAreUnique) {
  const Json twice = Json::array({{{"ScopeName", "read"}, {"ScopeDescription", "a"}},
                                  {{"ScopeName", "read"}, {"ScopeDescription", "b"}}});
  EXPECT_EQ(Fail("CreateResourceServer", Server("api", twice))["message"],
            "Duplicate scope name read.");
  EXPECT_EQ(Fail("DescribeResourceServer", Key("api"))["__type"], "ResourceNotFoundException");
}

TEST_F(ResourceServerTest, ListPagesAndTheQuotaHolds) {
  for (int i = 0; i < 25; ++i) {
    Ok("CreateResourceServer", Server("api" + std::string(i < 10 ? "0" : "") + std::to_string(i)));
  }
  EXPECT_EQ(Fail("CreateResourceServer", Server("one-too-many"))["__type"], "LimitExceededException");
  std::vector<std::string> seen;
  Json page = Ok("ListResourceServers", {{"UserPoolId", pool_}, {"MaxResults", 10}});
  while (true) {
    for (const auto& server : page["ResourceServers"]) {
      seen.push_back(server["Identifier"]);
    }
    if (!page.contains("NextToken")) break;
    page = Ok("ListResourceServers",
              {{"UserPoolId", pool_}, {"MaxResults", 10}, {"NextToken", page["NextToken"]}});
  }
  ASSERT_EQ(seen.size(), 25u);
  EXPECT_EQ(seen.front(), "api00");
  EXPECT_EQ(seen.back(), "api24");
  EXPECT_EQ(Fail("ListResourceServers", {{"UserPoolId", pool_}, {"NextToken", "bogus-token"}})["__type"],
            "InvalidParameterException");
  // They go with their pool.
  Ok("DeleteUserPool", {{"UserPoolId", pool_}});
  EXPECT_EQ(Fail("ListResourceServers", {{"UserPoolId", pool_}})["__type"],
            "ResourceNotFoundException");
  pool_ = CreatePool();
  EXPECT_EQ(Ok("ListResourceServers", {{"UserPoolId", pool_}})["ResourceServers"], Json::array());
}

}  // namespace
}  // namespace cognito::actions
