#!/usr/bin/env bash
# AWS CLI (v1) against the emulator: create a pool, a client and a user, set a permanent password,
# sign in with USER_PASSWORD_AUTH and check an AccessToken comes back.
# Usage: COGNITO_ENDPOINT=http://127.0.0.1:<port> tests/clients/cli/test_cli.sh
set -euo pipefail

if [[ -z "${COGNITO_ENDPOINT:-}" ]]; then
  echo "test_cli: COGNITO_ENDPOINT is not set (run tests/clients/run.sh <binary>)" >&2
  exit 2
fi
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
export AWS_MAX_ATTEMPTS=1 AWS_PAGER=""
# Keep the user's own CLI profile and config files out of the test.
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE AWS_SESSION_TOKEN

fail() {
  echo "test_cli: FAILED: $*" >&2
  exit 1
}

idp() {
  aws --endpoint-url "$COGNITO_ENDPOINT" --output json cognito-idp "$@"
}

# json_get <json> <python expression on d>: prints the value, fails if missing or empty.
json_get() {
  python3 -c 'import json, sys
d = json.loads(sys.argv[1])
v = eval(sys.argv[2], {"d": d})
if v in (None, ""):
    sys.exit(1)
print(v)' "$1" "$2"
}

step() {
  echo "test_cli: $*"
}

step "create-user-pool"
out=$(idp create-user-pool --pool-name "cli-$$-$RANDOM") || fail "create-user-pool"
pool_id=$(json_get "$out" 'd["UserPool"]["Id"]') || fail "no UserPool.Id in: $out"
[[ "$pool_id" =~ ^us-east-1_[0-9a-zA-Z]+$ ]] || fail "pool id '$pool_id' is not <region>_<alnum>"

step "create-user-pool-client"
out=$(idp create-user-pool-client --user-pool-id "$pool_id" --client-name cli \
  --explicit-auth-flows ALLOW_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH) ||
  fail "create-user-pool-client"
client_id=$(json_get "$out" 'd["UserPoolClient"]["ClientId"]') || fail "no ClientId in: $out"

step "admin-create-user"
out=$(idp admin-create-user --user-pool-id "$pool_id" --username grace \
  --message-action SUPPRESS --user-attributes Name=email,Value=grace@example.com) ||
  fail "admin-create-user"
status=$(json_get "$out" 'd["User"]["UserStatus"]') || fail "no UserStatus in: $out"
[[ "$status" == FORCE_CHANGE_PASSWORD ]] || fail "UserStatus is '$status', want FORCE_CHANGE_PASSWORD"

step "admin-set-user-password --permanent"
idp admin-set-user-password --user-pool-id "$pool_id" --username grace \
  --password 'Perm4nent!Pass' --permanent >/dev/null || fail "admin-set-user-password"

step "initiate-auth USER_PASSWORD_AUTH"
out=$(idp initiate-auth --client-id "$client_id" --auth-flow USER_PASSWORD_AUTH \
  --auth-parameters 'USERNAME=grace,PASSWORD=Perm4nent!Pass') || fail "initiate-auth"
token=$(json_get "$out" 'd["AuthenticationResult"]["AccessToken"]') ||
  fail "no AuthenticationResult.AccessToken in: $out"
[[ "$(tr -cd . <<<"$token")" == ".." ]] || fail "AccessToken is not a three-part JWT"

step "wrong password is refused"
if err=$(idp initiate-auth --client-id "$client_id" --auth-flow USER_PASSWORD_AUTH \
  --auth-parameters 'USERNAME=grace,PASSWORD=Wrong-Passw0rd' 2>&1); then
  fail "initiate-auth with a wrong password succeeded"
fi
[[ "$err" == *"(NotAuthorizedException)"*"Incorrect username or password."* ]] ||
  fail "unexpected error for a wrong password: $err"

idp delete-user-pool --user-pool-id "$pool_id" || fail "delete-user-pool"
echo "test_cli: OK"
