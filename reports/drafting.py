"""The first draft of an annual report, written from its frozen figures in the shape
of the reference documents (reports.structure): the opening, the themed sections
of 一是/二是 points, the shortcomings the figures show and the plan they call for.

Every sentence is the portal's own wording. A figure that is zero or missing is
left out of its sentence, and a point or plan item with nothing to say is left out
whole, so the headings follow the data."""

import datetime
import html
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from congress_portal.templatetags.formatting import percent

from .figures import CONTENT_ENOUGH
from .models import ReportSection, ReportTheme, Topic, WorkRecord
from .structure import DEFAULT_THEMES, FIGURE_SENTENCES, LEADS, RECORD_SENTENCES, STANDOUTS

INTRO, WORK, SHORTCOMINGS, PLAN = ReportSection.Part
NUMERALS = "一二三四五六七八九十"
LIST = "、"  # between the items of a Chinese enumeration


def numeral(n):
    """1 → 一, 12 → 十二 (up to 99)."""
    tens, units = divmod(n, 10)
    return (
        (NUMERALS[tens - 1] if tens > 1 else "")
        + ("十" if tens else "")
        + (NUMERALS[units - 1] if units else "")
    )


@dataclass
class Block:
    """A drafted section: `key` finds it again when the draft is written anew."""

    part: str
    key: str
    heading: str
    text: str
    topics: list = field(default_factory=list)


def draft(report):
    """The report's sections as the portal drafts them from its frozen figures."""
    f, year = report.figures, report.year
    with translation.override("zh-hans"):
        place = report.street.name if report.street else _("The district's streets")
        return [
            Block(INTRO, "intro", "", _intro(f, place, year)),
            *_work(f, themes(report.street)),
            *_streets(f),
            Block(SHORTCOMINGS, "shortcomings", "", _shortcomings(f)),
            Block(PLAN, "plan", "", _plan_opening(place, year)),
            *_plan(f),
        ]


def themes(street):
    """[(key, heading, topics)]: the street's own themes, else the defaults. A theme
    keeps its key (its section) when staff reorder or rename it."""
    own = ReportTheme.objects.filter(street=street) if street else ReportTheme.objects.none()
    return [(f"street-theme-{theme.pk}", theme.heading, theme.topics) for theme in own] or [
        (f"theme-{number}", str(heading), topics)
        for number, (heading, topics) in enumerate(DEFAULT_THEMES, start=1)
    ]


def _intro(f, place, year):
    sentences = [
        _(
            "In %(year)s, led by the district people's congress standing committee and the "
            "street's Party working committee, %(place)s people's congress work committee "
            "organised the deputies of its area to perform their duties according to law, "
            "keeping close to the people and serving the centre of the street's work."
        )
        % {"year": year, "place": place}
    ]
    term = f.get("term")  # absent from figures frozen before terms were counted
    if term and term["began"] <= year:
        sentences.append(
            _("%(year)s is year %(nth)s of the %(number)s district people's congress.")
            % {
                "year": year,
                "nth": numeral(year - term["began"] + 1),
                "number": numeral(term["number"]),
            }  # fmt: skip
        )
    levels = [
        _("%(count)s %(level)s deputies") % {"count": row["count"], "level": row["label"]}
        for row in f["deputies"]["by_level"]
        if row["count"]
    ]
    if levels:
        sentences.append(
            _("The area has %(people)s deputies at every level: %(levels)s.")
            % {"people": f["deputies"]["people"], "levels": LIST.join(levels)}
        )
    done = _clauses(
        (f["activities"]["attendances"], _("took part in activities %(n)s times")),
        (f["visits"]["total"], _("received constituents %(n)s times")),
        (f["suggestions"]["total"], _("raised %(n)s suggestions")),
    )
    if done:
        sentences.append(_("Over the year the deputies %(done)s.") % {"done": done})
    sentences.append(
        _("The work of %(year)s and the plan for %(next)s are reported as follows.")
        % {"year": year, "next": year + 1}
    )
    return "".join(sentences)


def _clauses(*pairs):
    """The clauses whose figure is not zero, as one run of a sentence."""
    return _(", ").join(str(text) % {"n": n} for n, text in pairs if n)


def _work(f, themes):
    for key, heading, topics in themes:
        points = [text for text in (_point(topic, f) for topic in topics) if text]
        if points:
            text = "".join(
                _("%(numeral)s: ") % {"numeral": numeral(n)} + point
                for n, point in enumerate(points, start=1)
            )
            yield Block(WORK, key, heading, text, list(topics))


def _point(topic, f):
    """一是's text for a topic: its lead, its figures and what it names; "" when they
    say nothing."""
    said = figure_sentences(topic, f) + "".join(example(f) for example in EXAMPLES.get(topic, []))
    return _("%(lead)s. ") % {"lead": LEADS[topic]} + said if said else ""


def figure_sentences(topic, f):
    """The sentences of a topic's figures (reports/figures/<topic>.html), as plain text."""
    return html.unescape(render_to_string(f"reports/figures/{topic}.html", {"f": f})).strip()


def _stations_combined(f):
    stations = f["stations"]
    sentences = [
        _("%(name)s also serves as the %(also)s.") % row for row in stations.get("combined", [])
    ]
    if stations.get("featured"):
        named = LIST.join(stations["featured"])
        sentences.append(_("Featured stations include %(named)s.") % {"named": named})
    return "".join(sentences)


def _counted(rows, text):
    """`text` ("%(count)s %(kind)s") for each of `rows` counted, as a Chinese list."""
    return LIST.join(
        str(text) % {"count": row["count"], "kind": row["label"]} for row in rows if row["count"]
    )


def _among(rows, text):
    """The kinds counted (其中……), when there are two or more."""
    if sum(1 for row in rows if row["count"]) < 2:
        return ""
    return _("Among them: %(kinds)s.") % {"kinds": _counted(rows, text)}


def _stations_named(f):
    return _among(f["stations"]["by_kind"], _("%(count)s %(kind)s"))


def _activities_by_kind(f):
    return _among(f["activities"]["by_kind"], _("%(count)s activities: %(kind)s"))


def _activities_named(f):
    named = [
        _("“%(theme)s” on %(month)s/%(day)s")
        % {"theme": row["theme"], "month": day.month, "day": day.day}
        for row in f["activities"].get("notable", [])
        for day in [datetime.date.fromisoformat(row["held_on"])]
    ]
    return _("The best attended were %(named)s.") % {"named": LIST.join(named)} if named else ""


def _visits_named(f):
    rows = sorted(
        (row for row in f["visits"]["by_category"] if row["count"]), key=lambda row: -row["count"]
    )
    sentences = []
    if rows:
        named = LIST.join(row["label"] for row in rows[:3])
        sentences.append(_("The matters raised were mostly about %(named)s.") % {"named": named})
    channels = [row for row in f["visits"].get("by_channel", []) if row["count"]]
    if len(channels) > 1:  # where they came from, when not all at the stations
        counts = LIST.join(
            _("%(count)s %(channel)s") % {"count": row["count"], "channel": row["label"]}
            for row in channels
        )
        sentences.append(_("By where they came from: %(counts)s.") % {"counts": counts})
    solved = f["visits"].get("solved_items")  # absent from figures frozen before
    if solved:
        sentences.append(
            _("The deputies helped solve matters such as %(named)s.") % {"named": LIST.join(solved)}
        )
    return "".join(sentences)


def _suggestions_named(f):
    each = _("%(count)s suggestions: %(kind)s")
    sentences = [_among(f["suggestions"]["by_kind"], each)]
    term = f.get("term")
    since = _counted(term["suggestions_by_kind"], each) if term else ""
    if since and term["began"] < f["year"]:
        sentences.append(
            _("Since the %(number)s district people's congress began, deputies have raised "
              "%(kinds)s.") % {"number": numeral(term["number"]), "kinds": since}
        )  # fmt: skip
    solved = [
        _("“%(title)s” (handled by %(unit)s)") % row if row["unit"] else _("“%(title)s”") % row
        for row in f["suggestions"].get("solved_items", [])
    ]
    if solved:
        sentences.append(
            _("Suggestions such as %(named)s were solved.") % {"named": LIST.join(solved)}
        )
    key = [_("“%(title)s”") % {"title": title} for title in f["suggestions"].get("key_items", [])]
    if key:
        sentences.append(
            _("The key suggestions supervised included %(named)s.") % {"named": LIST.join(key)}
        )
    return "".join(sentences)


def _records_named(kind):
    """The sentence on the year's work records of `kind` (RECORD_SENTENCES)."""

    def sentence(f):
        records = (f.get("records") or {}).get(kind)  # absent from figures frozen before
        if not records or not records["count"]:
            return ""
        named = LIST.join(records["named"])
        return str(RECORD_SENTENCES[kind]) % {"n": records["count"], "named": named}

    return sentence


def _figure(*path):
    """The sentence on the figure at `path` (FIGURE_SENTENCES), left out when it is zero
    or the figures were frozen before it was counted."""

    def sentence(f):
        value = f
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return str(FIGURE_SENTENCES[path]) % {"n": value} if value else ""

    return sentence


def _groups_named(f):
    activities = f["activities"]
    if not activities.get("group_count"):
        return ""
    return _("The deputies work in %(n)s professional groups: %(named)s.") % {
        "n": activities["group_count"],
        "named": LIST.join(activities["groups"]),
    }


def _publicity_named(f):
    publicity = f["publicity"]
    articles = [_("“%(title)s” in %(outlet)s") % row for row in publicity.get("articles", [])]
    if not articles:
        return ""
    return _("They appeared in %(outlets)s outlets, among them %(named)s.") % {
        "outlets": publicity["outlets"],
        "named": LIST.join(articles),
    }


def _report_back_votes(f):
    """The evaluation votes after the report-backs; figures frozen before they were
    counted have none, and a year with no voters or no rate says nothing of them."""
    votes = f.get("report_back") or {}
    if not (votes.get("deputies") and votes.get("voters") and votes.get("satisfaction_rate")):
        return ""  # as every figure of the draft: none that is zero or missing
    return _(
        "After reporting back, %(deputies)s deputies were evaluated by %(voters)s voters; "
        "the satisfaction rate, counting basically satisfied, was %(rate)s."
    ) % {
        "deputies": votes["deputies"],
        "voters": votes["voters"],
        "rate": percent(votes["satisfaction_rate"]),
    }


# What a topic's point says after its figures.
EXAMPLES = {
    Topic.STATIONS: [
        _stations_named,
        _stations_combined,
        _figure("stations", "up_to_standard"),
        _figure("stations", "officers"),
        _records_named(WorkRecord.Kind.DELEGATION),
    ],
    Topic.TRAINING: [_records_named(WorkRecord.Kind.STAFF_TRAINING)],
    Topic.ARCHIVES: [
        _figure("activities", "reported_back"),
        _report_back_votes,
        _records_named(WorkRecord.Kind.RULE),
    ],
    Topic.ACTIVITIES: [_activities_by_kind, _activities_named, _groups_named],
    Topic.VISITS: [_visits_named],
    Topic.SUGGESTIONS: [_suggestions_named, _figure("suggestions", "supervisions")],
    Topic.PUBLICITY: [_publicity_named, _records_named(WorkRecord.Kind.COMMENDATION)],
}


def _streets(f):
    """The district's report: a section naming the streets that stand out."""
    streets = f.get("streets") or []  # figures frozen before streets were counted have none
    standouts = [
        str(text) % {"street": top["name"], "n": top[figure]}
        for figure, text in STANDOUTS
        for top in [max(streets, key=lambda row: row[figure], default=None)]
        if top and top[figure]
    ]
    if standouts:
        text = _("Among the district's %(count)s streets, %(standouts)s.") % {
            "count": len(streets),
            "standouts": _(", ").join(standouts),
        }
        yield Block(WORK, "streets", _("Each street works to its own strengths"), text)


def _uncovered(f):
    """Communities without a station (all of them when the street has none)."""
    return f["stations"]["communities"] - f["stations"]["covered"]


def _without_points(f):
    return f["points"]["bands"][0]["count"] if f["deputies"]["people"] else 0


def _shortcomings(f):
    suggestions = f["suggestions"]
    weak = LIST.join(row["unit"] for row in suggestions.get("weak_units", []))
    shortfalls = [
        (
            _uncovered(f),
            _("%(n)s communities have no liaison station yet, so the deputies' ground does "
              "not reach every neighbourhood"),
        ),
        (
            _without_points(f),
            _("%(n)s deputies earned no points all year, and their zeal needs rousing"),
        ),
        (
            f["duty"]["missed"],
            _("deputies missed %(n)s duties at the stations, and duty discipline needs "
              "tightening"),
        ),
        (
            suggestions["overdue"],
            _("%(n)s suggestions are past their answer deadline, and supervision needs more "
              "force"),
        ),
        (
            weak,
            _("the deputies were less content with how %(n)s handled their suggestions "
              "(below %(rate)s), and the handling needs to improve"),
        ),
    ]  # fmt: skip
    found = [
        text % {"n": value, "rate": percent(CONTENT_ENOUGH)} for value, text in shortfalls if value
    ]
    if not found:
        return _(
            "Over the year the street's congress work made progress, yet the deputies' work "
            "can still reach further and go deeper; the committee will keep listening to "
            "opinions and improving its work."
        )
    items = _("; ").join(
        _("%(numeral)s: ") % {"numeral": numeral(n)} + text for n, text in enumerate(found, 1)
    )
    return _(
        "Over the year the street's congress work made progress, yet measured against what "
        "the higher congresses ask and what the people expect it still falls short: "
        "%(items)s. The committee will study these and put them right."
    ) % {"items": items}


def _plan_opening(place, year):
    return _(
        "In %(next)s, %(place)s people's congress work committee will keep serving the centre "
        "of the street's work under the leadership of the district people's congress standing "
        "committee and the street's Party working committee, and will do the following well."
    ) % {"next": year + 1, "place": place}


def _plan(f):
    """（一）（二）… of next year's plan: what the year left open, then the constants."""
    suggestions = f["suggestions"]
    open_suggestions = (suggestions.get("assigned") or 0) - (suggestions.get("answered") or 0)
    items = []
    if _uncovered(f):
        items.append((
            "stations",
            _("Bring a station within reach of every community"),
            _("Set up liaison stations or points in the %(n)s communities that have none, and "
              "put deputies on duty there, so that people find a deputy close to home.")
            % {"n": _uncovered(f)},
        ))  # fmt: skip
    items.append((
        "training",
        _("Train the deputies to serve better"),
        _("Organise study and themed training, let experienced deputies guide new ones, and "
          "raise the deputies' skill in finding problems, voicing opinions and drafting "
          "suggestions."),
    ))  # fmt: skip
    if _without_points(f) or f["duty"]["missed"]:
        items.append((
            "archives",
            _("Hold every deputy to their duties"),
            _("Use the performance archives and points to follow each deputy's work, send "
              "reminder letters in time to those who fall behind, and see that every deputy "
              "has work to show."),
        ))  # fmt: skip
    if open_suggestions > 0:
        items.append((
            "suggestions",
            _("See the open suggestions through"),
            _("Follow the %(n)s suggestions still awaiting an answer one by one, press the "
              "handling units on their deadlines and quality, and report the results to the "
              "deputies.") % {"n": open_suggestions},
        ))  # fmt: skip
    items.append((
        "visits",
        _("Keep receiving constituents and solving their matters"),
        _("Keep the reception days at the stations, and follow every matter raised from "
          "registration through assignment and supervision to the answer, so that every "
          "concern of the people is answered."),
    ))  # fmt: skip
    for key, heading, text in items:
        yield Block(PLAN, f"plan-{key}", str(heading), str(text))
