"""QR codes (segno, drawn as SVG on the server, so the CSP holds) for each station
and each current deputy, leading constituents to the matter form; A4 posters of
them, printed in the background like every PDF (导出文件)."""

from typing import NamedTuple

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress_portal.access import role_required
from congress_portal.emails import portal_url
from congress_portal.pdf import render_pdf
from congress_portal.qr import svg
from congress_portal.roles import Role
from congress_portal.sheets import PrintedExport, Table
from deputies.models import Deputy

from .models import Station, station_for


def station_link(station):
    return portal_url(reverse("liaison_stations:station_matter", args=[station.pk]))


def deputy_link(deputy):
    return portal_url(reverse("liaison_stations:deputy_matter", args=[deputy.pk]))


@role_required(Role.DEPUTY)
def my_code(request):
    """The signed-in deputy's own code, to show on their phone."""
    deputy = get_object_or_404(Deputy.objects.current(), user=request.user)
    link = deputy_link(deputy)
    context = {"link": link, "code": svg(link), "filters": f"deputy={deputy.pk}"}
    return render(request, "liaison_stations/my_code.html", context)


class Poster(NamedTuple):
    title: str
    subtitle: str
    hours: str
    link: str

    @property
    def code(self):
        return svg(self.link)


def station_poster(station):
    return Poster(
        title=station.name,
        subtitle=_("Deputies' liaison station"),
        hours=station.opening_hours,
        link=station_link(station),
    )


def deputy_poster(deputy):
    station = station_for(deputy)
    return Poster(
        title=_("Deputy %(name)s") % {"name": deputy.name},
        subtitle=station.name if station else "",
        hours=station.opening_hours if station else "",
        link=deputy_link(deputy),
    )


def posters(user, filters):
    """The posters asked for (`station` and `deputy` pks), of what the user may see:
    staff their street's stations and current deputies, a deputy their own."""
    stations = Station.objects.visible_to(user).filter(
        active=True, pk__in=filters.getlist("station")
    )
    deputies = Deputy.objects.visible_to(user).current().filter(pk__in=filters.getlist("deputy"))
    rows = [*map(station_poster, stations), *map(deputy_poster, deputies)]
    return Table(header=[], total=len(rows), rows=rows)


class Posters(PrintedExport):
    """One A4 page per poster: who, where, when, the code and what may be raised."""

    MAX_ROWS = 200

    def write(self, output, header, rows):
        output.write(render_pdf("liaison_stations/pdf/posters.html", {"posters": list(rows)}))


QR_POSTERS = Posters(
    name="qr_posters",
    label=gettext_lazy("QR code posters"),
    filename="posters",
    allowed=lambda user: user.role in (Role.STAFF, Role.DEPUTY),
    build=posters,
)
