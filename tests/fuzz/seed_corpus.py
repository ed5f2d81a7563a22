#!/usr/bin/env python3
"""Writes the checked-in seed corpus (tests/fuzz/corpus/<target>/) and the libFuzzer
dictionary (tests/fuzz/cognito.dict). Deterministic: rerunning it rewrites the same files.
The ids used match tests/fuzz/fuzz_service.h (the seeded pool, clients and users)."""
import base64
import hashlib
import hmac
import json
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "reliability"))
from cognito_srp import N  # noqa: E402  (the SRP group, written once)
POOL = "us-east-1_Fuzz0001"
PUBLIC = "fuzzpublicclient00000001"
SECRET_CLIENT = "fuzzsecretclient00000001"
SECRET = "fuzzsecret00000000000000000000000000000000000000001"
SRP_A = format(pow(2, 0x1234567890ABCDEF1234567890ABCDEF, N), "x")


def secret_hash(username):
    mac = hmac.new(SECRET.encode(), (username + SECRET_CLIENT).encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def write(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data if isinstance(data, bytes) else data.encode())


def api(op, body, method="POST /", auth=""):
    text = body if isinstance(body, str) else json.dumps(body, separators=(",", ":"))
    return f"{method}\n{op}\n{auth}\n{text}"


def service_corpus():
    user = {"UserPoolId": POOL, "Username": "alice"}
    password_auth = {"ClientId": PUBLIC, "AuthFlow": "USER_PASSWORD_AUTH",
                     "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Passw0rd!"}}
    seeds = {
        "create_pool": api("CreateUserPool", {"PoolName": "p", "Policies": {"PasswordPolicy": {
            "MinimumLength": 6, "RequireNumbers": False}}, "UsernameAttributes": ["email"],
            "AutoVerifiedAttributes": ["email"], "Schema": [{"Name": "email", "Required": True}]}),
        "describe_pool": api("DescribeUserPool", {"UserPoolId": POOL}),
        "update_pool": api("UpdateUserPool", {"UserPoolId": POOL, "UserPoolTags": {"a": "b"},
                                              "MfaConfiguration": "OFF"}),
        "list_pools": api("ListUserPools", {"MaxResults": 2}),
        "list_pools_next": api("ListUserPools", {"MaxResults": 1, "NextToken": "cG9vbHM6dXMtZWFzdC0x"}),
        "delete_pool": api("DeleteUserPool", {"UserPoolId": POOL}),
        "create_client": api("CreateUserPoolClient", {"UserPoolId": POOL, "ClientName": "c",
            "GenerateSecret": True, "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"],
            "AccessTokenValidity": 5, "TokenValidityUnits": {"AccessToken": "minutes"},
            "PreventUserExistenceErrors": "ENABLED", "EnableTokenRevocation": True}),
        "describe_client": api("DescribeUserPoolClient", {"UserPoolId": POOL, "ClientId": PUBLIC}),
        "update_client": api("UpdateUserPoolClient", {"UserPoolId": POOL, "ClientId": PUBLIC,
            "RefreshTokenValidity": 1, "AuthSessionValidity": 3,
            "RefreshTokenRotation": {"Feature": "ENABLED", "RetryGracePeriodSeconds": 10}}),
        "list_clients": api("ListUserPoolClients", {"UserPoolId": POOL, "MaxResults": 1}),
        "delete_client": api("DeleteUserPoolClient", {"UserPoolId": POOL, "ClientId": SECRET_CLIENT}),
        "admin_create_user": api("AdminCreateUser", {"UserPoolId": POOL, "Username": "dave",
            "TemporaryPassword": "Temp0rary!", "MessageAction": "SUPPRESS",
            "UserAttributes": [{"Name": "email", "Value": "dave@example.com"},
                               {"Name": "email_verified", "Value": "true"}]}),
        "admin_create_user_invite": api("AdminCreateUser", {"UserPoolId": POOL, "Username": "hal",
            "DesiredDeliveryMediums": ["EMAIL", "SMS"], "UserAttributes": [
                {"Name": "email", "Value": "hal@example.com"},
                {"Name": "phone_number", "Value": "+15555550101"}]})
            + "\n===\n" + api("AdminCreateUser", {"UserPoolId": POOL, "Username": "hal",
                                                   "MessageAction": "RESEND"}),
        "admin_get_user": api("AdminGetUser", user),
        "admin_delete_user": api("AdminDeleteUser", {"UserPoolId": POOL, "Username": "carol"}),
        "admin_disable_user": api("AdminDisableUser", user),
        "admin_enable_user": api("AdminEnableUser", user),
        "admin_set_password": api("AdminSetUserPassword", dict(user, Password="N3w-Passw0rd",
                                                                 Permanent=True)),
        "admin_global_sign_out": api("AdminUserGlobalSignOut", user),
        "list_users": api("ListUsers", {"UserPoolId": POOL, "Limit": 2,
                                         "AttributesToGet": ["email"]}),
        "list_users_filter": api("ListUsers", {"UserPoolId": POOL,
                                                "Filter": "email ^= \"alice\""}),
        "list_users_status": api("ListUsers", {"UserPoolId": POOL,
                                                "Filter": "cognito:user_status = \"CONFIRMED\""}),
        "list_users_page": api("ListUsers", {"UserPoolId": POOL, "Limit": 1,
                                              "PaginationToken": "YWxpY2U"}),
        "initiate_password": api("InitiateAuth", password_auth),
        "initiate_secret_hash": api("InitiateAuth", {"ClientId": SECRET_CLIENT,
            "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {
                "USERNAME": "alice", "PASSWORD": "Passw0rd!", "SECRET_HASH": secret_hash("alice")}}),
        "initiate_refresh": api("InitiateAuth", {"ClientId": PUBLIC, "AuthFlow": "REFRESH_TOKEN_AUTH",
                                                  "AuthParameters": {"REFRESH_TOKEN": "$REFRESH"}}),
        "initiate_srp_then_verifier": api("InitiateAuth", {"ClientId": PUBLIC,
            "AuthFlow": "USER_SRP_AUTH", "AuthParameters": {"USERNAME": "alice", "SRP_A": SRP_A}})
            + "\n===\n" + api("RespondToAuthChallenge", {"ClientId": PUBLIC,
                "ChallengeName": "PASSWORD_VERIFIER", "Session": "$SESSION", "ChallengeResponses": {
                    "USERNAME": "alice", "PASSWORD_CLAIM_SECRET_BLOCK": "AAAA",
                    "TIMESTAMP": "Thu Jan 1 00:00:00 UTC 2026",
                    "PASSWORD_CLAIM_SIGNATURE": "c2lnbmF0dXJl"}}),
        "custom_auth_then_answer": api("InitiateAuth", {"ClientId": PUBLIC,
            "AuthFlow": "CUSTOM_AUTH", "AuthParameters": {"USERNAME": "alice", "SRP_A": SRP_A,
                                                          "CHALLENGE_NAME": "SRP_A"},
            "ClientMetadata": {"k": "v"}})
            + "\n===\n" + api("RespondToAuthChallenge", {"ClientId": PUBLIC,
                "ChallengeName": "CUSTOM_CHALLENGE", "Session": "$SESSION",
                "ChallengeResponses": {"USERNAME": "alice", "ANSWER": "42"}}),
        "user_auth_select": api("InitiateAuth", {"ClientId": PUBLIC, "AuthFlow": "USER_AUTH",
            "AuthParameters": {"USERNAME": "alice", "PREFERRED_CHALLENGE": "EMAIL_OTP"}})
            + "\n===\n" + api("RespondToAuthChallenge", {"ClientId": PUBLIC,
                "ChallengeName": "SELECT_CHALLENGE", "Session": "$SESSION",
                "ChallengeResponses": {"USERNAME": "alice", "ANSWER": "PASSWORD",
                                       "PASSWORD": "Passw0rd!"}}),
        "add_custom_attributes": api("AddCustomAttributes", {"UserPoolId": POOL,
            "CustomAttributes": [{"Name": "tier", "AttributeDataType": "Number",
                                  "NumberAttributeConstraints": {"MinValue": "1", "MaxValue": "9"}}]}),
        "resource_servers": api("CreateResourceServer", {"UserPoolId": POOL,
            "Identifier": "https://api", "Name": "api",
            "Scopes": [{"ScopeName": "read", "ScopeDescription": "r"}]})
            + "\n===\n" + api("ListResourceServers", {"UserPoolId": POOL, "MaxResults": 1}),
        "user_pool_domain": api("CreateUserPoolDomain", {"UserPoolId": POOL, "Domain": "fuzz-auth"})
            + "\n===\n" + api("DescribeUserPoolDomain", {"Domain": "fuzz-auth"}),
        "new_password_required": api("InitiateAuth", {"ClientId": PUBLIC,
            "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": "bob", "PASSWORD": "Temp0rary!"}})
            + "\n===\n" + api("RespondToAuthChallenge", {"ClientId": PUBLIC,
                "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "$SESSION",
                "ChallengeResponses": {"USERNAME": "bob", "NEW_PASSWORD": "Sec0nd-Passw0rd",
                                       "userAttributes.given_name": "Bob"}}),
        "admin_initiate": api("AdminInitiateAuth", {"UserPoolId": POOL, "ClientId": PUBLIC,
            "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": "bob", "PASSWORD": "Temp0rary!"}})
            + "\n===\n" + api("AdminRespondToAuthChallenge", {"UserPoolId": POOL,
                "ClientId": PUBLIC, "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "$SESSION",
                "ChallengeResponses": {"USERNAME": "bob", "NEW_PASSWORD": "Sec0nd-Passw0rd"}}),
        "get_user": api("GetUser", {"AccessToken": "$ACCESS"}, auth="-"),
        "global_sign_out": api("GlobalSignOut", {"AccessToken": "$ACCESS"}, auth="-")
            + "\n===\n" + api("GetUser", {"AccessToken": "$ACCESS"}, auth="-"),
        "change_password": api("ChangePassword", {"AccessToken": "$ACCESS",
            "PreviousPassword": "Passw0rd!", "ProposedPassword": "Th1rd-Passw0rd"}, auth="-"),
        "revoke_token": api("RevokeToken", {"ClientId": PUBLIC, "Token": "$REFRESH"}, auth="-"),
        "tokens_from_refresh": api("GetTokensFromRefreshToken", {"ClientId": PUBLIC,
                                                                 "RefreshToken": "$REFRESH"}),
        "groups": api("CreateGroup", {"UserPoolId": POOL, "GroupName": "admins", "Precedence": 1,
                                      "RoleArn": "arn:aws:iam::123456789012:role/admin",
                                      "Description": "d"})
            + "\n===\n" + api("AdminAddUserToGroup", dict(user, GroupName="admins"))
            + "\n===\n" + api("InitiateAuth", password_auth)
            + "\n===\n" + api("AdminListGroupsForUser", dict(user, Limit=1)),
        "group_admin": api("CreateGroup", {"UserPoolId": POOL, "GroupName": "g"})
            + "\n===\n" + api("UpdateGroup", {"UserPoolId": POOL, "GroupName": "g", "Precedence": 7})
            + "\n===\n" + api("ListUsersInGroup", {"UserPoolId": POOL, "GroupName": "g", "Limit": 2})
            + "\n===\n" + api("DeleteGroup", {"UserPoolId": POOL, "GroupName": "g"}),
        "sign_up": api("SignUp", {"ClientId": PUBLIC, "Username": "eve", "Password": "Passw0rd!",
            "UserAttributes": [{"Name": "email", "Value": "eve@example.com"}],
            "ValidationData": [{"Name": "k", "Value": "v"}]}, auth="-")
            + "\n===\n" + api("ConfirmSignUp", {"ClientId": PUBLIC, "Username": "eve",
                                                 "ConfirmationCode": "123456"}, auth="-")
            + "\n===\n" + api("ResendConfirmationCode", {"ClientId": PUBLIC, "Username": "eve"},
                               auth="-")
            + "\n===\n" + api("AdminConfirmSignUp", {"UserPoolId": POOL, "Username": "eve"}),
        "sign_up_secret": api("SignUp", {"ClientId": SECRET_CLIENT, "Username": "fay",
            "Password": "Passw0rd!", "SecretHash": secret_hash("fay")}, auth="-")
            + "\n===\n" + api("ConfirmSignUp", {"ClientId": SECRET_CLIENT, "Username": "fay",
                "ConfirmationCode": "000000", "SecretHash": secret_hash("fay")}, auth="-"),
        "forgot_password": api("AdminCreateUser", {"UserPoolId": POOL, "Username": "gus",
            "MessageAction": "SUPPRESS", "UserAttributes": [
                {"Name": "email", "Value": "gus@example.com"},
                {"Name": "email_verified", "Value": "true"}]})
            + "\n===\n" + api("AdminSetUserPassword", {"UserPoolId": POOL, "Username": "gus",
                                                        "Password": "Passw0rd!", "Permanent": True})
            + "\n===\n" + api("ForgotPassword", {"ClientId": PUBLIC, "Username": "gus"}, auth="-")
            + "\n===\n" + api("ConfirmForgotPassword", {"ClientId": PUBLIC, "Username": "gus",
                "ConfirmationCode": "123456", "Password": "N3w-Passw0rd"}, auth="-")
            + "\n===\n" + api("AdminResetUserPassword", {"UserPoolId": POOL, "Username": "gus"})
            + "\n===\n" + api("ForgotPassword", {"ClientId": PUBLIC, "Username": "nobody"},
                               auth="-"),
        "attributes": api("UpdateUserAttributes", {"AccessToken": "$ACCESS", "UserAttributes": [
                {"Name": "email", "Value": "alice2@example.com"},
                {"Name": "given_name", "Value": "Al"}]}, auth="-")
            + "\n===\n" + api("VerifyUserAttribute", {"AccessToken": "$ACCESS",
                "AttributeName": "email", "Code": "123456"}, auth="-")
            + "\n===\n" + api("GetUserAttributeVerificationCode", {"AccessToken": "$ACCESS",
                "AttributeName": "email"}, auth="-")
            + "\n===\n" + api("DeleteUserAttributes", {"AccessToken": "$ACCESS",
                "UserAttributeNames": ["given_name", "sub"]}, auth="-"),
        "admin_attributes": api("AdminUpdateUserAttributes", dict(user, UserAttributes=[
                {"Name": "email", "Value": "a@example.com"},
                {"Name": "email_verified", "Value": "true"},
                {"Name": "custom:nope", "Value": "x"}]))
            + "\n===\n" + api("AdminDeleteUserAttributes", dict(user,
                UserAttributeNames=["email", "nickname"])),
        "group_read": api("ListGroups", {"UserPoolId": POOL, "Limit": 1})
            + "\n===\n" + api("GetGroup", {"UserPoolId": POOL, "GroupName": "nope"})
            + "\n===\n" + api("AdminRemoveUserFromGroup", dict(user, GroupName="nope")),
        "mfa_config": api("SetUserPoolMfaConfig", {"UserPoolId": POOL, "MfaConfiguration": "OPTIONAL",
            "SoftwareTokenMfaConfiguration": {"Enabled": True},
            "SmsMfaConfiguration": {"SmsAuthenticationMessage": "code {####}",
                                    "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns"}},
            "EmailMfaConfiguration": {"Message": "code {####}", "Subject": "s"}})
            + "\n===\n" + api("GetUserPoolMfaConfig", {"UserPoolId": POOL}),
        "sms_mfa_sign_in": api("SetUserPoolMfaConfig", {"UserPoolId": POOL, "MfaConfiguration": "ON",
            "SmsMfaConfiguration": {"SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns"}}})
            + "\n===\n" + api("AdminSetUserMFAPreference", {"UserPoolId": POOL, "Username": "carol",
                                "SMSMfaSettings": {"Enabled": True, "PreferredMfa": True}})
            + "\n===\n" + api("InitiateAuth", {"ClientId": PUBLIC, "AuthFlow": "USER_PASSWORD_AUTH",
                "AuthParameters": {"USERNAME": "carol", "PASSWORD": "Passw0rd!"}})
            + "\n===\n" + api("RespondToAuthChallenge", {"ClientId": PUBLIC, "ChallengeName": "SMS_MFA",
                "Session": "$SESSION", "ChallengeResponses": {"USERNAME": "carol", "SMS_MFA_CODE": "123456"}}),
        "email_mfa_sign_in": api("SetUserPoolMfaConfig", {"UserPoolId": POOL, "MfaConfiguration": "OPTIONAL",
            "EmailMfaConfiguration": {"Message": "code {####}", "Subject": "s"}})
            + "\n===\n" + api("AdminSetUserMFAPreference", {"UserPoolId": POOL, "Username": "alice",
                                "EmailMfaSettings": {"Enabled": True, "PreferredMfa": True}})
            + "\n===\n" + api("AdminInitiateAuth", {"UserPoolId": POOL, "ClientId": PUBLIC,
                "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
                "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Passw0rd!"}})
            + "\n===\n" + api("AdminRespondToAuthChallenge", {"UserPoolId": POOL, "ClientId": PUBLIC,
                "ChallengeName": "EMAIL_OTP", "Session": "$SESSION",
                "ChallengeResponses": {"USERNAME": "alice", "EMAIL_OTP_CODE": "123456"}}),
        "totp_setup": api("SetUserPoolMfaConfig", {"UserPoolId": POOL, "MfaConfiguration": "OPTIONAL",
            "SoftwareTokenMfaConfiguration": {"Enabled": True}})
            + "\n===\n" + api("AssociateSoftwareToken", {"AccessToken": "$ACCESS"}, auth="-")
            + "\n===\n" + api("VerifySoftwareToken", {"AccessToken": "$ACCESS", "UserCode": "$TOTP",
                                                       "FriendlyDeviceName": "phone"}, auth="-")
            + "\n===\n" + api("SetUserMFAPreference", {"AccessToken": "$ACCESS",
                "SoftwareTokenMfaSettings": {"Enabled": True, "PreferredMfa": True}}, auth="-"),
        "mfa_setup_challenge": api("SetUserPoolMfaConfig", {"UserPoolId": POOL, "MfaConfiguration": "ON",
            "SoftwareTokenMfaConfiguration": {"Enabled": True}})
            + "\n===\n" + api("InitiateAuth", password_auth)
            + "\n===\n" + api("AssociateSoftwareToken", {"Session": "$SESSION"}, auth="-")
            + "\n===\n" + api("VerifySoftwareToken", {"Session": "$SESSION", "UserCode": "$TOTP"},
                                auth="-")
            + "\n===\n" + api("RespondToAuthChallenge", {"ClientId": PUBLIC, "ChallengeName": "MFA_SETUP",
                "Session": "$SESSION", "ChallengeResponses": {"USERNAME": "alice"}}),
        "legacy_settings": api("AdminSetUserSettings", {"UserPoolId": POOL, "Username": "carol",
            "MFAOptions": [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]})
            + "\n===\n" + api("SetUserSettings", {"AccessToken": "$ACCESS", "MFAOptions": []}, auth="-")
            + "\n===\n" + api("AdminGetUser", {"UserPoolId": POOL, "Username": "carol"}),
        "outbox": api("", "", method=f"GET /_emulator/outbox?poolId={POOL}&username=carol"),
        "outbox_delete": api("", "", method="DELETE /_emulator/outbox?poolId=%75s-east-1_x"),
        "jwks": api("", "", method=f"GET /{POOL}/.well-known/jwks.json"),
        "openid": api("", "", method=f"GET /{POOL}/.well-known/openid-configuration?x=1"),
        "unknown_path": api("", "", method="GET /nope"),
        "put": api("ListUserPools", "{}", method="PUT /"),
        "unknown_operation": api("NoSuchAction", "{}"),
        "raw_target": api("=Other.ListUserPools", "{}"),
        "unsigned": api("ListUserPools", {"MaxResults": 1}, auth="-"),
        "not_json": api("ListUserPools", "{\"MaxResults\": 1"),
        "not_object": api("ListUserPools", "[1,2]"),
        "wrong_types": api("AdminCreateUser", {"UserPoolId": 7, "Username": ["x"],
                                                "UserAttributes": {"a": 1}}),
        "unsupported": api("AdminListUserAuthEvents", {"UserPoolId": POOL, "Username": "alice"}),
        "tags": api("TagResource", {"ResourceArn": f"arn:aws:cognito-idp:us-east-1:123456789012:userpool/{POOL}",
                                    "Tags": {"team": "auth", "env": ""}})
            + "\n===\n" + api("ListTagsForResource",
                {"ResourceArn": f"arn:aws:cognito-idp:us-east-1:123456789012:userpool/{POOL}"})
            + "\n===\n" + api("UntagResource", {"ResourceArn": "arn:aws:s3:::bucket",
                                                   "TagKeys": ["team"]}),
        "devices": api("ConfirmDevice", {"AccessToken": "$ACCESS",
                                         "DeviceKey": "us-east-1_0f8fad5b-d9cb-469f-a165-70867728950e",
                                         "DeviceSecretVerifierConfig": {"Salt": "AL9wOXDIi8e2ixlqPBTt8kA=",
                                                                        "PasswordVerifier": "AQ=="}},
                           auth="-")
            + "\n===\n" + api("ListDevices", {"AccessToken": "$ACCESS", "Limit": 1}, auth="-")
            + "\n===\n" + api("AdminListDevices", {"UserPoolId": POOL, "Username": "alice",
                                                    "PaginationToken": "eA"})
            + "\n===\n" + api("AdminUpdateDeviceStatus", {"UserPoolId": POOL, "Username": "alice",
                                                           "DeviceKey": "us-east-1_0abc",
                                                           "DeviceRememberedStatus": "remembered"}),
        "delete_user": api("DeleteUser", {"AccessToken": "$ACCESS"}, auth="-")
            + "\n===\n" + api("GetUser", {"AccessToken": "$ACCESS"}, auth="-"),
        "deep_nesting": api("ListUsers", '{"UserPoolId":' + "[" * 64 + "]" * 64 + "}"),
    }
    for name, text in seeds.items():
        write("service", name, text)


def http_corpus():
    body = json.dumps({"ClientId": PUBLIC, "AuthFlow": "USER_PASSWORD_AUTH",
                       "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Passw0rd!"}})

    def post(body_text, extra="", version="1.1", target="InitiateAuth"):
        return (f"POST / HTTP/{version}\r\nHost: 127.0.0.1\r\n"
                f"X-Amz-Target: AWSCognitoIdentityProviderService.{target}\r\n"
                f"Content-Type: application/x-amz-json-1.1\r\n{extra}"
                f"Content-Length: {len(body_text)}\r\n\r\n{body_text}")

    chunked_body = "".join(f"{len(part):x}\r\n{part}\r\n" for part in (body[:20], body[20:])) + "0\r\n\r\n"
    seeds = {
        "post": post(body),
        "post_signed": post('{"MaxResults":1}', "Authorization: AWS4-HMAC-SHA256 Credential=x\r\n",
                            target="ListUserPools"),
        "http10": post(body, version="1.0"),
        "expect_continue": post(body, "Expect: 100-continue\r\n"),
        "pipelined": post(body, "Connection: keep-alive\r\n") + post("{}", target="ListUserPools"),
        "close": post(body, "Connection: close\r\n"),
        "chunked": ("POST / HTTP/1.1\r\nHost: h\r\nX-Amz-Target: AWSCognitoIdentityProviderService."
                    "InitiateAuth\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked_body),
        "chunked_huge": ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "fffffffffff\r\nabc"),
        "chunk_extension": ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "3;name=value\r\n{}x\r\n0\r\nTrailer: t\r\n\r\n"),
        "content_length_huge": "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999\r\n\r\n{}",
        "content_length_twice": "POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        "preflight": ("OPTIONS / HTTP/1.1\r\nHost: h\r\nOrigin: http://localhost\r\n"
                      "Access-Control-Request-Method: POST\r\n"
                      "Access-Control-Request-Headers: x-amz-target, content-type\r\n\r\n"),
        "health": "GET /health HTTP/1.1\r\nHost: h\r\n\r\n",
        "jwks": f"GET /{POOL}/.well-known/jwks.json HTTP/1.1\r\nHost: h\r\n\r\n",
        "head": "HEAD /health?x HTTP/1.1\r\n\r\n",
        "garbage": "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
        "bad_version": "GET / HTTP/9.9\r\n\r\n",
        "folded_header": "GET /health HTTP/1.1\r\nX-A: a\r\n b\r\n\r\n",
        "long_header": "GET /health HTTP/1.1\r\nX-Long: " + "a" * 3000 + "\r\n\r\n",
        "many_headers": "GET /health HTTP/1.1\r\n" + "X-H: v\r\n" * 200 + "\r\n",
        "bare_lf": "GET /health HTTP/1.1\nHost: h\n\n",
    }
    for name, text in seeds.items():
        write("http", name, text.encode("latin-1"))


def model_corpus():
    seeds = {
        "create_pool": ("CreateUserPool", {"PoolName": "p", "Policies": {"PasswordPolicy": {
            "MinimumLength": 8}}, "Schema": [{"Name": "custom", "AttributeDataType": "String",
            "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "9"}}],
            "LambdaConfig": {"PreSignUp": "arn:aws:lambda:us-east-1:123456789012:function:f"}}),
        "create_pool_bad": ("CreateUserPool", {"PoolName": "", "MfaConfiguration": "MAYBE",
                                                "Policies": {"PasswordPolicy": {"MinimumLength": 1}}}),
        "admin_create_user": ("AdminCreateUser", {"UserPoolId": POOL, "Username": "u",
            "UserAttributes": [{"Name": "email", "Value": "a@b.c"}], "ClientMetadata": {"k": "v"},
            "DesiredDeliveryMediums": ["EMAIL"]}),
        "admin_create_user_bad": ("AdminCreateUser", {"UserPoolId": "bad id", "Username": 5,
                                                       "UserAttributes": [None, {"Value": "x"}]}),
        "initiate_auth": ("InitiateAuth", {"ClientId": PUBLIC, "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Passw0rd!"}}),
        "initiate_auth_bad_flow": ("InitiateAuth", {"ClientId": "", "AuthFlow": "MAGIC"}),
        "respond": ("RespondToAuthChallenge", {"ClientId": PUBLIC, "ChallengeName": "SMS_MFA",
            "Session": "s" * 30, "ChallengeResponses": {"USERNAME": "alice", "SMS_MFA_CODE": "123456"}}),
        "set_password_secret": ("AdminSetUserPassword", {"UserPoolId": POOL, "Username": "alice",
                                                          "Password": "abc123def456ghi789" + " " * 3}),
        "change_password": ("ChangePassword", {"AccessToken": "x", "PreviousPassword": "p",
                                               "ProposedPassword": "q" * 300}),
        "update_attributes_bad": ("UpdateUserAttributes", {"AccessToken": "x",
            "UserAttributes": [{"Name": "sub"}, {"Name": 5, "Value": None}]}),
        "verify_attribute_bad": ("VerifyUserAttribute", {"AccessToken": "x",
            "AttributeName": "e" * 40, "Code": "1" * 20}),
        "list_users": ("ListUsers", {"UserPoolId": POOL, "Limit": 61, "Filter": "x" * 300,
                                     "AttributesToGet": ["email", 3]}),
        "update_client": ("UpdateUserPoolClient", {"UserPoolId": POOL, "ClientId": PUBLIC,
            "CallbackURLs": ["https://example.com/cb"], "AllowedOAuthFlows": ["code"],
            "AnalyticsConfiguration": {"ApplicationId": "x", "ExternalId": "e"},
            "TokenValidityUnits": {"IdToken": "days"}, "IdTokenValidity": 99999999999}),
        "unicode": ("AdminGetUser", {"UserPoolId": POOL, "Username": "\u00e9l\u00e8ve\u2603\U0001F600"}),
        "set_mfa_config": ("SetUserPoolMfaConfig", {"UserPoolId": POOL, "MfaConfiguration": "ON",
            "SoftwareTokenMfaConfiguration": {"Enabled": True}}),
        "tags": ("TagResource", {"ResourceArn": "arn:aws:cognito-idp:us-east-1:1:userpool/x",
                                 "Tags": {"k" * 200: "v"}}),
        "nulls": ("DescribeUserPool", {"UserPoolId": None}),
        "double": ("UpdateUserPool", {"UserPoolId": POOL, "UserPoolAddOns": {
            "AdvancedSecurityMode": "OFF"}, "DeletionProtection": "ACTIVE", "x": 1.5e300}),
    }
    for name, (op, body) in seeds.items():
        write("model", name, op + "\n" + json.dumps(body))
    write("model", "hashed_name", "zz\n{}")


def user_filter_corpus():
    seeds = {
        "equals": 'email = "alice@example.com"',
        "prefix": 'username ^= "al"',
        "spaces": '   given_name   =   "Carol"   ',
        "escapes": 'name = "a \\"quoted\\" \\\\ value"',
        "status": 'cognito:user_status = "FORCE_CHANGE_PASSWORD"',
        "enabled": 'status = "Enabled"',
        "sub": 'sub = "0b1c6c3e-0000-4000-8000-000000000000"',
        "phone": 'phone_number ^= "+1555"',
        "blank": "    ",
        "unknown_attribute": 'custom:x = "1"',
        "unterminated": 'email = "abc',
        "trailing": 'email = "a" and',
        "no_quotes": "email = abc",
        "empty_value": 'preferred_username = ""',
        "utf8": 'family_name ^= "\u00fc\u00df"',
    }
    for name, text in seeds.items():
        write("user_filter", name, text)


def jwt_corpus():
    def b64(data):
        return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")

    claims = ('{"sub":"$SUB","iss":"$ISS","client_id":"' + PUBLIC + '","origin_jti":"o",'
              '"event_id":"e","token_use":"access","scope":"aws.cognito.signin.user.admin",'
              '"auth_time":$NOW,"exp":$EXP,"iat":$NOW,"jti":"j","username":"alice"}')
    seeds = {
        "raw_access": b"\x00$ACCESS",
        "raw_id": b"\x00$ID",
        "raw_refresh": b"\x00$REFRESH",
        "raw_padded": b"\x00$ACCESS==",
        "raw_alg_none": b"\x00" + (b64('{"alg":"none"}') + "." + b64(claims) + ".").encode(),
        "raw_alg_number": b"\x00" + (b64('{"alg":5,"kid":[1]}') + "." + b64(claims) + ".c2ln").encode(),
        "raw_two_parts": b"\x00eyJhbGciOiJSUzI1NiJ9.eyJ9",
        "payload_valid": b"\x01" + claims.encode(),
        "payload_id_use": b"\x01" + claims.replace('"access"', '"id"').encode(),
        "payload_expired": b"\x01" + claims.replace("$EXP", "1").encode(),
        "payload_big_exp": b"\x01" + claims.replace("$EXP", "18446744073709551615").encode(),
        "payload_types": b"\x01" + (b'{"token_use":"access","exp":$EXP,"iss":"$ISS","username":"alice",'
                                    b'"sub":7,"scope":["x"],"origin_jti":{}}'),
        "header_valid": b"\x02" + b'{"alg":"RS256","kid":"?"}\n' + claims.encode(),
        "header_types": b"\x02" + b'{"alg":["RS256"],"kid":null}\n' + claims.encode(),
        "id_key": b"\x03" + b'{"alg":"RS256"}\n' + claims.encode(),
    }
    for name, data in seeds.items():
        write("jwt", name, data)


def refresh_corpus():
    def b64(data):
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    claims = ('{"pool_id":"$POOL","client_id":"$CLIENT","sub":"$SUB","origin_jti":"o",'
              '"auth_time":1767225600,"device_key":"","iat_ms":$NOW_MS,"exp_ms":$EXP_MS}')
    header = b64(b'{"cty":"JWT","enc":"A256GCM","alg":"dir"}')
    seeds = {
        "raw_real": b"\x00$REFRESH",
        "raw_real_padded": b"\x00$REFRESH==",
        "raw_extra_part": b"\x00$REFRESH.x",
        "raw_random": b"\x00" + ".".join([header, "", b64(b"\x01" * 12), b64(b"\x02" * 40),
                                          b64(b"\x03" * 16)]).encode(),
        "raw_rsa_oaep": b"\x00" + ".".join([b64(b'{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}'),
                                            b64(b"k" * 256), b64(b"i" * 12), b64(b"c" * 96),
                                            b64(b"t" * 16)]).encode(),
        "raw_access_token": b"\x00$ACCESS",
        "sealed_valid": b"\x01" + claims.encode(),
        "sealed_expired": b"\x01" + claims.replace("$EXP_MS", "1").encode(),
        "sealed_other_client": b"\x01" + claims.replace("$CLIENT", SECRET_CLIENT).encode(),
        "sealed_other_pool": b"\x01" + claims.replace("$POOL", "us-east-1_Other001").encode(),
        "sealed_other_sub": b"\x01" + claims.replace("$SUB", "nobody").encode(),
        "sealed_types": b"\x01" + claims.replace('"auth_time":1767225600', '"auth_time":"1"').encode(),
        "sealed_not_object": b"\x01" + b"[1,2]",
    }
    for name, data in seeds.items():
        write("refresh", name, data)


def srp_corpus():
    seeds = {
        "hex_lower": b"\x00" + b"0a1b2c",
        "hex_odd": b"\x00" + b"abc",
        "hex_zeros": b"\x00" + b"000000ff",
        "hex_zero": b"\x00" + b"0",
        "hex_bad": b"\x00" + b"12g4",
        "hex_upper": b"\x00" + b"DEADBEEF",
        "a_valid": b"\x01" + SRP_A.encode(),
        "a_n": b"\x01" + format(N, "x").encode(),
        "a_2n": b"\x01" + format(2 * N, "X").encode(),
        "a_n_plus_1": b"\x01" + format(N + 1, "x").encode(),
        "a_zero": b"\x01" + b"0000",
        "a_raw": b"\x01" + b"\xff\x00\x01",
        "ts_single_day": b"\x02" + b"Sun Nov 1 03:04:05 UTC 2026",
        "ts_leap": b"\x02" + b"Thu Feb 29 23:59:59 UTC 2024",
        "ts_padded_day": b"\x02" + b"Wed Apr 05 10:00:00 UTC 2023",
        "ts_wrong_weekday": b"\x02" + b"Mon Nov 1 03:04:05 UTC 2026",
        "ts_feb_30": b"\x02" + b"Fri Feb 30 00:00:00 UTC 2024",
        "ts_year_0001": b"\x02" + b"Mon Jan 1 00:00:00 UTC 0001",
        "fmt_now": b"\x03" + struct.pack("<q", 1767225600),
        "fmt_negative": b"\x03" + struct.pack("<q", -1),
        "fmt_min": b"\x03" + struct.pack("<q", -(2**63)),
        "fmt_max": b"\x03" + struct.pack("<q", 2**63 - 1),
        "fmt_year_9999": b"\x03" + struct.pack("<q", 253402300799),
    }
    for name, data in seeds.items():
        write("srp", name, data)


def dictionary():
    src = open(os.path.join(ROOT, "server/actions/model_data.cc")).read()
    model = json.loads(re.search(r'R"MODEL\((.*)\)MODEL"', src, re.S).group(1))
    words = set(model["operations"])
    for shape in model["shapes"].values():
        words.update(member[0] for member in shape.get("members", []))
        words.update(shape.get("enum", []))
    words.update([POOL, PUBLIC, SECRET_CLIENT, "alice", "bob", "carol", "$ACCESS", "$ID",
                  "$REFRESH", "$SUB", "$SESSION", "$TOTP", "$100000*[", "$ISS", "$EXP", "$NOW", "\n===\n",
                  "AWSCognitoIdentityProviderService.", "Content-Length: ", "Transfer-Encoding: chunked",
                  "Expect: 100-continue", "Connection: keep-alive", "X-Amz-Target: ", "HTTP/1.1",
                  "\r\n\r\n", "Authorization: ", "token_use", "RS256", "kid", "alg", "^=",
                  "cognito:user_status", "aws.cognito.signin.user.admin"])
    lines = []
    for word in sorted(words):
        escaped = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else "\\x%02x" % ord(ch)
                          for ch in word)
        lines.append(f'"{escaped}"')
    with open(os.path.join(HERE, "cognito.dict"), "w") as out:
        out.write("# libFuzzer dictionary: API model names and protocol tokens (seed_corpus.py).\n")
        out.write("\n".join(lines) + "\n")


def json_corpus():
    # Byte 1 is the depth limit (taken modulo 8), the rest the text.
    seeds = {
        "request": (3, '{"UserPoolId":"us-east-1_Fuzz0001","Username":"alice","Limit":10}'),
        "attributes": (4, '{"UserAttributes":[{"Name":"email","Value":"a@b.c"},'
                          '{"Name":"name","Value":"\\u00e9\\ud83d\\ude00 \u00fc"}]}'),
        "numbers": (2, "[0,-0,-0.0,1.5e3,1E-2,18446744073709551615,18446744073709551616,"
                       "-9223372036854775809,1e-400]"),
        "escapes": (1, '"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000"'),
        "deep": (3, "[[[[[1]]]]]"),
        "nesting_attack": (7, "[" * 4000 + '{"a":' * 60),
        "duplicate_keys": (2, '{"a":1,"a":{"b":[]}}'),
        "bom": (1, "\ufeff{}"),
        "broken": (2, '{"a":[1,2,}'),
    }
    for name, (limit, text) in seeds.items():
        write("json", name, bytes([limit]) + text.encode())


if __name__ == "__main__":
    service_corpus()
    http_corpus()
    model_corpus()
    user_filter_corpus()
    jwt_corpus()
    refresh_corpus()
    srp_corpus()
    json_corpus()
    dictionary()
