"""boto3 against the emulator's user lifecycle: sign_up with a SecretHash, the code read from
GET /_emulator/outbox, confirm_sign_up, forgot_password / confirm_forgot_password, and
admin_reset_user_password making sign-in answer PasswordResetRequiredException; and
update_user_attributes / verify_user_attribute / delete_user_attributes on a changed email.

Run with COGNITO_ENDPOINT set (tests/clients/run.sh does it).
"""

import json
import os
import unittest
import urllib.parse
import urllib.request

from test_boto3 import FLOWS, PASSWORD, CognitoTestCase, secret_hash

NEW_PASSWORD = "Ch4nged!Pass"


class LifecycleTest(CognitoTestCase):
    def setUp(self):
        self.pool_id = self.create_pool(AutoVerifiedAttributes=["email"])
        client = self.idp.create_user_pool_client(
            UserPoolId=self.pool_id, ClientName="py", ExplicitAuthFlows=FLOWS, GenerateSecret=True
        )["UserPoolClient"]
        self.client_id = client["ClientId"]
        self.client_secret = client["ClientSecret"]

    def hash(self, username):
        return secret_hash(username, self.client_id, self.client_secret)

    def last_code(self, username, purpose):
        query = urllib.parse.urlencode({"poolId": self.pool_id, "username": username})
        url = f"{os.environ['COGNITO_ENDPOINT'].rstrip('/')}/_emulator/outbox?{query}"
        with urllib.request.urlopen(url, timeout=10) as response:
            messages = json.load(response)["messages"]
        codes = [m["code"] for m in messages if m["purpose"] == purpose]
        self.assertTrue(codes, f"a {purpose} message for {username}")
        return codes[0]

    def sign_in(self, username, password):
        return self.idp.initiate_auth(
            ClientId=self.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={
                "USERNAME": username,
                "PASSWORD": password,
                "SECRET_HASH": self.hash(username),
            },
        )

    def test_sign_up_confirm_and_recover(self):
        out = self.idp.sign_up(
            ClientId=self.client_id,
            SecretHash=self.hash("gina"),
            Username="gina",
            Password=PASSWORD,
            UserAttributes=[{"Name": "email", "Value": "gina@example.com"}],
        )
        self.assertFalse(out["UserConfirmed"])
        self.assertEqual(len(out["UserSub"]), 36)
        self.assertEqual(
            out["CodeDeliveryDetails"],
            {"Destination": "g***@e***.com", "DeliveryMedium": "EMAIL", "AttributeName": "email"},
        )
        self.assert_error(
            "UserNotConfirmedException",
            "User is not confirmed.",
            self.sign_in,
            username="gina",
            password=PASSWORD,
        )
        self.assert_error(
            "CodeMismatchException",
            "Invalid verification code provided, please try again.",
            self.idp.confirm_sign_up,
            ClientId=self.client_id,
            SecretHash=self.hash("gina"),
            Username="gina",
            ConfirmationCode="x00000",
        )
        self.idp.confirm_sign_up(
            ClientId=self.client_id,
            SecretHash=self.hash("gina"),
            Username="gina",
            ConfirmationCode=self.last_code("gina", "signup"),
        )
        self.assertIn("AuthenticationResult", self.sign_in("gina", PASSWORD))

        details = self.idp.forgot_password(
            ClientId=self.client_id, SecretHash=self.hash("gina"), Username="gina"
        )["CodeDeliveryDetails"]
        self.assertEqual(details["DeliveryMedium"], "EMAIL")
        self.idp.confirm_forgot_password(
            ClientId=self.client_id,
            SecretHash=self.hash("gina"),
            Username="gina",
            ConfirmationCode=self.last_code("gina", "password"),
            Password=NEW_PASSWORD,
        )
        self.assertIn("AuthenticationResult", self.sign_in("gina", NEW_PASSWORD))

    def test_admin_reset_then_confirm_forgot_password(self):
        self.idp.admin_create_user(
            UserPoolId=self.pool_id,
            Username="hugo",
            MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "email", "Value": "hugo@example.com"},
                {"Name": "email_verified", "Value": "true"},
            ],
        )
        self.idp.admin_set_user_password(
            UserPoolId=self.pool_id, Username="hugo", Password=PASSWORD, Permanent=True
        )
        self.idp.admin_reset_user_password(UserPoolId=self.pool_id, Username="hugo")
        self.assert_error(
            "PasswordResetRequiredException",
            "Password reset required for the user",
            self.sign_in,
            username="hugo",
            password=PASSWORD,
        )
        self.idp.confirm_forgot_password(
            ClientId=self.client_id,
            SecretHash=self.hash("hugo"),
            Username="hugo",
            ConfirmationCode=self.last_code("hugo", "password"),
            Password=NEW_PASSWORD,
        )
        user = self.idp.admin_get_user(UserPoolId=self.pool_id, Username="hugo")
        self.assertEqual(user["UserStatus"], "CONFIRMED")
        self.assertIn("AuthenticationResult", self.sign_in("hugo", NEW_PASSWORD))

    def test_update_verify_and_delete_attributes(self):
        self.idp.admin_create_user(
            UserPoolId=self.pool_id,
            Username="iris",
            MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "email", "Value": "iris@example.com"},
                {"Name": "email_verified", "Value": "true"},
            ],
        )
        self.idp.admin_set_user_password(
            UserPoolId=self.pool_id, Username="iris", Password=PASSWORD, Permanent=True
        )
        token = self.sign_in("iris", PASSWORD)["AuthenticationResult"]["AccessToken"]
        out = self.idp.update_user_attributes(
            AccessToken=token,
            UserAttributes=[
                {"Name": "email", "Value": "iris@example.org"},
                {"Name": "given_name", "Value": "Iris"},
            ],
        )
        self.assertEqual(
            out["CodeDeliveryDetailsList"],
            [{"Destination": "i***@e***.org", "DeliveryMedium": "EMAIL", "AttributeName": "email"}],
        )
        self.assert_error(
            "CodeMismatchException",
            "Invalid verification code provided, please try again.",
            self.idp.verify_user_attribute,
            AccessToken=token,
            AttributeName="email",
            Code="000000" if self.last_code("iris", "verify:email") != "000000" else "111111",
        )
        self.idp.verify_user_attribute(
            AccessToken=token, AttributeName="email", Code=self.last_code("iris", "verify:email")
        )
        attributes = {a["Name"]: a["Value"] for a in self.idp.get_user(AccessToken=token)["UserAttributes"]}
        self.assertEqual(attributes["email"], "iris@example.org")
        self.assertEqual(attributes["email_verified"], "true")
        self.assertEqual(attributes["given_name"], "Iris")
        self.idp.delete_user_attributes(AccessToken=token, UserAttributeNames=["given_name"])
        self.assert_error(
            "InvalidParameterException",
            "Attributes did not conform to the schema: sub: Attribute cannot be updated.\n",
            self.idp.admin_delete_user_attributes,
            UserPoolId=self.pool_id,
            Username="iris",
            UserAttributeNames=["sub"],
        )
        user = self.idp.admin_get_user(UserPoolId=self.pool_id, Username="iris")
        self.assertNotIn("given_name", {a["Name"] for a in user["UserAttributes"]})


if __name__ == "__main__":
    unittest.main()
