"""Words the portal uses in its own sense keep Django's sense in Django's admin: the
visit step 办结 does not relabel the admin's Close button (关闭), nor the case page's
办理记录 the admin's History (历史)."""

from django.urls import reverse
from django.utils.translation import gettext, pgettext

from liaison_stations.models import StandardItem, Visit
from tests.access import client_as
from tests.liaison_stations.factories import StationFactory, VisitFactory


def test_djangos_words_keep_djangos_sense():
    assert gettext("Close") == "关闭"
    assert gettext("History") == "历史"
    assert gettext("group") == "组"


def test_the_portals_words_keep_the_portals_sense():
    assert str(Visit.STEPS["close"].label) == pgettext("step", "Close") == "办结"
    assert str(StandardItem._meta.get_field("group").verbose_name) == "类别"


def test_the_admin_offers_history_and_the_case_page_its_handling_record(staff, street):
    visit = VisitFactory(station=StationFactory(street=street))
    client = client_as(staff)

    admin_page = client.get(reverse("admin:liaison_stations_visit_change", args=[visit.pk]))
    case_page = client.get(reverse("liaison_stations:visit_detail", args=[visit.pk]))

    assert ">历史<" in admin_page.content.decode().replace(" ", "").replace("\n", "")
    assert "办理记录" in case_page.content.decode()
