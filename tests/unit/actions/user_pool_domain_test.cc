// CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain and DeleteUserPoolDomain:
// one domain per pool, unique across pools, shown by DescribeUserPool and kept by UpdateUserPool.
#include <gtest/gtest.h>

#include "tests/unit/actions/service_fixture.h"

namespace cognito::actions {
namespace {

using testing::ServiceTest;

class UserPoolDomainTest : public ServiceTest {
 protected:
  static Json Domain(const std::string& pool, const std::string& domain) {
    return {{"UserPoolId", pool}, {"Domain", domain}};
  }
  static Json Pool(const std::string& pool) {
    return Ok("DescribeUserPool", {{"UserPoolId", pool}})["UserPool"];
  }
};

TEST_F(UserPoolDomainTest, APrefixDomainIsRecordedAndDescribed) {
  const std::string pool = CreatePool();
  EXPECT_EQ(Ok("CreateUserPoolDomain", Domain(pool, "my-app-auth")),
            Json({{"ManagedLoginVersion", 1}}));
  EXPECT_EQ(Pool(pool)["Domain"], "my-app-auth");
  EXPECT_FALSE(Pool(pool).contains("x-emulator:domain"));
  const Json description =
      Ok("DescribeUserPoolDomain", {{"Domain", "my-app-auth"}})["DomainDescription"];
  EXPECT_EQ(description["UserPoolId"], pool);
  EXPECT_EQ(description["Status"], "ACTIVE");
  EXPECT_EQ(Ok("DescribeUserPoolDomain", {{"Domain", "nobody-has-this"}}),
            Json({{"DomainDescription", Json::object()}}));

  // UpdateUserPool keeps it; the domain is taken; the pool has one already.
  Ok("UpdateUserPool", {{"UserPoolId", pool}, {"MfaConfiguration", "OFF"}});
  EXPECT_EQ(Pool(pool)["Domain"], "my-app-auth");
  const std::string other = CreatePool();
  EXPECT_EQ(Fail("CreateUserPoolDomain", Domain(other, "my-app-auth"))["message"],
            "Domain already associated with another user pool.");
  EXPECT_EQ(Fail("CreateUserPoolDomain", Domain(pool, "second-one"))["message"],
            "User pool already has a domain configured.");

  Json update = Domain(pool, "my-app-auth");
  update["ManagedLoginVersion"] = 2;
  EXPECT_EQ(Ok("UpdateUserPoolDomain", update), Json({{"ManagedLoginVersion", 2}}));
  EXPECT_EQ(Fail("DeleteUserPoolDomain", Domain(other, "my-app-auth"))["__type"],
            "InvalidParameterException");
  Ok("DeleteUserPoolDomain", Domain(pool, "my-app-auth"));
  EXPECT_FALSE(Pool(pool).contains("Domain"));
  Ok("CreateUserPoolDomain", Domain(other, "my-app-auth"));
  EXPECT_EQ(Ok("DescribeUserPoolDomain", {{"Domain", "my-app-auth"}})["DomainDescription"]["UserPoolId"],
            other);
  EXPECT_EQ(Fail("CreateUserPoolDomain", Domain("us-east-1_Missing01", "x-y"))["__type"],
            "ResourceNotFoundException");
}

TEST_F(UserPoolDomainTest, ACustomDomainHasACloudFrontName) {
  const std::string pool = CreatePool();
  Json input = Domain(pool, "auth");
  input["CustomDomainConfig"] = {{"CertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/x"}};
  const Json out = Ok("CreateUserPoolDomain", input);
  EXPECT_NE(out.value("CloudFrontDomain", "").find(".cloudfront.net"), std::string::npos);
  EXPECT_EQ(Pool(pool)["CustomDomain"], "auth");
  EXPECT_FALSE(Pool(pool).contains("Domain"));
  const Json description = Ok("DescribeUserPoolDomain", {{"Domain", "auth"}})["DomainDescription"];
  EXPECT_EQ(description["CustomDomainConfig"], input["CustomDomainConfig"]);
  EXPECT_EQ(description["CloudFrontDistribution"], out["CloudFrontDomain"]);
}

}  // namespace
}  // namespace cognito::actions
