"""A real Celery worker for one test, and a mail server that counts what it
receives: what a test needs to kill a worker mid-task and see what is left.

The worker reads the test's own database (a transactional test: what the test
writes is committed) and stores files in the test's media folder; it takes
tasks only from a queue of its own."""

import email
import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
# `python -m tests.worker_main SLOWED SECONDS celery-args...`: see that module.
MAIN = [sys.executable, "-m", "tests.worker_main"]


def database_url():
    """The test database's URL, for a worker process to share it."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        message = "a real worker shares the test database: run these tests on PostgreSQL"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class RealWorker:
    """`python -m celery worker` on a queue of its own, started, killed and stopped
    by the test. `slowed`: "module:function" made to sleep `seconds` first, so that
    the test can kill the worker while it is in there; `database`: another URL
    than the test database's; `queues`: those it takes, in order, instead of its own."""

    def __init__(self, email_url="dummymail://", slowed="", seconds=0, database=None, queues=()):
        self.queue = f"test-{uuid.uuid4().hex}"
        self.env = {
            **os.environ,
            "DATABASE_URL": database or database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "EMAIL_URL": email_url,
        }
        self.command = [
            *MAIN, slowed, str(seconds), "worker", "--pool=solo",
            "--queues", ",".join(queues or [self.queue]),
            "--hostname", f"{self.queue}@%h", "--without-gossip", "--without-mingle",
            "--without-heartbeat", "--loglevel=WARNING",
        ]  # fmt: skip
        self.process = None

    def start(self):
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env)
        return self

    def kill(self):
        """What the out-of-memory killer or a pulled plug does: no clean-up at all."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(condition, seconds=60, what="the condition"):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {seconds} s")
        time.sleep(0.05)


class SmtpSink(socketserver.ThreadingTCPServer):
    """A mail server on a free loopback port that counts the messages handed to
    it (`received`) and those it confirmed (`accepted`, kept in `messages`). While
    `holding`, it never answers the end of a message: the sender waits, as on a slow
    server."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SmtpSession)
        self.received = self.accepted = 0
        self.messages = []
        self.holding = threading.Event()
        self.released = threading.Event()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.server_address[1]}"

    def close(self):
        self.released.set()
        self.shutdown()
        self.server_close()


class SmtpSession(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        sink = self.server
        self.reply("220 sink")
        data = None
        for raw in self.rfile:
            line = raw.rstrip(b"\r\n")
            if data is not None:
                if line != b".":
                    data.append(line[1:] if line.startswith(b".") else line)
                    continue
                sink.received += 1
                if sink.holding.is_set():
                    sink.released.wait()
                    return
                sink.accepted += 1
                sink.messages.append(email.message_from_bytes(b"\r\n".join(data)))
                data = None
                self.reply("250 queued")
                continue
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.reply("250 sink")
            elif verb == b"DATA":
                data = []
                self.reply("354 go on")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")
