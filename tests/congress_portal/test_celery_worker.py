import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from congress_portal.tasks import ping

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker_queue():
    """A real Celery worker, started for this test alone on a queue of its own."""
    queue = f"test-{uuid.uuid4().hex}"
    command = [
        sys.executable, "-m", "celery", "-A", "congress_portal", "worker",
        "--pool=solo", "--queues", queue, "--hostname", f"{queue}@%h",
        "--without-gossip", "--without-mingle", "--loglevel=WARNING",
    ]  # fmt: skip
    worker = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())
    try:
        yield queue
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


@pytest.mark.redis
def test_task_travels_through_redis_to_a_real_worker_and_back(worker_queue):
    result = ping.apply_async(queue=worker_queue)

    assert result.get(timeout=60) == "pong"
    assert result.successful()
