"""Schedule the duty reminders every evening at 18:00 (Asia/Shanghai) in
django-celery-beat's tables, where staff can change or pause them in the admin."""

from django.db import migrations
from django.utils import timezone

REMINDER_TASK = "liaison_stations.tasks.remind_duties_tomorrow"
# Shown to staff in the admin, so in Chinese (like the role groups' names).
REMINDER_NAME = "代表值班前一日提醒邮件"
REMINDER_DESCRIPTION = (
    "每天 18:00 向第二天在联络站值班的代表发送提醒邮件（代表的登录账号需填写邮箱）。"
    "每个值班安排只提醒一次。"
)


def schedule_reminders(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    evening, _created = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="18",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Shanghai",
    )
    PeriodicTask.objects.get_or_create(
        task=REMINDER_TASK,
        defaults={
            "name": REMINDER_NAME,
            "crontab": evening,
            # A run still waiting at midnight is dropped: "tomorrow" would be wrong.
            "expire_seconds": 6 * 60 * 60,
            "description": REMINDER_DESCRIPTION,
        },
    )
    # A running beat reloads its schedule when this changes.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unschedule_reminders(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTask.objects.filter(task=REMINDER_TASK).delete()
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("liaison_stations", "0007_duty_reminded_at"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule_reminders, unschedule_reminders)]
