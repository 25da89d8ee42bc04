"""A ledger model's choice labels (congress_portal.models.ChoiceLabels) read as Django's."""

from django.utils import translation

from liaison_stations.models import Visit
from suggestions.models import Suggestion


def test_a_label_is_the_choice_of_the_value_in_the_active_language():
    visit = Visit(state=Visit.State.CLOSED, channel=Visit.Channel.ONLINE)
    with translation.override("zh-hans"):
        assert visit.get_state_display() == str(Visit.State.CLOSED.label) == "已办结"
    with translation.override("en"):
        assert visit.get_channel_display() == str(Visit.Channel.ONLINE.label)


def test_a_value_among_no_choices_reads_as_itself_and_an_empty_one_as_empty():
    suggestion = Suggestion(state="archived-in-1998", evaluation="")
    assert suggestion.get_state_display() == "archived-in-1998"
    assert suggestion.get_evaluation_display() == ""
