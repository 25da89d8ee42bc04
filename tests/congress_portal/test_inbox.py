"""The notification inbox: notices written once per event, emailed once, read from one
page (newest first, a fixed number of queries), opened and marked read; and the
events that write them (a co-sign invitation, an answer to evaluate, a reminder
letter, tomorrow's duty)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from congress_portal import notices
from congress_portal.models import Notice
from congress_portal.roles import Role
from congress_portal.workflow import take_step
from deputies import letters
from deputies.models import WarningReason
from liaison_stations import tasks as station_tasks
from suggestions import services as suggestion_services
from suggestions.models import Suggestion
from tests.access import LOGIN, assert_outcome, client_as
from tests.deputies.factories import DeputyFactory
from tests.factories import UserFactory
from tests.liaison_stations.factories import DutyAssignmentFactory, DutySessionFactory
from tests.suggestions.factories import SuggestionFactory
from tests.suggestions.states import suggestion_in

NOW = datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC)  # 18:00 in Shanghai
Kind = Notice.Kind


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def tell(user, title="请附议", url="/suggestions/1/", key="", at=NOW, **options):
    return notices.notify(user, Kind.COSIGN_INVITATION, title, url, at=at, key=key, **options)


def on_commit(capture, function, *args, **kwargs):
    with capture(execute=True):
        return function(*args, **kwargs)


# notify ---------------------------------------------------------------------


def test_a_notice_is_written_once_per_key_and_emailed_once(
    deputy, mailoutbox, django_capture_on_commit_callbacks
):
    deputy.email = "li@example.org"
    deputy.save()

    first = on_commit(django_capture_on_commit_callbacks, tell, deputy, key="cosignature-1")
    again = on_commit(django_capture_on_commit_callbacks, tell, deputy, key="cosignature-1")

    assert first is not None and again is None
    assert Notice.objects.get().recipient == deputy
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["li@example.org"] and "请附议" in message.subject
    assert reverse("open_notice", args=[first.pk]) in message.body
    first.refresh_from_db()
    assert first.emailed_at is not None
    assert notices.email(first.pk) is False  # a job that arrives twice sends once
    assert len(mailoutbox) == 1


def test_no_email_without_an_address_or_when_the_event_sends_its_own(
    deputy, other_deputy, mailoutbox, django_capture_on_commit_callbacks
):
    other_deputy.email = "wang@example.org"
    other_deputy.save()

    on_commit(django_capture_on_commit_callbacks, tell, deputy)
    on_commit(django_capture_on_commit_callbacks, tell, other_deputy, email=False)

    assert Notice.objects.count() == 2
    assert mailoutbox == []


def test_nobody_to_tell_writes_nothing(deputy):
    deputy.is_active = False
    deputy.save()

    assert tell(None) is None and tell(deputy) is None
    assert not Notice.objects.exists()


def test_a_failed_email_gives_its_claim_back(deputy, monkeypatch):
    deputy.email = "li@example.org"
    deputy.save()
    notice = tell(deputy, email=False)

    def refuse(_notice):
        raise OSError("mail server down")

    monkeypatch.setattr(notices, "send_notice_email", refuse)
    with pytest.raises(OSError):
        notices.email(notice.pk)

    notice.refresh_from_db()
    assert notice.emailed_at is None


# The inbox ------------------------------------------------------------------

INBOX = reverse("inbox")


@pytest.mark.parametrize(
    ("persona", "outcome"),
    [("staff", 200), ("deputy", 200), ("leadership", 200), ("anonymous", LOGIN)],
)
def test_who_opens_the_inbox(personas, persona, outcome):
    assert_outcome(client_as(personas[persona]).get(INBOX), outcome)


def test_a_handling_units_account_opens_its_inbox(other_unit_account):
    assert client_as(other_unit_account).get(INBOX).status_code == 200


def test_the_inbox_lists_the_users_own_notices_newest_first(deputy, other_deputy):
    tell(deputy, title="较早的通知", key="a", at=NOW - datetime.timedelta(days=1))
    tell(deputy, title="最新的通知", key="b")
    tell(other_deputy, title="别人的通知", key="c")

    page = client_as(deputy).get(INBOX)

    text = page.content.decode()
    assert text.index("最新的通知") < text.index("较早的通知")
    assert "别人的通知" not in text
    assert "2 条未读" in text


def test_the_inbox_runs_a_fixed_number_of_queries(deputy, django_assert_max_num_queries):
    client = client_as(deputy)
    for n in range(3):
        tell(deputy, key=f"few-{n}")
    with django_assert_max_num_queries(10) as few:
        client.get(INBOX)
    for n in range(40):
        tell(deputy, key=f"many-{n}")
    with django_assert_max_num_queries(len(few)):
        client.get(INBOX)


def test_opening_a_notice_marks_it_read_and_goes_to_its_page(deputy, clock):
    notice = tell(deputy, url="/suggestions/7/")
    client = client_as(deputy)

    response = client.get(notice.get_absolute_url())

    assert response.status_code == 302 and response.url == "/suggestions/7/"
    notice.refresh_from_db()
    assert notice.read_at == NOW
    clock.shift(datetime.timedelta(hours=1))
    client.get(notice.get_absolute_url())
    notice.refresh_from_db()
    assert notice.read_at == NOW  # the first opening counts


def test_a_notice_never_leads_off_the_portal(deputy):
    notice = tell(deputy, url="https://evil.example.org/")

    response = client_as(deputy).get(notice.get_absolute_url())

    assert response.url == INBOX


@pytest.mark.parametrize(
    ("persona", "outcome"),
    [("staff", 404), ("leadership", 404), ("other deputy", 404), ("anonymous", LOGIN)],
)
def test_nobody_else_opens_a_notice(personas, other_deputy, deputy, persona, outcome):
    notice = tell(deputy)
    user = other_deputy if persona == "other deputy" else personas[persona]

    assert_outcome(client_as(user).get(notice.get_absolute_url()), outcome)
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read_marks_only_the_users_own(deputy, other_deputy):
    mine = [tell(deputy, key="a"), tell(deputy, key="b")]
    theirs = tell(other_deputy, key="c")
    client = client_as(deputy)

    assert client.get(reverse("read_all_notices")).status_code == 405
    response = client.post(reverse("read_all_notices"), follow=True)

    assert "2 条通知已标为已读" in response.content.decode()
    assert all(Notice.objects.get(pk=n.pk).read_at == NOW for n in mine)
    assert Notice.objects.get(pk=theirs.pk).read_at is None
    assert_outcome(client_as(None).post(reverse("read_all_notices")), LOGIN)


def test_the_deputys_home_shows_the_unread_count(my_deputy, deputy):
    tell(deputy, key="a")
    notices.mark_read(tell(deputy, key="b"), NOW)
    tell(deputy, key="c")

    page = client_as(deputy).get(reverse("deputies:my_duties")).content.decode()

    assert "2 条未读" in page and INBOX in page


# The events that write notices ------------------------------------------------


def test_a_cosigner_is_told_of_the_invitation_once(my_deputy, other_deputy, street):
    cosigner = DeputyFactory(street=street, user=other_deputy)
    suggestion = SuggestionFactory(lead=my_deputy, title="关于加装电梯的建议")

    suggestion_services.save_draft(suggestion, my_deputy.user, [cosigner])
    suggestion_services.save_draft(suggestion, my_deputy.user, [cosigner])  # saved again

    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind) == (other_deputy, Kind.COSIGN_INVITATION)
    assert "关于加装电梯的建议" in notice.title and my_deputy.name in notice.title
    assert notice.url == reverse("suggestions:detail", args=[suggestion.pk])


def test_the_lead_deputy_is_asked_to_evaluate_the_answer(deputy, staff):
    suggestion = suggestion_in(Suggestion.State.ASSIGNED, lead__user=deputy)

    take_step(suggestion, "answer", staff, text="已完成", answer_class="A",
              answered_on=datetime.date(2026, 11, 20))  # fmt: skip

    notice = Notice.objects.get(recipient=deputy)
    assert notice.kind == Kind.EVALUATION_DUE and suggestion.title in notice.title
    assert notice.url.startswith(reverse("suggestions:detail", args=[suggestion.pk]))


def test_a_deputy_is_told_of_a_reminder_letter(my_deputy, staff):
    letter, _created = letters.issue_letter(my_deputy, WarningReason.LOW_POINTS, "2026-Q3", staff)
    letters.issue_letter(my_deputy, WarningReason.LOW_POINTS, "2026-Q3", staff)  # not repeated

    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind) == (my_deputy.user, Kind.REMINDER_LETTER)
    assert notice.key == f"letter-{letter.pk}"


def test_a_deputy_on_duty_tomorrow_is_told_once_even_without_an_address(street):
    account = UserFactory(role=Role.DEPUTY)
    deputy = DeputyFactory(street=street, user=account)
    session = DutySessionFactory(
        station__street=street, station__name="青石第一代表联络站",
        date=datetime.date(2026, 11, 25), starts_at=datetime.time(9),
    )  # fmt: skip
    DutyAssignmentFactory(session=session, deputy=deputy)

    station_tasks.remind_duties_tomorrow.delay().get()
    station_tasks.remind_duties_tomorrow.delay().get()

    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind) == (account, Kind.DUTY_TOMORROW)
    assert "青石第一代表联络站" in notice.title and "11月25日" in notice.title
