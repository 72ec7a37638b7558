"""Several counts in one statement, each by its own plan.

``Count(..., filter=...)`` over one table reads every row of it once, however small the
counts: the dashboard's tiles and chart did so over every case, and probed a related table
per open case. A count per queryset, each a scalar subquery of one SELECT, lets the
database answer each from the index that fits it (a range of dates, a partial index of the
open rows), in one round trip.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections, router


def count_each(**querysets) -> dict[str, int]:
    """``{name: queryset.count()}`` for every queryset, in one query. The querysets must be
    of the same database; their own ordering is dropped (it changes no count)."""
    if not querysets:
        return {}
    names = list(querysets)
    first = querysets[names[0]]
    using = first.db or router.db_for_read(first.model)
    parts, params = [], []
    for number, name in enumerate(names):
        try:
            sql, part_params = querysets[name].order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # .none(), or a filter on an empty list: nothing there
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{number})")
        params.extend(part_params)
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return {name: int(n) for name, n in zip(names, cursor.fetchone(), strict=True)}
