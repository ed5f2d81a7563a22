"""Shared helpers for the reliability drivers: start and stop a cognito-emulator binary on
127.0.0.1 (kernel-chosen port) over a database file, call the API over plain HTTP/1.1 with the
standard library, and check a database file with SQLite's own integrity check.

Every wait is bounded; every process started here is stopped (SIGKILL as a last resort) by its
own pid. One Client belongs to one thread."""
import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

LISTENING = re.compile(r"^cognito-emulator listening on http://127\.0\.0\.1:(\d+)$", re.M)
TARGET_PREFIX = "AWSCognitoIdentityProviderService."
SIGV4 = ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/cognito-idp/aws4_request, "
         "SignedHeaders=host;x-amz-target, Signature=0000")
# Transport failures: the request may or may not have been applied; no answer was read.
TRANSPORT_ERRORS = (ConnectionError, http.client.HTTPException, TimeoutError, OSError)


class Failure(AssertionError):
    """A broken reliability promise; the message says which."""


class Emulator:
    """One emulator process. start() may be called again after kill() or terminate()."""

    def __init__(self, binary, db_path, log_path):
        self.binary = os.path.abspath(binary)
        self.db_path = db_path
        self.log_path = log_path
        self.process = None
        self.port = None

    def start(self, timeout=60.0):
        env = {k: v for k, v in os.environ.items() if not k.startswith("COGNITO_")}
        log = open(self.log_path, "ab")
        offset = log.tell()
        self.process = subprocess.Popen(
            [self.binary, "--host", "127.0.0.1", "--port", "0", "--db", self.db_path],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(self.log_path, "rb") as f:
                f.seek(offset)
                match = LISTENING.search(f.read().decode("utf-8", "replace"))
            if match:
                self.port = int(match.group(1))
                return self.port
            if self.process.poll() is not None:
                raise Failure(f"emulator exited with {self.process.returncode} during start:\n"
                              + self.log_tail())
            time.sleep(0.02)
        self.kill()
        raise Failure(f"emulator did not listen within {timeout} s:\n" + self.log_tail())

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def kill(self):
        """SIGKILL: the crash the database must survive."""
        if self.alive():
            os.kill(self.process.pid, signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=30)

    def terminate(self, timeout=30.0):
        """SIGTERM and wait; returns the exit code (None if it had to be killed)."""
        if not self.alive():
            return self.process.returncode if self.process else None
        os.kill(self.process.pid, signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None

    def log_tail(self, limit=4000):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")[-limit:]
        except OSError:
            return ""


class Client:
    """A keep-alive HTTP/1.1 connection to the emulator; reconnects after a failure."""

    def __init__(self, port, timeout=120.0):
        self.port = port
        self.timeout = timeout
        self.connection = None

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def call(self, action, body):
        """Returns (status, parsed JSON body). Raises TRANSPORT_ERRORS when no answer came."""
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        payload = json.dumps(body).encode()
        headers = {"Content-Type": "application/x-amz-json-1.1",
                   "X-Amz-Target": TARGET_PREFIX + action, "Authorization": SIGV4}
        try:
            self.connection.request("POST", "/", body=payload, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except TRANSPORT_ERRORS:
            self.close()
            raise
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        try:
            parsed = json.loads(data)
        except ValueError as e:
            raise Failure(f"{action}: answer is not JSON ({e}): {data[:300]!r}")
        return response.status, parsed

    def ok(self, action, body):
        status, parsed = self.call(action, body)
        if status != 200:
            raise Failure(f"{action} failed: {status} {parsed}")
        return parsed


def check_integrity(db_path):
    """PRAGMA integrity_check on a database no process is using; raises Failure unless ok."""
    db = sqlite3.connect(db_path, timeout=30)
    try:
        rows = db.execute("PRAGMA integrity_check").fetchall()
    finally:
        db.close()
    if rows != [("ok",)]:
        raise Failure(f"integrity_check of {db_path}: {rows[:10]}")


def wal_size(db_path):
    try:
        return os.path.getsize(db_path + "-wal")
    except OSError:
        return 0


def list_users(client, pool_id):
    """Every user of the pool: {username: {attribute name: value, plus Enabled/UserStatus}}."""
    users = {}
    token = None
    for _ in range(100000):
        body = {"UserPoolId": pool_id, "Limit": 60}
        if token:
            body["PaginationToken"] = token
        page = client.ok("ListUsers", body)
        for user in page.get("Users", []):
            record = {a["Name"]: a["Value"] for a in user.get("Attributes", [])}
            record["Enabled"] = user.get("Enabled")
            record["UserStatus"] = user.get("UserStatus")
            users[user["Username"]] = record
        token = page.get("PaginationToken")
        if not token:
            return users
    raise Failure("ListUsers pagination did not end")


def error_type(body):
    return body.get("__type", "") if isinstance(body, dict) else ""


def driver_arguments(doc):
    """The arguments every driver takes: --binary (required) and --seed."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--seed", type=int, default=None)
    return parser


def stop_cleanly(emulator, db):
    """SIGTERM: exit 0, the WAL checkpointed into the database, the file intact."""
    code = emulator.terminate()
    if code != 0:
        raise Failure(f"emulator exited with {code} on SIGTERM:\n{emulator.log_tail()}")
    if wal_size(db) != 0:
        raise Failure(f"WAL not checkpointed at shutdown ({wal_size(db)} bytes left)")
    check_integrity(db)


def run_driver(name, args, body, also_transport_errors=False):
    """What every driver shares: a seed (random unless --seed, always printed), a temporary
    directory with the database and the emulator's log, body(emulator, db, rng, seed) returning
    the summary of a pass; on a Failure (and, if asked, a transport error) the seed, the tail of
    the emulator's log and the kept directory are printed. Returns the exit status."""
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    work = tempfile.mkdtemp(prefix=f"cognito-{name}-")
    db = os.path.join(work, "db.sqlite")
    emulator = Emulator(args.binary, db, os.path.join(work, "emulator.log"))
    caught = (Failure, *TRANSPORT_ERRORS) if also_transport_errors else (Failure,)
    ok = False
    try:
        print(f"{name}: PASS {body(emulator, db, random.Random(seed), seed)}")
        ok = True
    except caught as e:
        print(f"{name}: FAIL (seed {seed}): {e}\n--- emulator log:\n{emulator.log_tail()}",
              file=sys.stderr)
    finally:
        emulator.kill()
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"{name}: database kept in {work}", file=sys.stderr)
    return 0 if ok else 1
