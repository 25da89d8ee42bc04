from django.db import migrations

from congress_portal.roles import sync_role_groups


class Migration(migrations.Migration):
    dependencies = [
        ("congress_portal", "0001_initial"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(sync_role_groups, migrations.RunPython.noop)]
