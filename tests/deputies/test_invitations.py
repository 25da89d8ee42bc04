"""Invitations to activities: staff invite deputies (by hand, by group, by level, by
community), each is told; the deputy replies or asks for leave, staff approve or refuse
it; the deputy checks in by the activity's code within its window, or staff mark the
attendance; attendance earns its points once. Every step legal and illegal; every page
per persona."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from congress_portal.errors import DomainError
from congress_portal.models import Notice
from congress_portal.roles import Role
from congress_portal.workflow import take_step
from deputies import invitations
from deputies.models import (
    Activity,
    Attendance,
    AttendanceStep,
    Level,
    PointEntry,
    ProfessionalGroup,
)
from tests.access import LOGIN, assert_outcome, client_as
from tests.deputies.factories import ActivityFactory, DeputyFactory, MembershipFactory, TermFactory
from tests.factories import CommunityFactory, StreetFactory, UserFactory

pytestmark = pytest.mark.usefixtures("point_rules")

S = Attendance.Status
DAY = datetime.date(2026, 12, 1)
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
BEFORE = datetime.datetime(2026, 11, 28, 10, tzinfo=SHANGHAI)  # invitations go out
DURING = datetime.datetime(2026, 12, 1, 9, 10, tzinfo=SHANGHAI)
TOO_EARLY = datetime.datetime(2026, 12, 1, 8, 20, tzinfo=SHANGHAI)  # the window opens 8:30
TOO_LATE = datetime.datetime(2026, 12, 1, 11, 5, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(BEFORE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def activity(street):
    return ActivityFactory(
        street=street, kind=Activity.Kind.INSPECTION, theme="老旧小区改造视察", held_on=DAY,
        starts_at=datetime.time(9), ends_at=datetime.time(11), place="青石社区",
    )  # fmt: skip


@pytest.fixture
def colleague(other_deputy, street):
    return DeputyFactory(name="王芳", street=street, user=other_deputy)


def current(deputy, level=Level.DISTRICT):
    MembershipFactory(
        deputy=deputy, term=TermFactory(level=level, ends_on=datetime.date(2031, 9, 30))
    )
    return deputy


def invited(activity, deputy, status=S.INVITED):
    return Attendance.objects.create(activity=activity, deputy=deputy, status=status)


def step(attendance, name, user, at=None, **arguments):
    return take_step(attendance, name, user, at=at, **arguments)


def points(deputy):
    return list(
        PointEntry.objects.filter(deputy=deputy).values_list("rule__code", "points", "state")
    )


def step_url(attendance, name):
    return reverse("deputies:attendance_step", args=[attendance.pk, name])


# The whole round ---------------------------------------------------------------


def test_invitation_reply_leave_and_check_in_award_points_once(
    activity, my_deputy, colleague, deputy, other_deputy, staff, clock
):
    current(my_deputy)
    current(colleague)
    staff_client, mine, theirs = client_as(staff), client_as(deputy), client_as(other_deputy)

    staff_client.post(reverse("deputies:activity", args=[activity.pk]),
                      {"deputies": [my_deputy.pk, colleague.pk]})  # fmt: skip

    leave_taker = Attendance.objects.get(deputy=my_deputy)
    attendee = Attendance.objects.get(deputy=colleague)
    assert {leave_taker.status, attendee.status} == {S.INVITED}
    told = Notice.objects.filter(kind=Notice.Kind.ACTIVITY_INVITATION)
    assert {notice.recipient for notice in told} == {deputy, other_deputy}
    assert told.get(recipient=deputy).url == leave_taker.get_absolute_url()

    # One asks for leave, staff approve it.
    mine.post(step_url(leave_taker, "request_leave"), {"request_leave-reason": "出差在外"})
    staff_client.post(step_url(leave_taker, "approve_leave"))
    leave_taker.refresh_from_db()
    assert leave_taker.status == S.LEAVE and leave_taker.leave_reason == "出差在外"
    assert Notice.objects.filter(recipient=deputy, kind=Notice.Kind.LEAVE_DECIDED).exists()

    # The other says they will come, and checks in by the code: not before the window.
    theirs.post(step_url(attendee, "accept"))
    code = activity.check_in_code
    clock.move_to(TOO_EARLY)
    theirs = client_as(other_deputy)  # signed in again: days have passed
    refused = theirs.post(step_url(attendee, "check_in"), {"check_in-code": code}, follow=True)
    assert "签到时间为" in refused.content.decode()
    attendee.refresh_from_db()
    assert attendee.status == S.ACCEPTED and points(colleague) == []

    clock.move_to(DURING)
    theirs = client_as(other_deputy)
    page = theirs.get(invitations.check_in_link(activity))
    assert code in page.content.decode()
    theirs.post(step_url(attendee, "check_in"), {"check_in-code": code})
    theirs.post(step_url(attendee, "check_in"), {"check_in-code": code})  # scanned twice

    attendee.refresh_from_db()
    assert attendee.status == S.ATTENDED and attendee.checked_in_at == DURING
    assert points(colleague) == [("inspection_research", 3, "approved")]
    assert points(my_deputy) == []
    names = list(AttendanceStep.objects.filter(attendance=attendee).values_list("name", flat=True))
    assert names == ["accept", "check_in"]
    assert attendee.steps.last().by == other_deputy


def test_check_in_after_the_window_or_with_a_wrong_code_is_refused(activity, colleague, clock):
    attendance = invited(activity, colleague, S.ACCEPTED)
    clock.move_to(TOO_LATE)
    with pytest.raises(DomainError, match="签到时间为"):
        step(attendance, "check_in", colleague.user, code=activity.check_in_code)
    clock.move_to(DURING)
    with pytest.raises(DomainError, match="签到码"):
        step(attendance, "check_in", colleague.user, code="00000000")
    attendance.refresh_from_db()
    assert attendance.status == S.ACCEPTED


def test_an_activity_without_times_is_open_for_check_in_all_its_day(street, colleague, clock):
    activity = ActivityFactory(street=street, held_on=DAY)
    attendance = invited(activity, colleague)
    clock.move_to(datetime.datetime(2026, 12, 1, 23, 50, tzinfo=SHANGHAI))

    step(attendance, "check_in", colleague.user, code=activity.check_in_code)

    assert Attendance.objects.get(pk=attendance.pk).status == S.ATTENDED


def test_staff_marking_attendance_or_absence_earns_points_once(street, colleague, staff):
    congress = ActivityFactory(street=street, kind=Activity.Kind.CONGRESS, held_on=DAY)
    missed = invited(congress, colleague)

    step(missed, "mark_absent", staff)
    assert points(colleague) == [("congress_absence", -5, "approved")]

    step(missed, "mark_attended", staff)  # staff correct it: the penalty is withdrawn
    assert sorted(points(colleague)) == [
        ("congress_absence", -5, "withdrawn"),
        ("congress_attendance", 5, "approved"),
    ]


# Choosing whom to invite -------------------------------------------------------


def test_staff_invite_by_group_level_and_community_once_each(activity, street, staff):
    community = CommunityFactory(street=street, name="青石社区")
    lawyer = current(
        DeputyFactory(street=street, name="法律组代表", user=UserFactory(role=Role.DEPUTY))
    )
    city = current(DeputyFactory(street=street, name="市代表"), level=Level.CITY)
    neighbour = current(DeputyFactory(street=street, name="社区代表", community=community))
    current(DeputyFactory(street=street, name="未被选中"))
    former = DeputyFactory(street=street, name="已离任", community=community)
    elsewhere = current(DeputyFactory(street=StreetFactory(), name="外街代表"))
    group = ProfessionalGroup.objects.create(street=street, name="法律组")
    group.members.add(lawyer, elsewhere)
    url = reverse("deputies:activity", args=[activity.pk])
    client = client_as(staff)

    client.post(url, {"group": group.pk})
    client.post(url, {"level": Level.CITY, "community": community.pk})
    response = client.post(url, {"group": group.pk}, follow=True)  # again: nobody new

    invitees = set(activity.attendances.values_list("deputy__name", flat=True))
    assert invitees == {lawyer.name, city.name, neighbour.name}
    assert former.name not in invitees
    assert "已邀请 0 名代表" in response.content.decode()
    assert (
        Notice.objects.filter(kind=Notice.Kind.ACTIVITY_INVITATION).count() == 1
    )  # lawyer's account


def test_an_invitation_naming_nobody_is_refused_with_a_message(activity, staff):
    response = client_as(staff).post(reverse("deputies:activity", args=[activity.pk]), {},
                                     follow=True)  # fmt: skip

    assert "请选择代表" in response.content.decode()
    assert not activity.attendances.exists()


def test_a_deputy_of_another_street_is_never_invited(activity, staff):
    stranger = current(DeputyFactory(street=StreetFactory(), name="外街代表"))

    assert invitations.invite(activity, [stranger], staff, at=BEFORE) == []


# Every step, legal and illegal ---------------------------------------------------

# step → (who takes it, its arguments, the states it starts from, where it leads)
STEPS = {
    "accept": ("deputy", {}, {S.INVITED, S.LEAVE_REFUSED}, S.ACCEPTED),
    "request_leave": ("deputy", {"reason": "出差"}, {S.INVITED, S.ACCEPTED}, S.LEAVE_REQUESTED),
    "check_in": ("deputy", {"code": None}, {S.INVITED, S.ACCEPTED, S.LEAVE_REFUSED}, S.ATTENDED),
    "approve_leave": ("staff", {}, {S.LEAVE_REQUESTED}, S.LEAVE),
    "refuse_leave": ("staff", {"comment": "会议重要"}, {S.LEAVE_REQUESTED}, S.LEAVE_REFUSED),
    "mark_attended": (
        "staff", {},
        {S.INVITED, S.ACCEPTED, S.LEAVE_REFUSED, S.LEAVE_REQUESTED, S.ABSENT}, S.ATTENDED,
    ),
    "mark_absent": (
        "staff", {}, {S.INVITED, S.ACCEPTED, S.LEAVE_REFUSED, S.LEAVE_REQUESTED}, S.ABSENT,
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", STEPS)
@pytest.mark.parametrize("state", S.values)
def test_every_step_from_every_state(activity, colleague, staff, clock, name, state):
    who, arguments, starts, leads_to = STEPS[name]
    attendance = invited(activity, colleague, state)
    user = colleague.user if who == "deputy" else staff
    if "code" in arguments:
        arguments = {"code": activity.check_in_code}
    clock.move_to(DURING)

    if state in starts:
        step(attendance, name, user, **arguments)
        assert Attendance.objects.get(pk=attendance.pk).status == leads_to
        assert attendance.steps.get().to_state == leads_to
    else:
        with pytest.raises(DomainError):
            step(attendance, name, user, **arguments)
        assert Attendance.objects.get(pk=attendance.pk).status == state
        assert not attendance.steps.exists()


@pytest.mark.parametrize("name, arguments", [("accept", {}), ("request_leave", {"reason": "出差"})])
def test_a_deputy_cannot_reply_once_the_activity_is_over(
    activity, colleague, clock, name, arguments
):
    attendance = invited(activity, colleague)
    clock.move_to(TOO_LATE)

    with pytest.raises(DomainError, match="活动已结束"):
        step(attendance, name, colleague.user, **arguments)
    assert Attendance.objects.get(pk=attendance.pk).status == S.INVITED


@pytest.mark.parametrize("name", ["accept", "request_leave", "check_in"])
def test_staff_do_not_reply_for_the_deputy(activity, colleague, staff, name):
    attendance = invited(activity, colleague)
    with pytest.raises(DomainError):
        step(attendance, name, staff, reason="出差", code=activity.check_in_code)


@pytest.mark.parametrize("name", ["approve_leave", "refuse_leave", "mark_attended", "mark_absent"])
def test_a_deputy_does_not_decide_their_own_leave_or_attendance(activity, colleague, name):
    attendance = invited(activity, colleague, S.LEAVE_REQUESTED)
    with pytest.raises(DomainError):
        step(attendance, name, colleague.user, comment="同意")
    assert Attendance.objects.get(pk=attendance.pk).status == S.LEAVE_REQUESTED


def test_leave_without_a_reason_is_refused_and_the_page_keeps_the_step(activity, colleague):
    attendance = invited(activity, colleague)
    client = client_as(colleague.user)

    response = client.post(step_url(attendance, "request_leave"), {"request_leave-reason": " "},
                           follow=True)  # fmt: skip

    assert "这个字段是必填项" in response.content.decode() or "必填" in response.content.decode()
    assert Attendance.objects.get(pk=attendance.pk).status == S.INVITED


def test_refusing_leave_needs_a_reason_and_tells_the_deputy(activity, colleague, staff):
    attendance = invited(activity, colleague, S.LEAVE_REQUESTED)
    client = client_as(staff)

    client.post(step_url(attendance, "refuse_leave"), {"refuse_leave-comment": ""})
    assert Attendance.objects.get(pk=attendance.pk).status == S.LEAVE_REQUESTED
    client.post(step_url(attendance, "refuse_leave"), {"refuse_leave-comment": "会议重要"})

    attendance.refresh_from_db()
    assert attendance.status == S.LEAVE_REFUSED and attendance.leave_comment == "会议重要"
    notice = Notice.objects.get(recipient=colleague.user)
    assert notice.kind == Notice.Kind.LEAVE_DECIDED and activity.theme in notice.title


def test_leave_asked_again_after_a_refusal_is_decided_in_a_notice_of_its_own(
    activity, colleague, staff
):
    attendance = invited(activity, colleague, S.LEAVE_REQUESTED)
    step(attendance, "refuse_leave", staff, comment="会议重要")
    step(attendance, "accept", colleague.user)
    step(attendance, "request_leave", colleague.user, reason="临时出差")

    step(attendance, "approve_leave", staff)

    titles = Notice.objects.filter(recipient=colleague.user).values_list("title", flat=True)
    assert sorted(titles) == sorted(
        [f"请假未批准：{activity.theme}", f"请假已批准：{activity.theme}"]
    )


# Pages, per persona ---------------------------------------------------------------

STAFF_PAGES = ["deputies:activities", "deputies:activity", "deputies:activity_code"]


def staff_url(name, activity):
    return reverse(name) if name == "deputies:activities" else reverse(name, args=[activity.pk])


@pytest.mark.parametrize("name", STAFF_PAGES)
@pytest.mark.parametrize(
    ("persona", "outcome"),
    [("staff", 200), ("leadership", 403), ("deputy", 403), ("anonymous", LOGIN)],
)
def test_who_opens_the_staff_pages(activity, personas, name, persona, outcome):
    assert_outcome(client_as(personas[persona]).get(staff_url(name, activity)), outcome)


@pytest.mark.parametrize("name", ["deputies:activity", "deputies:activity_code"])
def test_another_streets_staff_find_no_activity(activity, name):
    stranger = UserFactory(role=Role.STAFF, street=StreetFactory())
    assert client_as(stranger).get(staff_url(name, activity)).status_code == 404


def test_the_code_page_shows_the_code_and_its_window(activity, staff):
    page = client_as(staff).get(reverse("deputies:activity_code", args=[activity.pk]))
    text = page.content.decode()
    assert activity.check_in_code in text and "<svg" in text
    assert "2026-12-01 08:30" in text and "2026-12-01 11:00" in text


@pytest.mark.parametrize(
    ("persona", "outcome"),
    [("invited", 200), ("other deputy", 404), ("staff", 403), ("leadership", 403),
     ("anonymous", LOGIN)],
)  # fmt: skip
@pytest.mark.parametrize("page", ["invitation", "check_in"])
def test_who_opens_an_invitation_and_its_check_in(
    activity, colleague, deputy, personas, persona, outcome, page
):
    attendance = invited(activity, colleague)
    user = {"invited": colleague.user, "other deputy": deputy}.get(persona, personas.get(persona))
    url = (
        attendance.get_absolute_url()
        if page == "invitation"
        else invitations.check_in_link(activity)
    )
    assert_outcome(client_as(user).get(url), outcome)


@pytest.mark.parametrize(
    ("persona", "outcome"),
    [("invited", 302), ("other deputy", 404), ("staff", 403), ("leadership", 403),
     ("other street staff", 404), ("anonymous", LOGIN)],
)  # fmt: skip
def test_who_takes_a_step(activity, colleague, deputy, personas, persona, outcome):
    attendance = invited(activity, colleague)
    user = {
        "invited": colleague.user,
        "other deputy": deputy,
        "other street staff": UserFactory(role=Role.STAFF, street=StreetFactory()),
    }.get(persona, personas.get(persona))

    response = client_as(user).post(step_url(attendance, "accept"))

    assert_outcome(response, outcome)
    expected = S.ACCEPTED if persona == "invited" else S.INVITED
    assert Attendance.objects.get(pk=attendance.pk).status == expected


def test_staff_take_a_step_and_go_back_to_the_activity(activity, colleague, staff):
    attendance = invited(activity, colleague, S.LEAVE_REQUESTED)
    response = client_as(staff).post(step_url(attendance, "approve_leave"))
    assert response.url == activity.get_absolute_url()
    assert client_as(staff).get(step_url(attendance, "approve_leave")).status_code == 405


def test_the_deputys_home_lists_the_invitations_awaiting_them(activity, colleague, street):
    past = ActivityFactory(street=street, held_on=datetime.date(2026, 11, 1), theme="已过去的活动")
    invited(activity, colleague)
    invited(past, colleague)

    page = client_as(colleague.user).get(reverse("deputies:my_duties")).content.decode()

    assert activity.theme in page and "已过去的活动" not in page


def test_the_lists_run_a_fixed_number_of_queries(
    activity, street, staff, django_assert_max_num_queries
):
    client = client_as(staff)
    invited(activity, current(DeputyFactory(street=street)), S.LEAVE_REQUESTED)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("deputies:activities"))
    with django_assert_max_num_queries(20) as few_rows:
        client.get(activity.get_absolute_url())
    for _n in range(10):
        other = ActivityFactory(street=street, held_on=DAY)
        invited(other, current(DeputyFactory(street=street)))
        invited(activity, current(DeputyFactory(street=street)), S.LEAVE_REQUESTED)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("deputies:activities"))
    with django_assert_max_num_queries(len(few_rows)):
        client.get(activity.get_absolute_url())
