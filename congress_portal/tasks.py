from celery import shared_task


@shared_task
def ping():
    """Answer "pong": proves that a worker takes tasks from the broker."""
    return "pong"
