#!/usr/bin/env python3
"""Graceful shutdown: clients keep writing (user creations, each computing an SRP verifier) on
their own connections; SIGTERM arrives mid-load. Promises checked, --rounds times:
- the process exits 0 within the shutdown grace (plus a margin);
- every request is either answered in full with a 200 or gets no answer at all (refused, or the
  connection closed before any byte): never a 5xx, never a truncated answer;
- in-flight requests are finished, not dropped: a creation that got no answer is not in the
  database after a restart, and every acknowledged creation is;
- the database is checkpointed (no WAL left) and passes integrity_check;
- a second emulator started on the same database file while one runs exits 1 within seconds,
  saying the file is in use, and the running one keeps serving.

Usage: shutdown.py --binary PATH [--rounds N] [--clients C] [--seed S]"""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emulator import (Client, Emulator, Failure, TRANSPORT_ERRORS, check_integrity,  # noqa: E402
                      list_users, wal_size, driver_arguments, run_driver)

GRACE_SECONDS = 5      # http::ServerOptions::shutdown_grace
MARGIN_SECONDS = 25    # slow (sanitizer) builds


class Writer(threading.Thread):
    def __init__(self, port, pool_id, prefix):
        super().__init__(daemon=True)
        self.client = Client(port, timeout=60)
        self.pool_id = pool_id
        self.prefix = prefix
        self.acked = []
        self.ack_times = []
        self.unanswered = []
        self.error = None
        self.started = threading.Event()

    def run(self):
        try:
            for n in range(1_000_000):
                username = f"{self.prefix}-{n}"
                try:
                    status, body = self.client.call("AdminCreateUser", {
                        "UserPoolId": self.pool_id, "Username": username,
                        "TemporaryPassword": "Temp-Passw0rd", "MessageAction": "SUPPRESS"})
                except TRANSPORT_ERRORS:
                    self.unanswered.append(username)
                    return
                if status != 200:
                    raise Failure(f"{username}: {status} {body}")
                self.acked.append(username)
                self.ack_times.append(time.monotonic())
                self.started.set()
        except Failure as e:
            self.error = e
        finally:
            self.started.set()
            self.client.close()


def one_round(emulator, db, pool_id, round_no, clients, rng):
    port = emulator.start()
    writers = [Writer(port, pool_id, f"s{round_no}c{i}") for i in range(clients)]
    for w in writers:
        w.start()
    for w in writers:
        w.started.wait(timeout=60)
    time.sleep(rng.uniform(0.05, 0.5))
    began = time.monotonic()
    code = emulator.terminate(timeout=GRACE_SECONDS + MARGIN_SECONDS)
    took = time.monotonic() - began
    if code != 0:
        raise Failure(f"exit code {code} after SIGTERM ({took:.1f} s):\n{emulator.log_tail()}")
    for w in writers:
        w.join(timeout=60)
        if w.is_alive():
            raise Failure("a client hung after the shutdown")
        if w.error:
            raise w.error
    if wal_size(db) != 0:
        raise Failure(f"WAL not checkpointed at shutdown ({wal_size(db)} bytes left)")
    check_integrity(db)
    client = Client(emulator.start())
    users = list_users(client, pool_id)
    client.close()
    emulator.terminate()
    acked = [u for w in writers for u in w.acked]
    unanswered = [u for w in writers for u in w.unanswered]
    lost = [u for u in acked if u not in users]
    if lost:
        raise Failure(f"acknowledged creations missing after shutdown: {lost[:5]}")
    dropped = [u for u in unanswered if u in users]
    if dropped:
        raise Failure(f"requests processed but their answers dropped by the shutdown: {dropped[:5]}")
    after_signal = sum(1 for w in writers for t in w.ack_times if t >= began)
    return took, len(acked), len(unanswered), after_signal


def second_process_is_refused(binary, db, client):
    """A second emulator on a database file in use must fail at start, promptly and saying why."""
    second = Emulator(binary, db, db + ".second.log")
    began = time.monotonic()
    try:
        second.start(timeout=30.0)
    except Failure:
        pass
    else:
        second.kill()
        raise Failure("a second emulator started on a database file already in use")
    took = time.monotonic() - began
    if second.process.returncode != 1 or "another process" not in second.log_tail():
        raise Failure(f"second emulator exited with {second.process.returncode}: "
                      f"{second.log_tail()}")
    if took > 20:
        raise Failure(f"second emulator took {took:.1f} s to give up")
    client.ok("ListUserPools", {"MaxResults": 1})


def main():
    parser = driver_arguments(__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=6)
    args = parser.parse_args()

    def body(emulator, db, rng, seed):
        client = Client(emulator.start())
        pool_id = client.ok("CreateUserPool", {"PoolName": "shutdown"})["UserPool"]["Id"]
        second_process_is_refused(args.binary, db, client)
        client.close()
        emulator.terminate()
        finished = 0
        for round_no in range(args.rounds):
            took, acked, unanswered, late = one_round(emulator, db, pool_id, round_no, args.clients,
                                                      rng)
            finished += late
            print(f"shutdown: round {round_no + 1}/{args.rounds}: exit 0 in {took:.2f} s, "
                  f"{acked} acknowledged present ({late} answered after SIGTERM), "
                  f"{unanswered} unanswered absent", flush=True)
        return f"({args.rounds} rounds, {finished} requests finished after SIGTERM, seed {seed})"
    return run_driver("shutdown", args, body)


if __name__ == "__main__":
    sys.exit(main())
