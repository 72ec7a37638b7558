"""The breadcrumbs of every page, computed in one place from the route and the objects the
view already put in the context (a case, youth, household, group or meeting), so that no
template builds its own trail and no page below the top level goes without one."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _

register = template.Library()

# The pages the main menu leads to: the top level, without a trail.
TOP_LEVEL = {
    "home",
    "case_list",
    "group_list",
    "meeting_list",
    "agreement_list",
    "case_create",
    "report",
}
# The detail page of each object: there the object is the current page, not a link above it.
DETAIL = {
    "case": "case_detail",
    "youth": "youth_detail",
    "household": "household_detail",
    "group": "group_detail",
    "meeting": "meeting_detail",
}


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str
    current: bool = False


def _root(kind: str, context) -> Crumb:
    if kind == "group":
        return Crumb(_("Jeugdgroepen"), reverse("cases:group_list"))
    if kind == "meeting":
        return Crumb(_("Overleggen"), reverse("cases:meeting_list"))
    label = _("Caseload") if context.get("is_coordinator_nav") else _("Mijn casussen")
    return Crumb(label, reverse("cases:case_list"))


def _object_crumb(kind: str, obj) -> Crumb:
    if kind == "meeting":
        return Crumb(str(obj), reverse("cases:meeting_detail", args=[obj.pk]))
    if kind == "case":
        return Crumb(obj.number, obj.get_absolute_url())
    return Crumb(str(obj), obj.get_absolute_url())


def _kinds(module: str, url_name: str) -> list[str]:
    """Which object the page is about, most likely first: the capability's own, then the
    one the route is named for (a youth's page names the youth even with a case at hand)."""
    first = {"cases.groups": "group", "cases.meetings": "meeting"}.get(module.rsplit(".", 1)[0])
    kinds = sorted(DETAIL, key=lambda k: (k != first, not url_name.startswith(k)))
    return kinds


def trail(context) -> list[Crumb]:
    """Only objects the view put in the context, never one looked up by the URL's id: an
    error page (404, 403) renders with the route it refused and must not name its object."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if match is None or not getattr(user, "is_authenticated", 0):
        return []
    if match.url_name == "job_detail" and context.get("job") is not None:
        return [
            Crumb(_("Downloads"), reverse("job_list")),
            Crumb(str(context.get("title", "")), request.get_full_path(), current=True),
        ]
    if match.namespace != "cases":
        return []
    if match.url_name in TOP_LEVEL:
        return []
    module = getattr(match.func, "__module__", "")
    for kind in _kinds(module, match.url_name):
        obj = context.get(kind)
        if obj is not None and hasattr(obj, "pk"):
            crumb = _object_crumb(kind, obj)
            if match.url_name == DETAIL[kind]:
                return [_root(kind, context), Crumb(crumb.label, crumb.url, current=True)]
            crumbs = [_root(kind, context), crumb]
            break
    else:
        fallback = {"cases.groups": "group", "cases.meetings": "meeting"}
        crumbs = [_root(fallback.get(module.rsplit(".", 1)[0], "case"), context)]
    title = context.get("title")
    if isinstance(title, str | Promise) and str(title):
        crumbs.append(Crumb(str(title), request.get_full_path(), current=True))
    return crumbs


@register.inclusion_tag("includes/_breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    return {"crumbs": trail(context)}
