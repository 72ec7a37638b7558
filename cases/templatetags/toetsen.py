"""The long-overdue proportionaliteitstoets flag, on every page of a case (base.html shows it
wherever a page is about one case); for who may see toetsen only."""

from django import template

from cases.models import Case
from cases.permissions import may_see_toetsen

register = template.Library()


@register.inclusion_tag("cases/proportionality/_overdue_flag.html", takes_context=True)
def toets_overdue_flag(context, case):
    request = context.get("request")
    shown = (
        isinstance(case, Case)
        and request is not None
        and may_see_toetsen(request.user)
        and case.toets_is_long_overdue
    )
    on_form = request is not None and getattr(request.resolver_match, "url_name", "") == (
        "toets_create"
    )
    return {"case": case, "shown": shown, "link": not on_form}
