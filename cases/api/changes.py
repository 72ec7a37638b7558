"""``gewijzigd_op`` and ``gewijzigd_sinds``: when a record last changed, read from its history
(every change of every record writes one), so incremental reads need no extra column."""

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from rest_framework import exceptions

PARAMETER = "gewijzigd_sinds"


EVERY_ROW = Q()


def with_changed_at(records: QuerySet, rows: Q = EVERY_ROW) -> QuerySet:
    """``changed_at``: the moment of the newest history row among ``rows`` (the rows the
    reader may see: a date of a change it may not read is not given away)."""
    history = records.model.history.model.objects.filter(rows, id=OuterRef("pk"))
    return records.annotate(
        changed_at=Subquery(history.order_by("-history_date").values("history_date")[:1])
    )


def since(request):
    """The moment of ``gewijzigd_sinds`` (a date-time, or a date meaning its midnight in
    Dutch time), or None; a Dutch 400 for anything else."""
    value = request.query_params.get(PARAMETER)
    if value is None:
        return None
    moment = None
    try:
        moment = parse_datetime(value.strip())
        if moment is None:
            day = parse_date(value.strip())
            if day is not None:
                moment = timezone.make_aware(timezone.datetime(day.year, day.month, day.day))
        elif timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
    except (ValueError, OverflowError):
        moment = None
    if moment is None:
        raise exceptions.ValidationError(
            {
                PARAMETER: [
                    _(
                        "Geef een datum en tijd als 2026-11-01T08:00:00+01:00, of een datum "
                        "als 2026-11-01."
                    )
                ]
            }
        )
    return moment


def changed_since(
    records: QuerySet, moment, rows: Q = EVERY_ROW, always: Q | None = None
) -> QuerySet:
    """The records with a history row among ``rows`` since ``moment``; with ``always``, also
    the records that match it (those whose changes the reader may not date)."""
    if moment is None:
        return records
    changed = records.model.history.model.objects.filter(rows, history_date__gte=moment)
    wanted = Q(pk__in=changed.values("id"))
    return records.filter(wanted | always if always is not None else wanted)
