from celery import shared_task

from congress_portal.tasks import DATABASE_RETRY

from . import services


@shared_task(**DATABASE_RETRY)
def render_annual_report(report_pk):
    return services.render_pdf(report_pk)
