"""boto3 against the emulator: sign-in flow, pagination, Describe* shapes and error codes.

Run with COGNITO_ENDPOINT set (tests/clients/run.sh does it):
    python3 -m unittest discover -s tests/clients/python -p 'test_*.py'
"""

import base64
import datetime
import hashlib
import hmac
import os
import unittest
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

REGION = "us-east-1"
PASSWORD = "Perm4nent!Pass"
FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
MAX_PAGES = 100  # bounds every pagination loop


def make_client():
    endpoint = os.environ.get("COGNITO_ENDPOINT")
    if not endpoint:
        raise RuntimeError("COGNITO_ENDPOINT is not set (run tests/clients/run.sh <binary>)")
    # Dummy credentials: the emulator accepts any signature.
    os.environ["AWS_ACCESS_KEY_ID"] = "test"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "test"
    return boto3.client(
        "cognito-idp",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def secret_hash(username, client_id, client_secret):
    digest = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


class CognitoTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.idp = make_client()

    def assert_error(self, code, message, call, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            call(**kwargs)
        error = ctx.exception.response["Error"]
        meta = ctx.exception.response["ResponseMetadata"]
        self.assertEqual(error["Code"], code, error.get("Message"))
        self.assertEqual(error["Message"], message)
        self.assertEqual(meta["HTTPStatusCode"], 400)
        self.assertTrue(meta.get("RequestId"), "RequestId present")

    def create_pool(self, **kwargs):
        pool = self.idp.create_user_pool(PoolName=unique("py"), **kwargs)["UserPool"]
        self.addCleanup(self.idp.delete_user_pool, UserPoolId=pool["Id"])
        return pool["Id"]

    def create_confirmed_user(self, pool_id, username, email):
        self.idp.admin_create_user(
            UserPoolId=pool_id,
            Username=username,
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "email", "Value": email}],
        )
        self.idp.admin_set_user_password(
            UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True
        )


class SignInTest(CognitoTestCase):
    def test_create_and_sign_in(self):
        pool_id = self.create_pool()
        client = self.idp.create_user_pool_client(
            UserPoolId=pool_id, ClientName="py", ExplicitAuthFlows=FLOWS, GenerateSecret=True
        )["UserPoolClient"]
        created = self.idp.admin_create_user(
            UserPoolId=pool_id,
            Username="erin",
            TemporaryPassword="Temp0rary!Pass",
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "email", "Value": "erin@example.com"}],
        )["User"]
        self.assertEqual(created["UserStatus"], "FORCE_CHANGE_PASSWORD")
        self.assertIsInstance(created["UserCreateDate"], datetime.datetime)
        self.idp.admin_set_user_password(
            UserPoolId=pool_id, Username="erin", Password=PASSWORD, Permanent=True
        )
        user = self.idp.admin_get_user(UserPoolId=pool_id, Username="erin")
        self.assertEqual(user["UserStatus"], "CONFIRMED")
        self.assertTrue(user["Enabled"])

        out = self.idp.initiate_auth(
            ClientId=client["ClientId"],
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={
                "USERNAME": "erin",
                "PASSWORD": PASSWORD,
                "SECRET_HASH": secret_hash("erin", client["ClientId"], client["ClientSecret"]),
            },
        )
        result = out["AuthenticationResult"]
        self.assertEqual(out["ChallengeParameters"], {})
        self.assertEqual(result["ExpiresIn"], 3600)
        self.assertEqual(result["TokenType"], "Bearer")
        for name in ("AccessToken", "IdToken", "RefreshToken"):
            self.assertTrue(result[name], name)

        me = self.idp.get_user(AccessToken=result["AccessToken"])
        self.assertEqual(me["Username"], "erin")
        attributes = {a["Name"]: a["Value"] for a in me["UserAttributes"]}
        self.assertEqual(attributes["email"], "erin@example.com")

        self.assert_error(
            "NotAuthorizedException",
            "Incorrect username or password.",
            self.idp.initiate_auth,
            ClientId=client["ClientId"],
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={
                "USERNAME": "erin",
                "PASSWORD": "Wrong-Passw0rd",
                "SECRET_HASH": secret_hash("erin", client["ClientId"], client["ClientSecret"]),
            },
        )


class PaginationTest(CognitoTestCase):
    def test_list_users_one_per_page(self):
        pool_id = self.create_pool()
        for name in ("u1", "u2", "u3"):
            self.create_confirmed_user(pool_id, name, f"{name}@example.com")
        seen, kwargs = [], {}
        for _ in range(MAX_PAGES):
            page = self.idp.list_users(UserPoolId=pool_id, Limit=1, **kwargs)
            self.assertLessEqual(len(page["Users"]), 1)
            seen.extend(u["Username"] for u in page["Users"])
            if "PaginationToken" not in page:
                break
            kwargs = {"PaginationToken": page["PaginationToken"]}
        else:
            self.fail("ListUsers pagination did not end")
        self.assertEqual(sorted(seen), ["u1", "u2", "u3"])

    def test_list_user_pools_one_per_page(self):
        mine = {self.create_pool() for _ in range(3)}
        seen, kwargs = [], {}
        for _ in range(MAX_PAGES):
            page = self.idp.list_user_pools(MaxResults=1, **kwargs)
            self.assertLessEqual(len(page["UserPools"]), 1)
            seen.extend(p["Id"] for p in page["UserPools"])
            if "NextToken" not in page:
                break
            kwargs = {"NextToken": page["NextToken"]}
        else:
            self.fail("ListUserPools pagination did not end (other suites' pools left over?)")
        self.assertTrue(mine.issubset(seen), f"{mine} not all in {seen}")
        self.assertEqual(len(seen), len(set(seen)), "no pool listed twice")


class DescribeTest(CognitoTestCase):
    def test_describe_user_pool_shape(self):
        policy = {
            "MinimumLength": 12,
            "RequireUppercase": False,
            "RequireLowercase": True,
            "RequireNumbers": True,
            "RequireSymbols": False,
            "TemporaryPasswordValidityDays": 3,
        }
        pool_id = self.create_pool(Policies={"PasswordPolicy": policy})
        pool = self.idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
        self.assertEqual(pool["Id"], pool_id)
        self.assertRegex(pool["Id"], r"^us-east-1_[0-9a-zA-Z]+$")
        self.assertRegex(pool["Arn"], rf"^arn:aws:cognito-idp:us-east-1:\d{{12}}:userpool/{pool_id}$")
        self.assertIsInstance(pool["CreationDate"], datetime.datetime)
        self.assertIsInstance(pool["LastModifiedDate"], datetime.datetime)
        self.assertEqual(pool["Policies"]["PasswordPolicy"], policy)
        self.assertEqual(pool["MfaConfiguration"], "OFF")
        self.assertEqual(pool["EstimatedNumberOfUsers"], 0)
        schema = {a["Name"] for a in pool["SchemaAttributes"]}
        self.assertTrue({"sub", "email", "email_verified", "phone_number"}.issubset(schema))

    def test_describe_user_pool_client_shape(self):
        pool_id = self.create_pool()
        created = self.idp.create_user_pool_client(
            UserPoolId=pool_id, ClientName="shape", ExplicitAuthFlows=FLOWS
        )["UserPoolClient"]
        client = self.idp.describe_user_pool_client(
            UserPoolId=pool_id, ClientId=created["ClientId"]
        )["UserPoolClient"]
        self.assertEqual(client["UserPoolId"], pool_id)
        self.assertEqual(client["ClientName"], "shape")
        self.assertEqual(client["ClientId"], created["ClientId"])
        self.assertNotIn("ClientSecret", client)
        self.assertEqual(sorted(client["ExplicitAuthFlows"]), sorted(FLOWS))
        self.assertEqual(client["RefreshTokenValidity"], 30)
        self.assertEqual(client["AuthSessionValidity"], 3)
        self.assertTrue(client["EnableTokenRevocation"])
        self.assertFalse(client["AllowedOAuthFlowsUserPoolClient"])
        self.assertIsInstance(client["CreationDate"], datetime.datetime)


class ErrorTest(CognitoTestCase):
    def test_error_codes_and_messages(self):
        pool_id = self.create_pool(Policies={"PasswordPolicy": {"MinimumLength": 10}})
        self.create_confirmed_user(pool_id, "frank", "frank@example.com")
        self.assert_error(
            "UserNotFoundException",
            "User does not exist.",
            self.idp.admin_get_user,
            UserPoolId=pool_id,
            Username="nobody",
        )
        self.assert_error(
            "UsernameExistsException",
            "User account already exists",
            self.idp.admin_create_user,
            UserPoolId=pool_id,
            Username="frank",
            MessageAction="SUPPRESS",
        )
        self.assert_error(
            "InvalidPasswordException",
            "Password does not conform to policy: Password not long enough",
            self.idp.admin_set_user_password,
            UserPoolId=pool_id,
            Username="frank",
            Password="Sh0rt!",
            Permanent=True,
        )
        self.assert_error(
            "ResourceNotFoundException",
            "User pool client nosuchclient0000000000000 does not exist.",
            self.idp.describe_user_pool_client,
            UserPoolId=pool_id,
            ClientId="nosuchclient0000000000000",
        )

    def test_deleted_pool_is_gone(self):
        pool_id = self.idp.create_user_pool(PoolName=unique("gone"))["UserPool"]["Id"]
        self.idp.delete_user_pool(UserPoolId=pool_id)
        self.assert_error(
            "ResourceNotFoundException",
            f"User pool {pool_id} does not exist.",
            self.idp.describe_user_pool,
            UserPoolId=pool_id,
        )


if __name__ == "__main__":
    unittest.main()
