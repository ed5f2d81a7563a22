#!/usr/bin/env python3
"""Soak: many parallel clients against one emulator on a database file, mixing sign-ups,
password and SRP sign-ins, refreshes, token checks, sign-outs, attribute and password updates,
enable/disable toggles and listings, for --seconds. Promises checked:
- no 5xx and no transport failure, ever; no error that lets SQLite leak out ("database is
  locked", SQLITE_BUSY ...); only the errors each operation can legitimately produce;
- no lost updates: shared users are updated concurrently by several owners, each owning one
  field (password, enabled flag, one attribute), plus a NEW_PASSWORD_REQUIRED sign-in racing
  the enable/disable owner; after every acknowledged write its owner reads the field back, and
  at the end every field holds its owner's last acknowledged value;
- read-your-writes: a client always finds the user it created; every created user is listed;
- SIGTERM at the end exits 0, checkpoints the WAL, and the file passes integrity_check.

Usage: soak.py --binary PATH [--seconds S] [--clients C] [--seed N]"""
import os
import random
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cognito_srp import SrpClient  # noqa: E402
from emulator import (Client, Failure, TRANSPORT_ERRORS, error_type, list_users,  # noqa: E402
                      driver_arguments, run_driver, stop_cleanly)

LEAK_WORDS = ("database", "locked", "busy", "sqlite", "constraint failed", "internal")
ATTRIBUTES = ("given_name", "family_name", "nickname", "locale")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.count = {}
        self.latency = []

    def add(self, action, seconds):
        with self.lock:
            self.count[action] = self.count.get(action, 0) + 1
            self.latency.append(seconds)


class Actor(threading.Thread):
    """A client thread; subclasses implement step(). Errors end the soak."""

    def __init__(self, name, soak, seed):
        super().__init__(daemon=True, name=name)
        self.soak = soak
        self.client = Client(soak.port, timeout=120)
        self.rng = random.Random(seed)
        self.error = None

    def run(self):
        try:
            while time.monotonic() < self.soak.deadline and not self.soak.stop.is_set():
                self.step()
        except Failure as e:
            self.error = e
            self.soak.stop.set()
        except TRANSPORT_ERRORS as e:
            self.error = Failure(f"{self.name}: transport failure {e!r}")
            self.soak.stop.set()
        finally:
            self.client.close()

    def call(self, action, body, allowed=()):
        """Runs a call; returns (status, body). 400s outside `allowed` (error types) fail."""
        started = time.monotonic()
        status, answer = self.client.call(action, body)
        self.soak.stats.add(action, time.monotonic() - started)
        if status == 200:
            return status, answer
        text = f"{self.name}: {action} -> {status} {answer}"
        if status >= 500:
            raise Failure("server error: " + text)
        message = str(answer.get("message", "")).lower()
        if any(word in message for word in LEAK_WORDS):
            raise Failure("storage error leaked: " + text)
        if error_type(answer) not in allowed:
            raise Failure("unexpected error: " + text)
        return status, answer

    def ok(self, action, body):
        return self.call(action, body)[1]

    def user_of(self, username):
        return self.ok("AdminGetUser", {"UserPoolId": self.soak.pool_id, "Username": username})


class EnabledOwner(Actor):
    """Toggles one user's enabled flag; reads it back after every acknowledged change."""

    def __init__(self, soak, seed, username):
        super().__init__(f"enabled-owner({username})", soak, seed)
        self.username = username

    def step(self):
        want = not self.soak.expected[self.username]["Enabled"]
        action = "AdminEnableUser" if want else "AdminDisableUser"
        self.ok(action, {"UserPoolId": self.soak.pool_id, "Username": self.username})
        self.soak.expected[self.username]["Enabled"] = want
        seen = self.user_of(self.username)["Enabled"]
        if seen != want:
            raise Failure(f"lost update: {self.username} Enabled is {seen} right after {action}")


class PasswordOwner(Actor):
    """Sets one user's permanent password; proves it with a sign-in when the user is enabled."""

    def __init__(self, soak, seed, username):
        super().__init__(f"password-owner({username})", soak, seed)
        self.username = username
        self.n = 0

    def step(self):
        self.n += 1
        password = f"Pw-{self.n}-{self.rng.randrange(10**6)}"
        self.ok("AdminSetUserPassword", {"UserPoolId": self.soak.pool_id, "Username": self.username,
                                         "Password": password, "Permanent": True})
        self.soak.expected[self.username]["password"] = password
        status, answer = self.call("AdminInitiateAuth", {
            "UserPoolId": self.soak.pool_id, "ClientId": self.soak.client_id,
            "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": self.username, "PASSWORD": password}},
            allowed=("NotAuthorizedException",))
        if status != 200 and answer.get("message") != "User is disabled.":
            raise Failure(f"lost update: {self.username} rejects its new password: {answer}")


class AttributeOwner(Actor):
    """Writes one attribute of one user; reads it back after every acknowledged change."""

    def __init__(self, soak, seed, username, attribute):
        super().__init__(f"attribute-owner({username}.{attribute})", soak, seed)
        self.username = username
        self.attribute = attribute
        self.n = 0

    def step(self):
        self.n += 1
        value = f"{self.attribute}-{self.n}"
        self.ok("AdminUpdateUserAttributes", {
            "UserPoolId": self.soak.pool_id, "Username": self.username,
            "UserAttributes": [{"Name": self.attribute, "Value": value}]})
        self.soak.expected[self.username][self.attribute] = value
        seen = {a["Name"]: a["Value"] for a in self.user_of(self.username)["UserAttributes"]}
        if seen.get(self.attribute) != value:
            raise Failure(f"lost update: {self.username}.{self.attribute} is "
                          f"{seen.get(self.attribute)!r} right after writing {value!r}")


class NewPasswordRacer(Actor):
    """Gives a user a temporary password and completes NEW_PASSWORD_REQUIRED, while an
    EnabledOwner toggles the same user: the sign-in must not undo the toggles."""

    def __init__(self, soak, seed, username):
        super().__init__(f"new-password({username})", soak, seed)
        self.username = username
        self.n = 0

    def step(self):
        self.n += 1
        soak, expected = self.soak, self.soak.expected[self.username]
        temporary = f"Tmp-{self.n}-{self.rng.randrange(10**6)}"
        self.ok("AdminSetUserPassword", {"UserPoolId": soak.pool_id, "Username": self.username,
                                         "Password": temporary, "Permanent": False})
        expected.update(password=temporary, UserStatus="FORCE_CHANGE_PASSWORD")
        disabled = ("NotAuthorizedException",)
        status, answer = self.call("InitiateAuth", {
            "ClientId": soak.client_id, "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": self.username, "PASSWORD": temporary}}, allowed=disabled)
        if status != 200:
            return
        if answer.get("ChallengeName") != "NEW_PASSWORD_REQUIRED":
            raise Failure(f"{self.username}: expected NEW_PASSWORD_REQUIRED, got {answer}")
        final = f"Fin-{self.n}-{self.rng.randrange(10**6)}"
        status, answer = self.call("RespondToAuthChallenge", {
            "ClientId": soak.client_id, "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": answer["Session"],
            "ChallengeResponses": {"USERNAME": self.username, "NEW_PASSWORD": final}},
            allowed=disabled)
        if status == 200:
            expected.update(password=final, UserStatus="CONFIRMED")


class Worker(Actor):
    """A typical application: its own users, signing up, in, out, refreshing, listing."""

    def __init__(self, soak, seed, index):
        super().__init__(f"worker-{index}", soak, seed)
        self.index = index
        self.users = {}     # username -> password
        self.sessions = []  # (username, access token, refresh token)
        self.n = 0

    def step(self):
        roll = self.rng.random()
        if roll < 0.25 or not self.users:
            self.sign_up()
        elif roll < 0.55:
            self.sign_in(srp=self.rng.random() < 0.25)
        elif roll < 0.65 and self.sessions:
            self.refresh()
        elif roll < 0.85:
            self.listing()
        elif roll < 0.92 and self.sessions:
            self.sign_out()
        elif self.soak.features["AdminUpdateUserAttributes"]:
            username = self.rng.choice(sorted(self.users))
            self.ok("AdminUpdateUserAttributes", {
                "UserPoolId": self.soak.pool_id, "Username": username,
                "UserAttributes": [{"Name": "nickname", "Value": f"n{self.n}"}]})
        else:
            self.user_of(self.rng.choice(sorted(self.users)))

    def sign_up(self):
        self.n += 1
        username = f"w{self.index}u{self.n}"
        password = f"Pass-{self.index}-{self.n}"
        pool_id = self.soak.pool_id
        self.ok("AdminCreateUser", {"UserPoolId": pool_id, "Username": username,
                                    "MessageAction": "SUPPRESS",
                                    "UserAttributes": [{"Name": "email", "Value": f"{username}@example.com"}]})
        self.ok("AdminSetUserPassword", {"UserPoolId": pool_id, "Username": username,
                                         "Password": password, "Permanent": True})
        self.users[username] = password
        with self.soak.lock:
            self.soak.created.add(username)

    def sign_in(self, srp):
        username = self.rng.choice(sorted(self.users))
        if srp:
            srp_client = SrpClient(self.soak.pool_id)
            challenge = self.ok("InitiateAuth", {
                "ClientId": self.soak.client_id, "AuthFlow": "USER_SRP_AUTH",
                "AuthParameters": {"USERNAME": username, "SRP_A": srp_client.srp_a()}})
            answer = self.ok("RespondToAuthChallenge", {
                "ClientId": self.soak.client_id, "ChallengeName": "PASSWORD_VERIFIER",
                "Session": challenge.get("Session"),
                "ChallengeResponses": srp_client.answer(challenge["ChallengeParameters"],
                                                        self.users[username])})
        else:
            answer = self.ok("InitiateAuth", {
                "ClientId": self.soak.client_id, "AuthFlow": "USER_PASSWORD_AUTH",
                "AuthParameters": {"USERNAME": username, "PASSWORD": self.users[username]}})
        result = answer["AuthenticationResult"]
        me = self.ok("GetUser", {"AccessToken": result["AccessToken"]})
        if me["Username"] != username:
            raise Failure(f"GetUser answered {me['Username']} for {username}'s token")
        self.sessions = (self.sessions + [(username, result["AccessToken"], result["RefreshToken"])])[-5:]

    def refresh(self):
        username, _, refresh_token = self.rng.choice(self.sessions)
        answer = self.ok("InitiateAuth", {"ClientId": self.soak.client_id,
                                          "AuthFlow": "REFRESH_TOKEN_AUTH",
                                          "AuthParameters": {"REFRESH_TOKEN": refresh_token}})
        self.ok("GetUser", {"AccessToken": answer["AuthenticationResult"]["AccessToken"]})

    def sign_out(self):
        username, access, _ = self.sessions.pop(self.rng.randrange(len(self.sessions)))
        self.ok("GlobalSignOut", {"AccessToken": access})
        # Every session of this user is revoked now: drop them all.
        self.sessions = [s for s in self.sessions if s[0] != username]
        _, answer = self.call("GetUser", {"AccessToken": access}, allowed=("NotAuthorizedException",))
        if answer.get("message") != "Access Token has been revoked":
            raise Failure(f"{username}: a signed-out access token still works: {answer}")

    def listing(self):
        username = self.rng.choice(sorted(self.users))
        found = self.ok("ListUsers", {"UserPoolId": self.soak.pool_id, "Limit": 5,
                                      "Filter": f'username = "{username}"'})["Users"]
        if [u["Username"] for u in found] != [username]:
            raise Failure(f"ListUsers does not find {username}: {found}")
        page = self.ok("ListUsers", {"UserPoolId": self.soak.pool_id, "Limit": 10,
                                     "Filter": f'email ^= "w{self.index}u"'})
        if page.get("PaginationToken"):
            self.ok("ListUsers", {"UserPoolId": self.soak.pool_id, "Limit": 10,
                                  "Filter": f'email ^= "w{self.index}u"',
                                  "PaginationToken": page["PaginationToken"]})
        self.ok("ListUserPools", {"MaxResults": 10})


class Soak:
    def __init__(self, port, seconds):
        self.port = port
        self.deadline = time.monotonic() + seconds
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.stats = Stats()
        self.expected = {}  # shared username -> {field: last acknowledged value}
        self.created = set()
        self.features = {}
        self.pool_id = None
        self.client_id = None


def supported(client, action, body):
    status, answer = client.call(action, body)
    return not (status == 400 and error_type(answer) == "UnsupportedOperationException")


def setup(soak, client, shared, racers):
    soak.pool_id = client.ok("CreateUserPool", {"PoolName": "soak"})["UserPool"]["Id"]
    soak.client_id = client.ok("CreateUserPoolClient", {
        "UserPoolId": soak.pool_id, "ClientName": "c",
        "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
                              "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"]})[
        "UserPoolClient"]["ClientId"]
    soak.features["AdminUpdateUserAttributes"] = supported(client, "AdminUpdateUserAttributes", {
        "UserPoolId": soak.pool_id, "Username": "nobody",
        "UserAttributes": [{"Name": "nickname", "Value": "x"}]})
    for username in shared + racers:
        client.ok("AdminCreateUser", {"UserPoolId": soak.pool_id, "Username": username,
                                      "MessageAction": "SUPPRESS"})
        client.ok("AdminSetUserPassword", {"UserPoolId": soak.pool_id, "Username": username,
                                           "Password": "Start-Passw0rd", "Permanent": True})
        soak.expected[username] = {"Enabled": True, "password": "Start-Passw0rd",
                                   "UserStatus": "CONFIRMED"}


def final_check(soak, client):
    users = list_users(client, soak.pool_id)
    missing = sorted(soak.created - set(users))
    if missing:
        raise Failure(f"{len(missing)} created users are not listed, e.g. {missing[:5]}")
    for username, fields in sorted(soak.expected.items()):
        seen = users[username]
        for field, value in fields.items():
            if field != "password" and seen.get(field) != value:
                raise Failure(f"lost update: {username}.{field} is {seen.get(field)!r}, "
                              f"last acknowledged {value!r}")
        client.ok("AdminEnableUser", {"UserPoolId": soak.pool_id, "Username": username})
        status, answer = client.call("InitiateAuth", {
            "ClientId": soak.client_id, "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": username, "PASSWORD": fields["password"]}})
        if status != 200:
            raise Failure(f"lost update: {username} rejects its last password: {answer}")
    return len(users)


def main():
    parser = driver_arguments(__doc__)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()

    def body(emulator, db, rng, seed):
        port = emulator.start()
        soak = Soak(port, args.seconds)
        client = Client(port)
        shared, racers = ["shared-1", "shared-2"], ["racer-1"]
        setup(soak, client, shared, racers)
        actors = []
        for username in shared:
            actors += [EnabledOwner(soak, rng.random(), username),
                       PasswordOwner(soak, rng.random(), username)]
            if soak.features["AdminUpdateUserAttributes"]:
                actors += [AttributeOwner(soak, rng.random(), username, a) for a in ATTRIBUTES[:2]]
        for username in racers:
            actors += [EnabledOwner(soak, rng.random(), username),
                       NewPasswordRacer(soak, rng.random(), username)]
        workers = max(1, args.clients - len(actors))
        actors += [Worker(soak, rng.random(), i) for i in range(workers)]
        print(f"soak: seed {seed}, {len(actors)} clients for {args.seconds:.0f} s, attribute "
              f"updates {'on' if soak.features['AdminUpdateUserAttributes'] else 'not supported yet'}",
              flush=True)
        soak.deadline = time.monotonic() + args.seconds
        started = time.monotonic()
        for actor in actors:
            actor.start()
        for actor in actors:
            actor.join(timeout=args.seconds + 300)
            if actor.is_alive():
                raise Failure(f"{actor.name} hung")
        elapsed = time.monotonic() - started
        errors = [a.error for a in actors if a.error]
        if errors:
            raise errors[0]
        client.close()  # idle through the run: the server may have closed it (read timeout)
        client = Client(port)
        listed = final_check(soak, client)
        client.close()
        stop_cleanly(emulator, db)
        latency = sorted(soak.stats.latency)
        total = len(latency)
        p50 = latency[total // 2] * 1000 if total else 0
        p99 = latency[min(total - 1, total * 99 // 100)] * 1000 if total else 0
        counts = ", ".join(f"{k} {v}" for k, v in sorted(soak.stats.count.items()))
        return (f"{total} requests in {elapsed:.1f} s ({total / elapsed:.0f}/s), "
                f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, 0 errors, {listed} users; {counts}")
    return run_driver("soak", args, body, also_transport_errors=True)


if __name__ == "__main__":
    sys.exit(main())
