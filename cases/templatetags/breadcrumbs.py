"""The breadcrumbs of every page, computed in one place from the route and the objects the
view already put in the context (a case, youth, household, group or meeting), so that no
template builds its own trail and no page below the top level goes without one."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()

# The pages the main menu leads to: the top level, without a trail.
TOP_LEVEL = {"home", "case_list", "group_list", "meeting_list", "agreement_list", "case_create"}
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


def _root(module: str, context) -> Crumb:
    if module.startswith("cases.groups"):
        return Crumb(_("Jeugdgroepen"), reverse("cases:group_list"))
    if module.startswith("cases.meetings"):
        return Crumb(_("Overleggen"), reverse("cases:meeting_list"))
    label = _("Caseload") if context.get("is_coordinator_nav") else _("Mijn casussen")
    return Crumb(label, reverse("cases:case_list"))


def _object_crumb(kind: str, obj) -> Crumb:
    if kind == "meeting":
        return Crumb(str(obj), reverse("cases:meeting_detail", args=[obj.pk]))
    if kind == "case":
        return Crumb(obj.number, obj.get_absolute_url())
    return Crumb(str(obj), obj.get_absolute_url())


def trail(context) -> list[Crumb]:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if match is None or match.namespace != "cases" or not getattr(user, "is_authenticated", 0):
        return []
    if match.url_name in TOP_LEVEL:
        return []
    module = getattr(match.func, "__module__", "")
    crumbs = [_root(module, context)]
    kinds = ("meeting",) if module.startswith("cases.meetings") else ("group",)
    if not module.startswith(("cases.groups", "cases.meetings")):
        # A youth's or household's own pages name it first, even when a case is at hand.
        kinds = sorted(
            ("case", "youth", "household"), key=lambda k: not match.url_name.startswith(k)
        )
    for kind in kinds:
        obj = context.get(kind)
        if obj is None or not hasattr(obj, "pk"):
            continue
        crumb = _object_crumb(kind, obj)
        if match.url_name == DETAIL[kind]:
            return [*crumbs, Crumb(crumb.label, crumb.url, current=True)]
        crumbs.append(crumb)
        break
    title = context.get("title")
    if isinstance(title, str) and title:
        crumbs.append(Crumb(title, request.get_full_path(), current=True))
    return crumbs


@register.inclusion_tag("includes/_breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    return {"crumbs": trail(context)}
