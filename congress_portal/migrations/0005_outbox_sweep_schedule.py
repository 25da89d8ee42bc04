"""Schedule the outbox sweep every minute in django-celery-beat's tables, where
staff can change or pause it in the admin (Periodic tasks)."""

from django.db import migrations
from django.utils import timezone

SWEEP_TASK = "congress_portal.tasks.sweep_outbox"
# Shown to staff in the admin, so in Chinese (like the role groups' names).
SWEEP_NAME = "补发未送出的后台任务"
SWEEP_DESCRIPTION = (
    "每分钟把因 Redis 不可用而未能送出的后台任务重新送入队列。"
    "停用后，Redis 故障期间登记的任务不会再被送出。"
)


def schedule_sweep(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    every_minute, _created = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        task=SWEEP_TASK,
        defaults={
            "name": SWEEP_NAME,
            "interval": every_minute,
            # A sweep that waited longer than this is dropped: the next one comes.
            "expire_seconds": 60,
            "description": SWEEP_DESCRIPTION,
        },
    )
    # A running beat reloads its schedule when this changes.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unschedule_sweep(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTask.objects.filter(task=SWEEP_TASK).delete()
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("congress_portal", "0004_outboxjob"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule_sweep, unschedule_sweep)]
