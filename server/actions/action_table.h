// The sorted table of implemented actions. One explicit table (no static registration), so an
// action exists exactly when it is listed here.
#pragma once

#include <string_view>

#include "server/actions/context.h"

namespace cognito::actions {

struct ActionEntry {
  std::string_view name;
  ActionFn fn;
  bool writes;  // runs in a write transaction
};

// The entry for `name`, or nullptr when the action is not implemented.
const ActionEntry* FindAction(std::string_view name);
// For the unit test that keeps the table sorted.
bool ActionTableIsSorted();

}  // namespace cognito::actions
