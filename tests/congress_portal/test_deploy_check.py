import os
import subprocess
import sys
from pathlib import Path

from tests.congress_portal.test_settings import PRODUCTION

ROOT = Path(__file__).resolve().parents[2]


def test_deploy_check_passes_with_production_settings():
    environment = {**os.environ, **PRODUCTION}
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]

    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
