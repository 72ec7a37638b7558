"""Every route of the URL map writes exactly one access-log row per request, with the right
action and object. The routes are found by walking the resolver, as the access matrix does,
so a new page must be given its action in pga/access_log.py or this test fails."""

import re

import pytest
from django.urls import get_resolver, resolve

from pga.access_log import OBJECT_PARAMETERS, action_for, is_mapped, route_name
from pga.models import AccessLog
from tests.test_access_matrix import build_world, value_for, walk

pytestmark = pytest.mark.django_db


def url_for(route, objects):
    values = {}
    for parameter in route.parameters:
        values[parameter] = (
            "cases" if parameter == "app_label" else value_for(parameter, route, objects)
        )
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route.route)


def expected_object(name, kwargs):
    for parameter, object_type in OBJECT_PARAMETERS:
        if parameter in kwargs:
            return object_type, str(kwargs[parameter])
    return None


def test_every_route_writes_exactly_one_row_with_the_right_action_and_object(
    client, personas, capsys
):
    objects = build_world(personas)
    client.force_login(personas.coordinator)
    checked, unmapped, wrong = 0, [], []
    for route in walk(get_resolver().url_patterns):
        if "url" in route.parameters or route.route.startswith("^"):
            continue  # the admin's catch-all and regular-expression routes take no object
        url = url_for(route, objects)
        match = resolve(url)
        name = route_name(match)
        if not is_mapped(name):
            unmapped.append(name)
        before = AccessLog.objects.count()
        client.get(url)
        new = list(AccessLog.objects.order_by("pk")[before:])
        action = action_for(name, "GET")
        if action is None:
            if new:
                wrong.append(f"{url}: {len(new)} rows, expected none")
            continue
        checked += 1
        if len(new) != 1:
            wrong.append(f"{url}: {len(new)} rows, expected 1")
            continue
        row = new[0]
        if row.action != action:
            wrong.append(f"{url}: action {row.action}, expected {action}")
        obj = expected_object(name, match.kwargs)
        if obj and (row.object_type, row.object_id) != obj:
            wrong.append(f"{url}: object {row.object_type} {row.object_id}, expected {obj}")
        if "case_id" in match.kwargs and row.case_id != int(match.kwargs["case_id"]):
            wrong.append(f"{url}: case {row.case_id}")
    with capsys.disabled():
        print(f"\naccess log: {checked} routes each wrote exactly one row")
    assert unmapped == []
    assert wrong == []
    assert checked > 50
