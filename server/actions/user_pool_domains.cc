#include "server/actions/user_pool_domains.h"

#include <cctype>

#include "server/actions/pool_document.h"

namespace cognito::actions {

namespace {

constexpr int kPageSize = 60;

// A stable, made-up CloudFront name for a custom domain.
std::string CloudFrontName(const std::string& domain) {
  std::string name = "d";
  for (const char c : domain) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '0';
  }
  return name.substr(0, 14) + ".cloudfront.net";
}

}  // namespace

std::optional<Json> DomainOf(const storage::PoolRecord& pool) {
  const Json doc = ParseStoredDocument(pool.description_json);
  auto it = doc.find(kPoolDomainMember);
  if (it == doc.end() || !it->is_object()) {
    return std::nullopt;
  }
  return *it;
}

std::optional<storage::PoolRecord> PoolWithDomain(Context& ctx, const std::string& domain) {
  std::string after;
  while (true) {
    const auto pools = ctx.store.ListPools(after, kPageSize);
    for (const auto& pool : pools) {
      if (const auto settings = DomainOf(pool); settings && settings->value("Domain", "") == domain) {
        return pool;
      }
    }
    if (pools.size() < static_cast<size_t>(kPageSize)) {
      return std::nullopt;
    }
    after = pools.back().id;
  }
}

void SetDomain(Context& ctx, storage::PoolRecord pool, const Json& settings) {
  Json doc = ParseStoredDocument(pool.description_json);
  doc.erase("Domain");
  doc.erase("CustomDomain");
  doc.erase(kPoolDomainMember);
  if (!settings.is_null()) {
    const bool custom = settings.contains("CustomDomainConfig");
    doc[custom ? "CustomDomain" : "Domain"] = settings["Domain"];
    doc[kPoolDomainMember] = settings;
  }
  pool.description_json = doc.dump();
  pool.modified_ms = ctx.env.clock.NowMillis();
  ctx.store.UpdatePool(pool);
}

Json DomainAnswer(const Json& settings) {
  Json out{{"ManagedLoginVersion", settings.value("ManagedLoginVersion", 1)}};
  if (settings.contains("CustomDomainConfig")) {
    out["CloudFrontDomain"] = CloudFrontName(settings.value("Domain", ""));
  }
  return out;
}

}  // namespace cognito::actions
