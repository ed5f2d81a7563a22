#include "server/actions/outbox.h"

#include <map>
#include <mutex>

#include "server/actions/fields.h"
#include "server/actions/log.h"

namespace cognito::actions {

namespace {


int HexDigit(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// application/x-www-form-urlencoded decoding; a malformed escape is kept as written.
std::string Unescape(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%' && i + 2 < text.size() && HexDigit(text[i + 1]) >= 0 &&
               HexDigit(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexDigit(text[i + 1]) * 16 + HexDigit(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::map<std::string, std::string> QueryOf(const std::string& target) {
  std::map<std::string, std::string> query;
  const size_t start = target.find('?');
  if (start == std::string::npos) {
    return query;
  }
  const std::string text = target.substr(start + 1);
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('&', begin);
    if (end == std::string::npos) {
      end = text.size();
    }
    const std::string pair = text.substr(begin, end - begin);
    const size_t eq = pair.find('=');
    if (!pair.empty()) {
      query[Unescape(pair.substr(0, eq))] =
          eq == std::string::npos ? "" : Unescape(pair.substr(eq + 1));
    }
    begin = end + 1;
  }
  return query;
}

ApiResponse JsonAnswer(unsigned status, const Json& doc) {
  ApiResponse r;
  r.status = status;
  r.content_type = "application/json";
  // The method echoed in a 405 may be any bytes: replace invalid UTF-8 rather than throw.
  r.body = doc.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Json MessageJson(const storage::OutboxRecord& m) {
  return Json{{"id", m.id},
              {"poolId", m.pool_id},
              {"username", m.username},
              {"purpose", m.purpose},
              {"deliveryMedium", m.medium},
              {"destination", m.destination},
              {"code", m.code},
              {"message", m.message},
              {"createdAt", Timestamp(m.created_ms)},
              {"expiresAt", Timestamp(m.expires_ms)}};
}

}  // namespace

std::string NewCode(Context& ctx, size_t digits) {
  if (!ctx.env.settings.fixed_code.empty()) {
    return ctx.env.settings.fixed_code;
  }
  return ctx.env.random.FromAlphabet("0123456789", digits);
}

void SendMessage(Context& ctx, const OutgoingMessage& message) {
  const int64_t now = ctx.env.clock.NowMillis();
  storage::OutboxRecord record{0,
                               message.pool_id,
                               message.username,
                               message.medium,
                               message.destination,
                               message.purpose,
                               message.code,
                               message.message,
                               now,
                               now + message.validity_ms};
  ctx.Write([record = std::move(record)](storage::Store& store) {
    store.InsertOutbox(record, kOutboxKeepPerPool, record.created_ms - kOutboxMaxAgeMs);
    const std::string who = record.purpose + " " + record.pool_id + "/" + record.username;
    Log(LogLevel::kInfo, "code " + who + " " + record.medium + ":" + record.destination);
    if (LogEnabled(LogLevel::kDebug)) {
      Log(LogLevel::kDebug, "code " + who + " is " + record.code);
    }
  });
}

bool IsOutboxPath(const std::string& path) { return path == kOutboxPath; }

ApiResponse ServeOutbox(storage::StorePool& stores, const ApiRequest& request) {
  auto query = QueryOf(request.target);
  const std::string pool_id = query["poolId"];
  const std::string username = query["username"];
  auto lease = stores.Acquire();
  if (request.method == "GET" || request.method == "HEAD") {
    storage::Store::Transaction tx(*lease, false);
    Json messages = Json::array();
    for (const auto& m : lease->ListOutbox(pool_id, username, 0)) {
      messages.push_back(MessageJson(m));
    }
    tx.Commit();
    return JsonAnswer(200, Json{{"messages", std::move(messages)}});
  }
  if (request.method == "DELETE") {
    std::lock_guard writer(stores.writers());
    storage::Store::Transaction tx(*lease, true);
    const int64_t deleted = lease->ClearOutbox(pool_id, username);
    tx.Commit();
    return JsonAnswer(200, Json{{"deleted", deleted}});
  }
  return JsonAnswer(405, Json{{"__type", "MethodNotAllowedException"},
                              {"message", request.method + " is not allowed on " + kOutboxPath}});
}

}  // namespace cognito::actions
