"""Erase the personal data of closed online matters past their time every night at
02:30 (Asia/Shanghai), in django-celery-beat's tables."""

from django.db import migrations
from django.utils import timezone

ERASURE_TASK = "liaison_stations.tasks.erase_expired_constituents"
# Shown to staff in the admin, so in Chinese.
ERASURE_NAME = "网上反映事项个人信息到期删除"
ERASURE_DESCRIPTION = (
    "每天 02:30 删除办结已满保存期限（默认 3 年）的网上反映事项中选民的姓名和电话。"
)


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    night, _created = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="2",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Shanghai",
    )
    PeriodicTask.objects.get_or_create(
        task=ERASURE_TASK,
        defaults={"name": ERASURE_NAME, "crontab": night, "description": ERASURE_DESCRIPTION},
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unschedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTask.objects.filter(task=ERASURE_TASK).delete()
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("liaison_stations", "0014_online_matters"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
