#include "auth/random.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace cognito::auth {
namespace {

const std::regex kUuidV4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
const std::regex kUuidV7("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

TEST(RandomTest, UuidIsVersion4) {
  SecureRandom random;
  for (int i = 0; i < 50; ++i) {
    const std::string uuid = random.Uuid();
    EXPECT_TRUE(std::regex_match(uuid, kUuidV4)) << uuid;
    EXPECT_EQ(TimeUuidMillis(uuid), 0) << "no time in a random UUID";
  }
}

TEST(RandomTest, TimeUuidCarriesItsMilliseconds) {
  SecureRandom random;
  for (const int64_t ms : {int64_t{0}, int64_t{1}, int64_t{1733616000123}, int64_t{0xffffffffffff}}) {
    const std::string uuid = random.TimeUuid(ms);
    EXPECT_TRUE(std::regex_match(uuid, kUuidV7)) << uuid;
    EXPECT_EQ(TimeUuidMillis(uuid), ms) << uuid;
  }
  // RFC 9562's example: 2022-02-22 19:22:22 UTC = 0x017F22E279B0 ms.
  EXPECT_EQ(TimeUuidMillis("017f22e2-79b0-7cc3-98c4-dc0c0c07398f"), 0x017F22E279B0);
  EXPECT_EQ(TimeUuidMillis("017F22E2-79B0-7CC3-98C4-DC0C0C07398F"), 0x017F22E279B0);
  EXPECT_NE(random.TimeUuid(5), random.TimeUuid(5)) << "the rest is random";
}

TEST(RandomTest, TimeUuidMillisRefusesAnythingElse) {
  for (const char* text :
       {"", "o", "017f22e2-79b0-4cc3-98c4-dc0c0c07398f", "017f22e2-79b0-7cc3-c8c4-dc0c0c07398f",
        "017f22e2-79b0-7cc3-98c4-dc0c0c07398", "017f22e2-79b0-7cc3-98c4-dc0c0c07398f0",
        "017f22e2x79b0-7cc3-98c4-dc0c0c07398f", "017g22e2-79b0-7cc3-98c4-dc0c0c07398f",
        "017f22e2-79b0-7cc3-98c4-dc0c0c07398g"}) {
    EXPECT_EQ(TimeUuidMillis(text), 0) << text;
  }
}

}  // namespace
}  // namespace cognito::auth
