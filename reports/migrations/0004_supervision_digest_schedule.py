"""Schedule the supervision digest every morning at 08:30 (Asia/Shanghai) in
django-celery-beat's tables, where staff can change or pause it in the admin."""

from django.db import migrations
from django.utils import timezone

DIGEST_TASK = "reports.tasks.send_supervision_digests"
# Shown to staff in the admin, so in Chinese (like the role groups' names).
DIGEST_NAME = "每日督办提醒邮件"
DIGEST_DESCRIPTION = (
    "每天早上 8:30 向各街道工委工作人员发送临近或超过期限的代表建议和选民接待事项清单；"
    "区级工作人员收到全部街道的清单。没有事项时不发送。"
)


def schedule_digest(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    morning, _created = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="8",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Shanghai",
    )
    PeriodicTask.objects.get_or_create(
        task=DIGEST_TASK,
        defaults={
            "name": DIGEST_NAME,
            "crontab": morning,
            # A run still waiting at noon is dropped: the next morning's comes.
            "expire_seconds": 3 * 60 * 60,
            "description": DIGEST_DESCRIPTION,
        },
    )
    # A running beat reloads its schedule when this changes.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unschedule_digest(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTask.objects.filter(task=DIGEST_TASK).delete()
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_archive_pdfs_and_digests"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule_digest, unschedule_digest)]
