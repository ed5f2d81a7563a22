// The sorted table of implemented actions. One explicit table (no static registration), so an
// action exists exactly when it is listed here.
#pragma once

#include <string_view>
#include <vector>

#include "server/actions/context.h"

namespace cognito::actions {

// How an action uses the store.
enum class Tx {
  kRead,           // one read transaction
  kWrite,          // one write transaction (BEGIN IMMEDIATE) around the whole action
  kReadThenWrite,  // reads and computes in a read transaction, then runs its queued
                   // Context::Write calls in a short write transaction (sign-in paths)
};

struct ActionEntry {
  std::string_view name;
  ActionFn fn;
  Tx tx;
};

// The entry for `name`, or nullptr when the action is not implemented.
const ActionEntry* FindAction(std::string_view name);
// For tests: whether the table is sorted, and the names of every implemented action.
bool ActionTableIsSorted();
std::vector<std::string_view> ImplementedActions();

}  // namespace cognito::actions
