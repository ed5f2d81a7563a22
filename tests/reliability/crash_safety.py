#!/usr/bin/env python3
"""Crash safety: the emulator runs on a database file while worker threads write through the
API (user creations with attributes, password changes, deletions); at a random moment it is
killed with SIGKILL, the file passes PRAGMA integrity_check, the emulator restarts on it, and
every acknowledged write must be there: acknowledged users with their attributes, acknowledged
deletions gone, the latest acknowledged password (or a newer unacknowledged one) accepted,
tokens issued before the crash still valid (the signing keys survived). Repeated --kills times.

Usage: crash_safety.py --binary PATH [--kills N] [--seed S] [--workers W]
The seed (printed) makes the sequence of kill delays and operations repeatable."""
import os
import random
import sys
import threading
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emulator import (Client, Failure, TRANSPORT_ERRORS, check_integrity, error_type, list_users,  # noqa: E402
                      driver_arguments, run_driver, stop_cleanly)


TEMPORARY_PASSWORD = "Temp-Passw0rd"


class Ledger:
    """What the emulator acknowledged, and what is in doubt (sent, no answer)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.users = {}          # username -> email (acknowledged creation)
        self.passwords = {}      # username -> set of acceptable passwords (acked last + in doubt)
        self.deleted = set()     # acknowledged deletions
        self.doubtful = {}       # username -> "create" / "password" / "delete" sent, no answer
        self.history = {}        # username -> [(round, action, outcome)], for failure reports
        self.acks = 0

    def note(self, username, round_no, action, outcome):
        with self.lock:
            self.history.setdefault(username, []).append((round_no, action, outcome))

    def owned_by(self, index, workers):
        """The acknowledged users worker `index` of `workers` may change (each has one owner)."""
        with self.lock:
            return [u for u in sorted(self.users) if zlib.crc32(u.encode()) % workers == index]


class Worker(threading.Thread):
    def __init__(self, index, port, pool_id, ledger, round_no, seed, mine):
        super().__init__(daemon=True)
        self.index = index
        self.client = Client(port, timeout=30)
        self.pool_id = pool_id
        self.ledger = ledger
        self.round_no = round_no
        self.rng = random.Random(seed)
        self.mine = mine         # own users, acknowledged and not deleted
        self.error = None

    def run(self):
        try:
            for n in range(1_000_000):
                if not self.step(n):
                    return
        except Failure as e:
            self.error = e
        finally:
            self.client.close()

    def step(self, n):
        """One write; False once the server is gone."""
        roll = self.rng.random()
        if roll < 0.15 and self.mine:
            return self.change_password(self.rng.choice(self.mine), f"Pw-{self.round_no}-{n}-x")
        if roll < 0.22 and self.mine:
            return self.delete(self.mine.pop(self.rng.randrange(len(self.mine))))
        return self.create(f"r{self.round_no}w{self.index}n{n}")

    def send(self, action, body, username, kind):
        detail = body.get("Password", "")
        try:
            answer = self.client.call(action, body)
        except TRANSPORT_ERRORS as e:
            self.ledger.note(username, self.round_no, f"{action} {detail}", f"no answer ({e!r})")
            with self.ledger.lock:
                self.ledger.doubtful[username] = kind
            return None
        self.ledger.note(username, self.round_no, f"{action} {detail}", answer[0])
        return answer

    def create(self, username):
        email = f"{username}@example.com"
        answer = self.send("AdminCreateUser", {
            "UserPoolId": self.pool_id, "Username": username, "MessageAction": "SUPPRESS",
            "TemporaryPassword": TEMPORARY_PASSWORD,
            "UserAttributes": [{"Name": "email", "Value": email}]}, username, "create")
        if answer is None:
            return False
        expect_ok(answer, "AdminCreateUser")
        with self.ledger.lock:
            self.ledger.users[username] = email
            self.ledger.passwords[username] = {TEMPORARY_PASSWORD}
            self.ledger.acks += 1
        self.mine.append(username)
        return True

    def change_password(self, username, password):
        with self.ledger.lock:
            self.ledger.passwords.setdefault(username, set()).add(password)
        answer = self.send("AdminSetUserPassword", {
            "UserPoolId": self.pool_id, "Username": username, "Password": password,
            "Permanent": True}, username, "password")
        if answer is None:
            return False
        expect_ok(answer, "AdminSetUserPassword")
        with self.ledger.lock:
            self.ledger.passwords[username] = {password}
            self.ledger.acks += 1
        return True

    def delete(self, username):
        answer = self.send("AdminDeleteUser", {"UserPoolId": self.pool_id, "Username": username},
                           username, "delete")
        if answer is None:
            return False
        expect_ok(answer, "AdminDeleteUser")
        with self.ledger.lock:
            self.ledger.users.pop(username, None)
            self.ledger.passwords.pop(username, None)
            self.ledger.deleted.add(username)
            self.ledger.acks += 1
        return True


def expect_ok(answer, action):
    status, body = answer
    if status != 200:
        raise Failure(f"{action} answered {status} {body}")


def setup(client):
    pool_id = client.ok("CreateUserPool", {"PoolName": "crash"})["UserPool"]["Id"]
    client_id = client.ok("CreateUserPoolClient", {
        "UserPoolId": pool_id, "ClientName": "c",
        "ExplicitAuthFlows": ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH",
                              "ALLOW_REFRESH_TOKEN_AUTH"]})["UserPoolClient"]["ClientId"]
    client.ok("AdminCreateUser", {"UserPoolId": pool_id, "Username": "keeper",
                                  "MessageAction": "SUPPRESS"})
    client.ok("AdminSetUserPassword", {"UserPoolId": pool_id, "Username": "keeper",
                                       "Password": "Keeper-Passw0rd", "Permanent": True})
    tokens = client.ok("InitiateAuth", {
        "ClientId": client_id, "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": "keeper", "PASSWORD": "Keeper-Passw0rd"}})
    return pool_id, client_id, tokens["AuthenticationResult"]["AccessToken"]


def signs_in(client, pool_id, client_id, username, password):
    status, body = client.call("AdminInitiateAuth", {
        "UserPoolId": pool_id, "ClientId": client_id, "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": username, "PASSWORD": password}})
    if status == 200:
        return True
    if error_type(body) != "NotAuthorizedException":
        raise Failure(f"sign-in of {username}: {status} {body}")
    return False


def verify(client, pool_id, client_id, access_token, ledger, rng):
    """Every acknowledged write is visible after the restart; then settles what was in doubt."""
    if client.call("GetUser", {"AccessToken": access_token})[0] != 200:
        raise Failure("a token issued before the crash no longer verifies (signing keys lost?)")
    users = list_users(client, pool_id)
    with ledger.lock:
        unsure = {u for u, kind in ledger.doubtful.items() if kind != "password"}
        acked = {u: e for u, e in ledger.users.items() if u not in unsure}
        deleted = ledger.deleted - unsure
        passwords = {u: set(p) for u, p in ledger.passwords.items() if u in acked}
    for username, email in acked.items():
        if username not in users:
            raise Failure(f"acknowledged user {username} is missing after the crash; history "
                          f"{ledger.history.get(username)}")
        if users[username].get("email") != email:
            raise Failure(f"user {username}: email {users[username].get('email')!r} != {email!r}")
    for username in deleted:
        if username in users:
            raise Failure(f"acknowledged deletion of {username} was undone by the crash; "
                          f"history {ledger.history.get(username)}")
    in_doubt = {u for u in passwords if len(passwords[u]) > 1}
    sample = set(rng.sample(sorted(passwords), min(20, len(passwords)))) | in_doubt
    for username in sorted(sample):
        working = [p for p in sorted(passwords[username])
                   if signs_in(client, pool_id, client_id, username, p)]
        if len(working) != 1:
            raise Failure(f"{username}: passwords that work {working}, expected one of "
                          f"{sorted(passwords[username])}; history "
                          f"{ledger.history.get(username)}")
        passwords[username] = set(working)
    with ledger.lock:
        for username in unsure:
            ledger.deleted.discard(username)
            if username in users:
                ledger.users[username] = users[username].get("email")
                ledger.passwords.setdefault(username, {TEMPORARY_PASSWORD})
            else:
                ledger.users.pop(username, None)
                ledger.passwords.pop(username, None)
        for username in in_doubt:
            ledger.passwords[username] = passwords[username]
        ledger.doubtful.clear()
    return len(acked), len(deleted), len(sample)


def main():
    parser = driver_arguments(__doc__)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--min-run", type=float, default=0.3, help="seconds of load before a kill, at least")
    parser.add_argument("--max-run", type=float, default=2.0, help="... at most")
    args = parser.parse_args()

    def body(emulator, db, rng, seed):
        print(f"crash_safety: seed {seed}, {args.kills} kills, {args.workers} workers", flush=True)
        ledger = Ledger()
        client = Client(emulator.start())
        pool_id, client_id, access_token = setup(client)
        client.close()
        for round_no in range(args.kills):
            workers = [Worker(i, emulator.port, pool_id, ledger, round_no, rng.randrange(2**32),
                              ledger.owned_by(i, args.workers))
                       for i in range(args.workers)]
            for w in workers:
                w.start()
            delay = rng.uniform(args.min_run, args.max_run)
            time.sleep(delay)
            emulator.kill()
            for w in workers:
                w.join(timeout=60)
                if w.is_alive():
                    raise Failure("a worker did not notice the kill within 60 s")
                if w.error:
                    raise w.error
            check_integrity(db)
            client = Client(emulator.start())
            acked, deleted, checked = verify(client, pool_id, client_id, access_token, ledger, rng)
            client.close()
            print(f"crash_safety: kill {round_no + 1}/{args.kills} after {delay:.2f} s: "
                  f"{acked} acknowledged users present, {deleted} deletions kept, "
                  f"{checked} passwords checked, {ledger.acks} acks so far", flush=True)
        stop_cleanly(emulator, db)
        return f"({args.kills} kills, {ledger.acks} acknowledged writes, seed {seed})"
    return run_driver("crash_safety", args, body)


if __name__ == "__main__":
    sys.exit(main())
