"""Run the reminder letters every morning at 08:00 instead of once a quarter: each
run does every quarter ended and not yet done (deputies.letters.issue_due), so a
run lost to an outage is caught up the next morning."""

from django.db import migrations
from django.utils import timezone

TASK = "deputies.tasks.issue_reminder_letters"
DAILY = "每天 8:00 检查已结束但尚未发函的季度（含此前因故障漏发的季度），按履职预警规则给被预警的代表各发一份履职提醒函（同一代表、同一原因、同一季度只发一份），有邮箱的同时发送邮件。"
QUARTERLY = "每季度第一天 8:00 按履职预警规则检查上一季度，给被预警的代表各发一份履职提醒函（同一代表、同一原因、同一季度只发一份），有邮箱的同时发送邮件。"


def reschedule(apps, month_of_year, description):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="8",
        day_of_month="*" if month_of_year == "*" else "1",
        month_of_year=month_of_year,
        day_of_week="*",
        timezone="Asia/Shanghai",
    )
    PeriodicTask.objects.filter(task=TASK).update(crontab=crontab, description=description)
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def daily(apps, schema_editor):
    reschedule(apps, "*", DAILY)


def quarterly(apps, schema_editor):
    reschedule(apps, "1,4,7,10", QUARTERLY)


class Migration(migrations.Migration):
    dependencies = [
        ("deputies", "0012_letter_rounds"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(daily, quarterly)]
