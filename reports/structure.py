"""The shape of an annual work summary, after the reference documents: an opening
(导语); 一、the year's work in a few themed sections, each of 一是/二是 points, one
per topic; 二、shortcomings; 三、next year's plan in （一）（二）（三）.

A street sets its own themes (ReportTheme); these are the defaults. The wording
is the portal's own: only the shape follows the documents."""

from django.utils.translation import gettext_lazy as _

from .models import Topic, WorkRecord

# (heading, topics)
DEFAULT_THEMES = [
    (
        _('Work on "building": the stations become the deputies\' ground'),
        [Topic.STATIONS, Topic.TRAINING, Topic.ARCHIVES, Topic.LETTERS, Topic.BY_ELECTIONS],
    ),
    (
        _('Work on "serving": deputies go where the people\'s concerns are'),
        [Topic.ACTIVITIES, Topic.VISITS],
    ),
    (_('Work on "supervising": suggestions turn into solved problems'), [Topic.SUGGESTIONS]),
    (_('Work on "publicity": the deputies\' stories reach the public'), [Topic.PUBLICITY]),
]

# The lead of each topic's point, run in before its figures: 一是{lead}。{figures}
LEADS = {
    Topic.STATIONS: _("Strengthen the stations so deputies have a place to serve"),
    Topic.TRAINING: _("Train the deputies so they serve with skill"),
    Topic.ARCHIVES: _("Keep one archive per deputy so every duty is on record"),
    Topic.LETTERS: _("Remind those who fall behind and thank those who serve well"),
    Topic.BY_ELECTIONS: _("Keep the body of deputies whole as the law requires"),
    Topic.ACTIVITIES: _("Take the deputies to the front line to hear the people"),
    Topic.VISITS: _("Receive constituents so that every concern gets an answer"),
    Topic.SUGGESTIONS: _("Handle suggestions well so they solve real problems"),
    Topic.PUBLICITY: _("Tell the deputies' stories so their work is seen"),
}

# The sentence on the year's work records of each kind: how many, and the first named.
RECORD_SENTENCES = {
    WorkRecord.Kind.DELEGATION: _("The stations received %(n)s delegations, among them %(named)s."),
    WorkRecord.Kind.STAFF_TRAINING: _(
        "The committee's staff took %(n)s trainings, among them %(named)s."
    ),
    WorkRecord.Kind.RULE: _("The committee made %(n)s rules, among them %(named)s."),
    WorkRecord.Kind.COMMENDATION: _(
        "The work was commended %(n)s times by higher bodies: %(named)s."
    ),
}

# Sentences on one figure of the frozen figures (its path in them), left out when it is zero.
FIGURE_SENTENCES = {
    ("stations", "up_to_standard"): _(
        "%(n)s stations meet every item of the nine-haves and six-on-the-wall standards."
    ),
    ("stations", "officers"): _("%(n)s liaison officers help the deputies hear the people."),
    ("activities", "reported_back"): _("%(n)s deputies reported back to their constituents."),
    ("suggestions", "supervisions"): _("The committee supervised the handling %(n)s times."),
}

# A street that stands out in the district's year: (its figure, how it is said).
STANDOUTS = [
    ("visits", _("%(street)s received constituents most often (%(n)s times)")),
    ("suggestions", _("%(street)s raised the most suggestions (%(n)s)")),
    ("activities", _("%(street)s organised the most activities (%(n)s)")),
    ("publicity", _("%(street)s was reported on most (%(n)s articles)")),
]

# The charts that illustrate each topic, in the report's appendix.
CHARTS = {
    Topic.ACTIVITIES: ["activities_by_kind"],
    Topic.VISITS: ["visits_by_month", "visits_by_category"],
    Topic.SUGGESTIONS: ["suggestions_by_class"],
    Topic.ARCHIVES: ["points_bands"],
    Topic.PUBLICITY: ["publicity_by_level"],
}
