"""A station's second kind (二站合一) differs from its first."""

import pytest
from django.core.exceptions import ValidationError

from tests.liaison_stations.factories import StationFactory


def test_a_station_cannot_serve_twice_as_one_kind(db):
    station = StationFactory(kind="central", also_kind="central")

    with pytest.raises(ValidationError, match="不能与本站类型相同"):
        station.full_clean()
    station.also_kind = "enterprise"
    station.full_clean()
