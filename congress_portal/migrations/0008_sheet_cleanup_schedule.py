"""Schedule the removal of expired exports, imports and form tokens every hour in
django-celery-beat's tables, where staff can change or pause it in the admin
(Periodic tasks)."""

from django.db import migrations
from django.utils import timezone

TASK = "congress_portal.tasks.remove_expired"
# Shown to staff in the admin, so in Chinese (like the role groups' names).
NAME = "清理过期的导出导入文件和表单令牌"
DESCRIPTION = (
    "每小时删除一天前的导出文件、导入文件及其记录，以及一天前的表单提交令牌。"
    "停用后，这些文件不再被删除，但过期后仍不能下载。"
)


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    every_hour, _created = IntervalSchedule.objects.get_or_create(every=1, period="hours")
    PeriodicTask.objects.get_or_create(
        task=TASK,
        defaults={"name": NAME, "interval": every_hour, "description": DESCRIPTION},
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
        ("congress_portal", "0007_sheet_jobs"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
