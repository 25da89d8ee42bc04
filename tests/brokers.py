"""A Celery broker of a test's own: a private redis-server it can stop and start
again, and the app pointed at it."""

import socket
import subprocess
import time
from contextlib import contextmanager

import redis
from kombu import Connection

from congress_portal import celery_app

# Generous: a refused connection fails in milliseconds, a dead host in about 1 s.
PROMPTLY = 3


@contextmanager
def broker_at(url):
    """Tasks go to the broker at `url` instead of running in-process."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager
    conf.broker_url, conf.task_always_eager = url, False
    forget_broker_connections()
    try:
        yield
    finally:
        conf.broker_url, conf.task_always_eager = saved
        forget_broker_connections()


def forget_broker_connections():
    """The app pools connections to the broker it first used: start afresh."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


# A real Redis of the test's own, stopped and started again.


class PrivateRedis:
    """A redis-server of this test alone, on a free port: never the shared one."""

    def __init__(self, executable, directory):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        assert self.port != 6379
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.command = [
            executable, "--port", str(self.port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", str(directory),
        ]  # fmt: skip
        self.process = None

    def start(self):
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                assert self.process.poll() is None, "redis-server exited"
                assert time.monotonic() < deadline, "redis-server did not answer"
                time.sleep(0.05)
            finally:
                client.close()

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def take_queued_tasks(url):
    """(task name, args) of each message waiting in the workers' queues, taken off them."""
    taken = []
    for name in [queue.name for queue in celery_app.conf.task_queues]:
        with Connection(url) as broker:  # a queue closed closes its channel
            queue = broker.SimpleQueue(name)
            try:
                while True:
                    message = queue.get(timeout=0.5)
                    taken.append((message.headers["task"], message.decode()[0]))
                    message.ack()
            except queue.Empty:
                pass
            finally:
                queue.close()
    return taken
