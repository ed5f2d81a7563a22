// Shared pieces of the user-pool domain actions (Create / Describe / Update /
// DeleteUserPoolDomain). A pool has at most one domain: a prefix domain (`Domain`) or, with
// CustomDomainConfig, a custom one (`CustomDomain`); it lives in the pool's stored document.
// There is no hosted UI behind it: the domain is recorded and described only.
#pragma once

#include <optional>
#include <string>

#include "server/actions/context.h"
#include "storage/records.h"

namespace cognito::actions {

// The pool whose domain is `domain`, if any.
std::optional<storage::PoolRecord> PoolWithDomain(Context& ctx, const std::string& domain);
// The pool's domain settings ({Domain, CustomDomainConfig?, ManagedLoginVersion}), if it has one.
std::optional<Json> DomainOf(const storage::PoolRecord& pool);
// Stores (or, with a null `settings`, removes) the pool's domain.
void SetDomain(Context& ctx, storage::PoolRecord pool, const Json& settings);
// {ManagedLoginVersion, CloudFrontDomain (custom domains)} as Create / Update answer it.
Json DomainAnswer(const Json& settings);

}  // namespace cognito::actions
