import datetime
import io
import smtplib
from html.parser import HTMLParser

import pytest
import time_machine
from django.core.files.storage import FileSystemStorage
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from pypdf import PdfReader

from congress_portal.models import OutboxJob
from congress_portal.tasks import sweep_outbox
from deputies import letters, services, tasks
from deputies.models import LetterRound, PointRule, ReminderLetter, WarningReason, quarter_ends
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory, PointEntryFactory
from tests.factories import StreetFactory

pytestmark = pytest.mark.usefixtures("point_rules")
# The scheduled job's morning: the first day of Q4, judging Q3.
RUN_AT = datetime.datetime(2026, 10, 1, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
State = ReminderLetter.State


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(RUN_AT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def flagged(my_deputy, staff):
    """The deputy persona: current, on station duty lately, too few points (one reason)."""
    my_deputy.email = "lijianguo@example.com"
    my_deputy.save()
    MembershipFactory(deputy=my_deputy)
    rule = PointRule.objects.get(code="station_duty")
    entry = PointEntryFactory(deputy=my_deputy, rule=rule, occurred_on=datetime.date(2026, 9, 1))
    services.approve(entry, staff)
    return my_deputy


def run_job(capture):
    with capture(execute=True):
        tasks.issue_reminder_letters()


def pdf_text(content):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_job_issues_one_letter_per_reason_and_quarter_when_run_twice(
    flagged, mailoutbox, django_capture_on_commit_callbacks
):
    run_job(django_capture_on_commit_callbacks)
    run_job(django_capture_on_commit_callbacks)

    letter = ReminderLetter.objects.get()
    assert (letter.deputy, letter.reason, letter.period) == (flagged, "low_points", "2026-Q3")
    assert letter.state == State.SENT and letter.created_by is None
    assert (letter.year, letter.sequence) == (2026, 1)
    assert len(mailoutbox) == 1


def test_letters_are_numbered_per_street_and_year(
    flagged, street, django_capture_on_commit_callbacks
):
    for name in ("周晓梅", "吴海波"):
        MembershipFactory(deputy=DeputyFactory(street=street, name=name))
    MembershipFactory(deputy=DeputyFactory(street=StreetFactory(name="白鹭街道")))

    run_job(django_capture_on_commit_callbacks)

    mine = ReminderLetter.objects.filter(street=street)
    # Three deputies: the persona for points; the others also for station duty.
    assert sorted(mine.values_list("sequence", flat=True)) == [1, 2, 3, 4, 5]
    assert list(ReminderLetter.objects.exclude(street=street).values_list("sequence", flat=True))
    assert {letter.sequence for letter in ReminderLetter.objects.exclude(street=street)} == {1, 2}


def test_a_batch_of_letters_is_rendered_in_one_pass_each_to_its_own_pdf(
    flagged, street, mailoutbox, django_capture_on_commit_callbacks
):
    for name, email in (("周晓梅", "zhou@example.com"), ("吴海波", "wu@example.com")):
        MembershipFactory(deputy=DeputyFactory(street=street, name=name, email=email))

    run_job(django_capture_on_commit_callbacks)

    assert OutboxJob.objects.filter(task="deputies.tasks.deliver_reminder_letter").count() == 1
    texts = {email.to[0]: pdf_text(email.attachments[0][1]) for email in mailoutbox}
    assert len(texts) == 3
    for address, name in (("lijianguo@example.com", "李建国"), ("zhou@example.com", "周晓梅"),
                          ("wu@example.com", "吴海波")):  # fmt: skip
        assert name in texts[address]
        assert all(other not in texts[address] for other in {"李建国", "周晓梅", "吴海波"} - {name})


def test_a_letter_that_cannot_be_rendered_fails_alone(
    flagged, street, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    MembershipFactory(deputy=DeputyFactory(street=street, name="周晓梅", email="zhou@example.com"))
    html = letters.reminder_letter_html

    def broken_for_zhou(letter):
        if letter.deputy.name == "周晓梅":
            raise ValueError("a broken template")
        return html(letter)

    monkeypatch.setattr(letters, "reminder_letter_html", broken_for_zhou)
    run_job(django_capture_on_commit_callbacks)

    states = dict(ReminderLetter.objects.values_list("deputy__name", "state"))
    assert states["李建国"] == State.SENT
    assert {states[name] for name in states if name != "李建国"} == {State.FAILED}
    assert [email.to for email in mailoutbox] == [["lijianguo@example.com"]]


def test_letter_is_emailed_once_with_its_pdf(
    flagged, mailoutbox, django_capture_on_commit_callbacks
):
    run_job(django_capture_on_commit_callbacks)

    (email,) = mailoutbox
    letter = ReminderLetter.objects.get()
    assert email.to == ["lijianguo@example.com"]
    assert letter.number in email.subject
    assert "李建国" in email.body and "李建国" in email.alternatives[0][0]
    (filename, content, mimetype) = email.attachments[0]
    assert (filename, mimetype) == (letters.letter_filename(letter), "application/pdf")
    text = pdf_text(content)
    assert "李建国" in text
    assert str(WarningReason.LOW_POINTS.label) in text
    assert "今年积分" in text  # the finding, frozen when the letter was issued
    assert letter.emailed_at is not None and letter.rendered_at is not None


class WorkerDied(BaseException):
    """What a worker killed mid-task looks like to the code after it: nothing runs."""


def test_crash_after_the_claim_never_emails_twice_nor_duplicates_the_letter(
    flagged, mailoutbox, monkeypatch, frozen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        tasks.issue_reminder_letters()  # issued; the delivery jobs stay unsent
    letter = ReminderLetter.objects.get()

    def die(letter):
        raise WorkerDied

    monkeypatch.setattr(letters, "send_reminder_letter_email", die)
    with pytest.raises(WorkerDied):
        tasks.deliver_reminder_letter(letter.pk)
    monkeypatch.undo()
    letter.refresh_from_db()
    assert letter.state == State.SENDING and letter.attempted_at is not None

    tasks.deliver_reminder_letter(letter.pk)  # the retried job
    run_job(django_capture_on_commit_callbacks)  # and the job once more
    frozen.shift(datetime.timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        sweep_outbox()

    letter.refresh_from_db()
    assert letter.state == State.UNCONFIRMED  # it may have gone out: staff judge
    assert "可能已" in letter.error
    assert mailoutbox == []


def test_a_letter_claimed_but_never_handed_to_the_mail_server_is_sent_by_the_sweep(
    flagged, mailoutbox, frozen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        tasks.issue_reminder_letters()
    letter = ReminderLetter.objects.get()
    letters.render([letter.pk])
    assert letters.claim_sending(letter.pk)  # and the worker died here

    with django_capture_on_commit_callbacks(execute=True):
        assert letters.send_again(ReminderLetter.objects.all()) == 0  # it may still be sending
        sweep_outbox()
    assert ReminderLetter.objects.get().state == State.SENDING
    frozen.shift(datetime.timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        sweep_outbox()
        sweep_outbox()

    assert ReminderLetter.objects.get().state == State.SENT
    assert len(mailoutbox) == 1


def test_a_letter_whose_job_was_lost_is_delivered_within_the_hour(
    flagged, mailoutbox, frozen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        tasks.issue_reminder_letters()
    OutboxJob.objects.update(sent_at=timezone.now())  # and Redis lost its message
    frozen.shift(letters.QUEUED_TIMEOUT - datetime.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        sweep_outbox()
    assert ReminderLetter.objects.get().state == State.PENDING  # still queued in time

    frozen.shift(datetime.timedelta(minutes=2))
    with django_capture_on_commit_callbacks(execute=True):
        sweep_outbox()
    assert ReminderLetter.objects.get().state == State.SENT
    assert len(mailoutbox) == 1


def test_a_storage_error_fails_the_letter_with_its_message(
    flagged, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    def full(self, name, content, max_length=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", full)
    run_job(django_capture_on_commit_callbacks)

    letter = ReminderLetter.objects.get()
    assert letter.state == State.FAILED
    assert "No space left on device" in letter.error
    assert mailoutbox == []


def test_send_again_emails_once_per_click_with_the_same_message_id(
    flagged, mailoutbox, frozen, django_capture_on_commit_callbacks
):
    run_job(django_capture_on_commit_callbacks)
    frozen.shift(datetime.timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert letters.send_again(ReminderLetter.objects.all()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert letters.send_again(ReminderLetter.objects.all()) == 0  # a double click
    frozen.shift(datetime.timedelta(minutes=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert letters.send_again(ReminderLetter.objects.all()) == 1  # a later click

    assert len(mailoutbox) == 3
    ids = {email.extra_headers["Message-ID"] for email in mailoutbox}
    assert ids == {f"<reminder-letter-{ReminderLetter.objects.get().pk}@localhost>"}
    assert "Message-ID: <reminder-letter-" in mailoutbox[0].message().as_string()


def test_email_error_is_recorded_and_the_letter_kept(
    flagged, mailoutbox, monkeypatch, frozen, django_capture_on_commit_callbacks
):
    def refuse(message, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"lijianguo@example.com": (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    run_job(django_capture_on_commit_callbacks)
    letter = ReminderLetter.objects.get()
    assert letter.state == State.FAILED
    assert "SMTPRecipientsRefused" in letter.error
    assert letter.pdf

    monkeypatch.undo()
    frozen.shift(letters.AGAIN_AFTER)
    with django_capture_on_commit_callbacks(execute=True):
        letters.send_again(ReminderLetter.objects.all())
    letter.refresh_from_db()
    assert (letter.state, letter.error) == (State.SENT, "")
    assert len(mailoutbox) == 1


def test_deputy_without_email_reads_the_letter_in_the_portal(
    flagged, mailoutbox, django_capture_on_commit_callbacks
):
    flagged.email = ""
    flagged.save()

    run_job(django_capture_on_commit_callbacks)

    assert ReminderLetter.objects.get().state == State.PORTAL
    assert mailoutbox == []


def test_the_job_runs_every_morning_in_the_admin():
    task = PeriodicTask.objects.get(task="deputies.tasks.issue_reminder_letters")
    schedule = task.crontab
    assert (schedule.minute, schedule.hour, schedule.day_of_month) == ("0", "8", "*")
    assert schedule.month_of_year == "*"
    assert str(schedule.timezone) == "Asia/Shanghai"


def test_a_quarter_lost_to_a_database_outage_is_issued_on_the_next_run(
    flagged, monkeypatch, frozen, django_capture_on_commit_callbacks
):
    working = letters.issue_for_street

    def database_down(street, on):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(letters, "issue_for_street", database_down)
    with pytest.raises(OperationalError):
        letters.issue_due(RUN_AT.date())  # what is left once every retry has failed
    assert not LetterRound.objects.exists()

    monkeypatch.setattr(letters, "issue_for_street", working)
    frozen.shift(datetime.timedelta(days=1))
    run_job(django_capture_on_commit_callbacks)
    run_job(django_capture_on_commit_callbacks)  # the day after: nothing more

    assert ReminderLetter.objects.get().period == "2026-Q3"
    assert list(LetterRound.objects.values_list("period", "letters")) == [("2026-Q3", 1)]


def test_every_quarter_missed_since_the_last_round_is_issued_as_of_its_own_end(flagged):
    LetterRound.objects.create(period="2026-Q1", quarter_ended=datetime.date(2026, 3, 31),
                               issued_at=RUN_AT, letters=0)  # fmt: skip
    issued = []
    original = letters.issue_all

    def recording(on):
        issued.append(on)
        return original(on)

    letters.issue_all = recording
    try:
        letters.issue_due(datetime.date(2026, 10, 2))
    finally:
        letters.issue_all = original

    assert issued == [datetime.date(2026, 6, 30), datetime.date(2026, 9, 30)]
    assert set(LetterRound.objects.values_list("period", flat=True)) == {
        "2026-Q1", "2026-Q2", "2026-Q3"}  # fmt: skip


def test_a_run_beside_another_issues_each_letter_once_and_does_not_fail(flagged, monkeypatch):
    """Two beats start the job twice at once: the other run records the round first."""
    original = letters.issue_all

    def another_run_finishes_meanwhile(on):
        original(on)
        LetterRound.objects.create(period="2026-Q3", quarter_ended=on, issued_at=RUN_AT,
                                   letters=1)  # fmt: skip
        return original(on)

    monkeypatch.setattr(letters, "issue_all", another_run_finishes_meanwhile)

    assert letters.issue_due(datetime.date(2026, 10, 2)) == []
    assert ReminderLetter.objects.count() == 1
    assert list(LetterRound.objects.values_list("period", "letters")) == [("2026-Q3", 1)]


@pytest.mark.parametrize(
    ("after", "before", "ends"),
    [
        (datetime.date(2025, 12, 31), datetime.date(2026, 4, 1), [datetime.date(2026, 3, 31)]),
        (datetime.date(2025, 12, 31), datetime.date(2026, 3, 31), []),  # ends only tonight
        (datetime.date(2025, 11, 5), datetime.date(2026, 1, 2), [datetime.date(2025, 12, 31)]),
    ],
)
def test_quarter_ends_between_two_days(after, before, ends):
    assert list(quarter_ends(after, before)) == ends


# Pages -----------------------------------------------------------------------


@pytest.fixture
def letter(flagged, django_capture_on_commit_callbacks):
    run_job(django_capture_on_commit_callbacks)
    return ReminderLetter.objects.get()


@pytest.mark.parametrize(
    ("persona", "outcome"),
    [("staff", 200), ("deputy", 200), ("other", 404), ("leadership", 200), ("anonymous", LOGIN)],
)
def test_who_opens_a_letters_pdf(letter, personas, other_deputy, persona, outcome):
    DeputyFactory(user=other_deputy)
    user = other_deputy if persona == "other" else personas[persona]

    response = get_as(user, reverse("deputies:letter_pdf", args=[letter.pk]))

    assert_outcome(response, outcome)
    if outcome == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_staff_of_another_street_cannot_open_the_letter(letter):
    from congress_portal.roles import Role
    from tests.factories import UserFactory

    stranger = UserFactory(role=Role.STAFF, street=StreetFactory(name="白鹭街道"))
    assert get_as(stranger, reverse("deputies:letter_pdf", args=[letter.pk])).status_code == 404


def test_deputy_sees_the_letter_on_their_home_and_in_their_archive(letter, deputy):
    client = client_as(deputy)
    home = client.get(reverse("deputies:my_duties")).content.decode()
    archive = client.get(reverse("deputies:archive", args=[letter.deputy_id]), follow=True)

    assert letter.number in home
    assert reverse("deputies:acknowledge_letter", args=[letter.pk]) in home
    assert reverse("deputies:letter_pdf", args=[letter.pk]) in archive.content.decode()


def test_deputy_acknowledges_a_letter_once(letter, deputy, frozen):
    url = reverse("deputies:acknowledge_letter", args=[letter.pk])
    client = client_as(deputy)

    assert client.post(url).status_code == 302
    letter.refresh_from_db()
    first = letter.acknowledged_at
    frozen.shift(datetime.timedelta(days=1))
    client.post(url)

    letter.refresh_from_db()
    assert first is not None and letter.acknowledged_at == first
    assert reverse("deputies:acknowledge_letter", args=[letter.pk]) not in (
        client.get(reverse("deputies:my_duties")).content.decode()
    )


@pytest.mark.parametrize(
    ("persona", "outcome"),
    [("staff", 403), ("other", 404), ("leadership", 403), ("anonymous", LOGIN)],
)
def test_only_the_deputy_acknowledges_their_letter(
    letter, personas, other_deputy, persona, outcome
):
    DeputyFactory(user=other_deputy)
    user = other_deputy if persona == "other" else personas[persona]

    response = client_as(user).post(reverse("deputies:acknowledge_letter", args=[letter.pk]))

    assert_outcome(response, outcome)
    letter.refresh_from_db()
    assert letter.acknowledged_at is None


def test_acknowledging_needs_a_post(letter, deputy):
    url = reverse("deputies:acknowledge_letter", args=[letter.pk])
    assert get_as(deputy, url).status_code == 405


# Admin -----------------------------------------------------------------------


def test_staff_open_the_letters_and_their_delivery_log(letter, staff):
    client = client_as(staff)
    listing = client.get(reverse("admin:deputies_reminderletter_changelist"))
    filtered = client.get(
        reverse("admin:deputies_reminderletter_changelist"), {"state": "sent", "acknowledged": "no"}
    )
    detail = client.get(reverse("admin:deputies_reminderletter_change", args=[letter.pk]))

    assert listing.status_code == filtered.status_code == detail.status_code == 200
    assert letter.number in listing.content.decode()
    assert reverse("deputies:letter_pdf", args=[letter.pk]) in detail.content.decode()


@pytest.mark.parametrize("persona", ["deputy", "leadership", "anonymous"])
def test_letters_admin_is_for_staff_only(personas, persona):
    for name in ("changelist", "issue"):
        response = get_as(personas[persona], reverse(f"admin:deputies_reminderletter_{name}"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def test_staff_preview_then_issue_a_letter_by_hand(
    flagged, staff, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("admin:deputies_reminderletter_issue")
    client = client_as(staff)
    data = {"deputy": flagged.pk, "reason": "congress_absence", "period": "2026-Q4"}

    assert client.get(url).status_code == 200
    preview = client.post(url, {**data, "preview": "1"})
    assert preview.status_code == 200 and "李建国" in preview.content.decode()
    assert not ReminderLetter.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        issued = client.post(url, {**data, "issue": "1"})
        again = client.post(url, {**data, "issue": "1"})

    letter = ReminderLetter.objects.get()
    assert issued.status_code == again.status_code == 302
    assert (letter.reason, letter.period, letter.created_by) == (
        "congress_absence",
        "2026-Q4",
        staff,
    )
    assert letter.state == State.SENT
    assert len(mailoutbox) == 1


class Iframes(HTMLParser):
    """The page's iframes, their attributes decoded as a browser decodes them."""

    def __init__(self, page):
        super().__init__()
        self.found = []
        self.feed(page)

    def handle_starttag(self, tag, attributes):
        if tag == "iframe":
            self.found.append(dict(attributes))


def test_the_preview_cannot_run_what_a_deputys_name_smuggles_in(flagged, staff):
    flagged.name = '"><script>alert(1)</script>'
    flagged.save()
    data = {"deputy": flagged.pk, "reason": "congress_absence", "period": "2026-Q4", "preview": 1}

    page = client_as(staff).post(reverse("admin:deputies_reminderletter_issue"), data)

    [iframe] = Iframes(page.content.decode()).found
    assert "sandbox" in iframe
    letter = iframe["srcdoc"]  # the document the iframe shows
    assert letter.lower().startswith("<!doctype html>") and "</html>" in letter
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in letter
    assert "<script" not in letter
    assert "<script>alert(1)" not in page.content.decode()


def test_staff_cannot_issue_to_another_streets_deputy(staff):
    stranger = DeputyFactory(street=StreetFactory(name="白鹭街道"))
    MembershipFactory(deputy=stranger)
    response = client_as(staff).post(
        reverse("admin:deputies_reminderletter_issue"),
        {"deputy": stranger.pk, "reason": "low_points", "period": "2026-Q3", "issue": "1"},
    )
    assert response.status_code == 200
    assert not ReminderLetter.objects.exists()


def test_send_again_action_emails_once_more_whatever_the_clicks(
    letter, staff, mailoutbox, frozen, django_capture_on_commit_callbacks
):
    frozen.shift(datetime.timedelta(minutes=2))
    ReminderLetter.objects.update(state=State.UNCONFIRMED)
    client = client_as(staff)
    url = reverse("admin:deputies_reminderletter_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"action": "send_again", "_selected_action": [letter.pk]})
        second = client.post(url, {"action": "send_again", "_selected_action": [letter.pk]})

    assert first.status_code == second.status_code == 302
    assert len(mailoutbox) == 2
    assert ReminderLetter.objects.get().state == State.SENT
    said = [str(m) for m in client.get(url).context["messages"]]
    assert any("可能已" in message and "两次" in message for message in said)
    assert any("1 分钟内" in message for message in said)
