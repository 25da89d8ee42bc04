"""Start a Celery worker with one function made slow, so that a test can kill
the worker while it runs that function:

    python -m tests.worker_main "reports.rendering:archive_pdf" 30 worker --queues q

An empty function name slows nothing."""

import importlib
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congress_portal.settings")


def slow_down(target, seconds):
    module_name, _, name = target.partition(":")
    module = importlib.import_module(module_name)
    original = getattr(module, name)

    def slowed(*args, **kwargs):
        time.sleep(seconds)
        return original(*args, **kwargs)

    setattr(module, name, slowed)


def main(target, seconds, *argv):
    import django

    django.setup()
    from congress_portal.celery import app

    if target:
        slow_down(target, float(seconds))
    app.worker_main(list(argv))


if __name__ == "__main__":
    main(*sys.argv[1:])
