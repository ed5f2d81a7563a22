// Every implemented action, probed with missing, wrong-typed and oversized members taken from
// the API model: each must answer 400 InvalidParameterException naming the member, never a 500.
#include <gtest/gtest.h>

#include "server/actions/action_table.h"
#include "server/actions/model.h"
#include "tests/unit/actions/service_fixture.h"

namespace cognito::actions {
namespace {

using testing::ServiceTest;

class BadInputTest : public ServiceTest {
 protected:
  // A valid-looking value for a member, so that only the member under test is wrong.
  static Json Plausible(const Model::MemberInfo& m) {
    if (m.type == "string") return "us-east-1_abc";
    if (m.type == "integer") return 1;
    if (m.type == "boolean") return true;
    if (m.type == "list") return Json::array();
    return Json::object();
  }
  static Json AllRequired(const std::vector<Model::MemberInfo>& members) {
    Json input = Json::object();
    for (const auto& m : members) {
      if (m.required) {
        input[m.name] = Plausible(m);
      }
    }
    return input;
  }
  static std::string LowerFirst(std::string s) {
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
  }
  void ExpectInvalid(const std::string& action, const Json& input, const std::string& member,
                     const std::string& label) {
    ApiResponse r = service().Call(action, input);
    ASSERT_EQ(r.status, 400u) << action << " " << label << ": " << r.body;
    Json body = Json::parse(r.body);
    EXPECT_EQ(body["__type"], "InvalidParameterException") << action << " " << label;
    EXPECT_NE(body["message"].get<std::string>().find("'" + LowerFirst(member) + "'"), std::string::npos)
        << action << " " << label << ": " << body["message"];
  }
};

TEST_F(BadInputTest, EveryActionRejectsMissingWrongTypedAndOversizedMembers) {
  const Model& model = Model::Get();
  int probes = 0;
  for (const std::string_view name_view : ImplementedActions()) {
    const std::string name(name_view);
    const Model::Operation* op = model.FindOperation(name);
    ASSERT_NE(op, nullptr) << name;
    const auto members = model.InputMembers(*op);
    for (const auto& m : members) {
      if (m.required) {
        Json input = AllRequired(members);
        input.erase(m.name);
        ExpectInvalid(name, input, m.name, "missing " + m.name);
        ++probes;
      }
      Json wrong = AllRequired(members);
      wrong[m.name] = m.type == "string" ? Json(12345) : Json("not-a-" + m.type);
      ExpectInvalid(name, wrong, m.name, "wrong-typed " + m.name);
      ++probes;
      if (m.type == "string" && m.max && *m.max < 100000) {
        Json big = AllRequired(members);
        big[m.name] = std::string(static_cast<size_t>(*m.max) + 1, 'a');
        ExpectInvalid(name, big, m.name, "oversized " + m.name);
        ++probes;
      }
    }
  }
  EXPECT_GT(probes, 100);
}

}  // namespace
}  // namespace cognito::actions
