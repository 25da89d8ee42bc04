"""Schedule the reminder letters in django-celery-beat's tables, where staff can
change or pause the schedule in the admin (Periodic tasks): at 08:00 on the
first day of each quarter, for the quarter that just ended."""

from django.db import migrations
from django.utils import timezone

TASK = "deputies.tasks.issue_reminder_letters"
# Shown to staff in the admin, so in Chinese (like the role groups' names).
NAME = "按履职预警发出履职提醒函"
DESCRIPTION = (
    "每季度第一天 8:00 按履职预警规则检查上一季度，给被预警的代表各发一份履职提醒函"
    "（同一代表、同一原因、同一季度只发一份），有邮箱的同时发送邮件。"
)


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    quarterly, _created = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="8",
        day_of_month="1",
        month_of_year="1,4,7,10",
        day_of_week="*",
        timezone="Asia/Shanghai",
    )
    PeriodicTask.objects.get_or_create(
        task=TASK,
        defaults={"name": NAME, "crontab": quarterly, "description": DESCRIPTION},
    )
    # A running beat reloads its schedule when this changes.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unschedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTask.objects.filter(task=TASK).delete()
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("deputies", "0004_reminder_and_thank_you_letters"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
