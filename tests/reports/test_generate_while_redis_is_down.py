"""Asking for a PDF while Redis is down: the page answers at once, the job waits
in the outbox and is rendered once Redis is back."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse

from congress_portal.jobs import send_pending
from congress_portal.models import OutboxJob
from reports import services
from reports.models import AnnualReport
from reports.tasks import render_annual_report
from tests.access import client_as
from tests.brokers import PROMPTLY, broker_at, take_queued_tasks

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_generating_with_redis_down_answers_promptly_and_renders_when_it_is_back(
    private_redis, staff, street, point_rules
):
    report = services.create_report(street, 2026, staff)
    client = client_as(staff)
    with broker_at(private_redis.url):
        private_redis.stop()
        started = time.monotonic()
        response = client.post(reverse("reports:generate", args=[report.pk]))
        elapsed = time.monotonic() - started

        assert response.status_code == 302 and elapsed < PROMPTLY
        job = OutboxJob.objects.get(task=render_annual_report.name)
        assert job.sent_at is None and job.last_error
        report.refresh_from_db()
        assert report.state == AnnualReport.State.QUEUED

        private_redis.start()
        assert send_pending(older_than=timedelta(0)) == 1
        queued = take_queued_tasks(private_redis.url)

    assert queued == [(render_annual_report.name, [report.pk])]
    for _name, args in queued:  # as the worker does
        render_annual_report(*args)
    report.refresh_from_db()
    assert report.state == AnnualReport.State.READY and report.pdf
