from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from congress_portal.demo import DEMO_PASSWORD, DemoContext


def demo_seeders():
    """Each installed app's `demo.seed`, lowest app first."""
    for app_config in apps.get_app_configs():
        if find_spec(f"{app_config.name}.demo"):
            yield import_module(f"{app_config.name}.demo").seed


class Command(BaseCommand):
    help = "Build the deterministic demo data; running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply data volumes by this factor to build benchmark data.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even though DEBUG is off (production)."
        )

    def handle(self, *args, scale, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "DEBUG is off, so this looks like production: demo data would mix with "
                    "real data. Use --force if you really mean it."
                )
            )
        if scale < 1:
            raise CommandError(_("--scale must be 1 or more."))
        ctx = DemoContext(scale=scale, show_passwords=settings.DEBUG)
        with transaction.atomic():
            for seed in demo_seeders():
                app = apps.get_containing_app_config(seed.__module__)
                self.stdout.write(_("Building the demo: %(app)s…") % {"app": app.verbose_name})
                seed(ctx)
        self.stdout.write(self.style.SUCCESS(_("Demo data ready. Demo logins:")))
        for role, username in ctx.logins:
            password = DEMO_PASSWORD if ctx.show_passwords else _("(set it with changepassword)")
            self.stdout.write(f"  {role}: {username} / {password}")
        if ctx.tracked:
            self.stdout.write(
                _("Online matters to follow at /stations/track/ (number, last digits):")
            )
            for shows, number, digits in ctx.tracked:
                self.stdout.write(f"  {number} {digits} · {shows}")
