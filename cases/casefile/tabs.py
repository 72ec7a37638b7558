"""What the case page shows, per tab. Everything comes through ``cases.permissions``, so a
partner's page holds only what that partner may see."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.casefile.history import history_tab
from cases.casefile.zrm import zrm_chart
from cases.contacts.forms import ContactFilterForm, ContactForm
from cases.handover.queries import overview_context as handover_context
from cases.models import (
    TRANSITIONS,
    AssessmentScore,
    Contact,
    GoalEvaluation,
    InsightKind,
    Theme,
)
from cases.months import Month
from cases.permissions import (
    can_change_contact,
    can_change_intervention,
    can_update_agreement,
    may_read_case_content,
    may_see_assessments,
    own_involvement,
    visible_agreements,
    visible_assessments,
    visible_cases,
    visible_contacts,
    visible_goals,
    visible_group_members,
    visible_group_memberships,
    visible_insights,
    visible_interventions,
    visible_involvements,
    visible_meetings,
    visible_monthly_overviews,
    visible_youths,
)
from cases.proportionality.queries import overview_context
from partners.models import Partner
from partners.permissions import can_see_bsn, is_coordinator, partner_of

TABS = [
    ("overzicht", "Overzicht"),
    ("huishouden", "Huishouden"),
    ("jeugdgroep", "Jeugdgroep"),
    ("partners", "Partners"),
    ("interventies", "Interventies"),
    ("afspraken", "Afspraken"),
    ("contacten", "Contacten"),
    ("zrm", "ZRM"),
    ("historie", "Historie"),
]


# Tabs of what others wrote about the youth's world: not shown at the 'dat' level.
CONTENT_TABS = frozenset({"huishouden", "jeugdgroep"})

# A partner's work on a case is its agreements and contacts: those tabs come first, so that
# on a phone they are in the row's first screen width (issue 19).
PARTNER_ORDER = ["overzicht", "afspraken", "contacten", "interventies", "partners"]

# How many of the newest contacts the partner's overview shows; the rest is one tap away.
RECENT_CONTACTS = 3


def tabs_for(user, content: bool = True):
    """The tabs ``user`` sees: ZRM only for who may see assessments; the household and the
    group only for who may read the case's content. (Who looked at a file is in the access
    log, which only toezicht reads, at /toezicht/inzagelog/.)"""
    tabs = [
        t
        for t in TABS
        if (t[0] != "zrm" or may_see_assessments(user)) and (content or t[0] not in CONTENT_TABS)
    ]
    if is_coordinator(user):
        return tabs
    first = [t for key in PARTNER_ORDER for t in tabs if t[0] == key]
    return first + [t for t in tabs if t[0] not in PARTNER_ORDER]


def may_log_contact(user, case) -> bool:
    return not case.is_closed and (
        visible_cases(user, "cases.log_contact").filter(pk=case.pk).exists()
    )


def tab_url(case, key):
    if key == "historie":
        return reverse("cases:case_history", args=[case.pk])
    return f"{case.get_absolute_url()}?tab={key}"


def case_page_context(user, case, tab: str, params=None) -> dict:
    content = may_read_case_content(user, case)
    tabs = tabs_for(user, content)
    tab = tab if tab in dict(tabs) else "overzicht"
    coordinator = is_coordinator(user)
    context = {
        "shows_content": content,
        "own_involvement": own_involvement(user, case),
        "case": case,
        "youth": case.youth,
        "tab": tab,
        "tabs": [(key, label, tab_url(case, key)) for key, label in tabs],
        "tab_label": dict(tabs)[tab],
        "is_coordinator": coordinator,
        "show_bsn": can_see_bsn(user),
        "can_change_status": coordinator and bool(TRANSITIONS[case.status]),
        # A partner logs contacts from every tab; the coordinator's page keeps its actions.
        "contact_button": not coordinator and may_log_contact(user, case),
    }
    context.update(TAB_BUILDERS[tab](user, case, params or {}))
    return context


def plan_goals(user, case):
    """The plan's goals with their evaluations (newest first) and what serves each: the
    interventions and agreements the user may see."""
    return list(
        visible_goals(user, case)
        .select_related("domain")
        .prefetch_related(
            Prefetch(
                "evaluations", queryset=GoalEvaluation.objects.order_by("-evaluated_on", "-pk")
            ),
            Prefetch(
                "interventions",
                queryset=visible_interventions(user, case).select_related("intervention_type"),
            ),
            Prefetch(
                "agreements",
                queryset=visible_agreements(user, case)
                .select_related("partner")
                .order_by("due_on"),
            ),
        )
    )


def leefwereld(user, case):
    """The case's insights (about the youth and the key figures of the youth's household)
    that the user may see, grouped by kind in a fixed order, newest first."""
    insights = (
        visible_insights(user)
        .filter(case=case)
        .select_related("household_member", "recorded_by")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "name")))
        .order_by("-noted_on", "-pk")
    )
    by_kind = {kind: [] for kind in InsightKind.values}
    for insight in insights:
        by_kind[insight.kind].append(insight)
    return [(InsightKind(kind).label, items) for kind, items in by_kind.items() if items]


def partner_summary(user, case) -> dict:
    """What a partner opens a case for: the open agreements its own organisation carries
    out, and the newest contacts it may see (at 'dat' only its own: ``visible_contacts``)."""
    partner = partner_of(user)
    if partner is None or is_coordinator(user):
        return {}
    today = timezone.localdate()
    agreements = list(
        visible_agreements(user, case)
        .open()
        .filter(partner=partner)
        .select_related("partner", "assignee", "goal__domain")
        .order_by("due_on", "pk")
    )
    for agreement in agreements:
        agreement.overdue = agreement.is_overdue(today)
        agreement.can_finish = can_update_agreement(user, agreement)
    recent = visible_contacts(user, case).select_related("partner", "author")
    return {
        "own_partner": partner,
        "own_agreements": agreements,
        "recent_contacts": list(recent.order_by("-occurred_at", "-pk")[:RECENT_CONTACTS]),
    }


def _overview(user, case, params):
    summary = partner_summary(user, case)
    if not may_read_case_content(user, case):
        return summary  # the template shows the 'dat' facts only
    previous = Month.previous()
    return {
        **summary,
        "leefwereld": leefwereld(user, case),
        "goals": plan_goals(user, case),
        "can_edit_plan": is_coordinator(user) and not case.is_closed,
        "pdf_months": [
            m
            for m in (Month.parse(f"{timezone.localdate():%Y-%m}"), previous)
            if m.last >= case.registered_on
        ],
        "archived": archived_by_month(visible_monthly_overviews(user, case)),
        **overview_context(user, case),  # the proportionaliteitstoets, for coordinators
        **handover_context(user, case),  # earlier opschalingen, for coordinators
    }


def archived_by_month(overviews) -> list[tuple]:
    """[(newest, [earlier versions])] per month, newest month first."""
    months = {}
    for overview in overviews.newest_first():
        months.setdefault(overview.month, []).append(overview)
    return [(versions[0], versions[1:]) for versions in months.values()]


def _household(user, case, params):
    household = case.youth.household
    if household is None:
        return {"household": None}
    return {
        "household": household,
        "members": list(household.members.all()),
        "siblings": list(
            visible_youths(user).filter(household=household).exclude(pk=case.youth_id)
        ),
    }


def _groups(user, case, params):
    memberships = (
        visible_group_memberships(user)
        .filter(youth=case.youth)
        .select_related("youth_group__district")
    )
    return {
        "groups": [
            {
                "membership": membership,
                "group": membership.youth_group,
                "members": list(visible_group_members(user, membership.youth_group)),
            }
            for membership in memberships
        ]
    }


def _partners(user, case, params):
    involvements = (
        visible_involvements(user, case)
        .select_related("partner", "contact_person")
        .order_by("ended_on", "partner__name")
    )
    return {"involvements": list(involvements)}


def _interventions(user, case, params):
    interventions = list(
        visible_interventions(user, case)
        .select_related("intervention_type", "responsible_partner")
        .order_by("status", "-started_on")
    )
    for intervention in interventions:
        intervention.can_edit = can_change_intervention(user, intervention)
    return {"interventions": interventions}


def _agreements(user, case, params):
    """Open agreements first (nearest deadline first), then the finished ones."""
    today = timezone.localdate()
    agreements = sorted(
        visible_agreements(user, case).select_related(
            "partner", "assignee", "goal__domain", "agenda_item__meeting"
        ),
        key=lambda a: (not a.is_open, a.due_on, a.pk),
    )
    meetings = set(
        visible_meetings(user)
        .filter(pk__in={a.agenda_item.meeting_id for a in agreements if a.agenda_item_id})
        .values_list("pk", flat=True)
    )
    for agreement in agreements:
        agreement.overdue = agreement.is_overdue(today)
        agreement.can_finish = agreement.is_open and can_update_agreement(user, agreement)
        agreement.can_edit = is_coordinator(user) and agreement.is_open
        # Which meeting made it is named only to who may see that meeting (need-to-know).
        if agreement.agenda_item_id and agreement.agenda_item.meeting_id in meetings:
            agreement.meeting_label = _("afgesproken in het overleg van %s") % (
                timezone.localtime(agreement.agenda_item.meeting.starts_at).strftime("%d-%m-%Y")
            )
    return {
        "agreements": agreements,
        "open_count": sum(1 for a in agreements if a.is_open),
        "overdue_count": sum(1 for a in agreements if a.overdue),
    }


def _contacts(user, case, params):
    """The contacts the user may see, filtered on organisation, kind and month, 25 a page;
    with the form to log a new one for those who may."""
    contacts = visible_contacts(user, case).select_related("partner", "author")
    involved = (
        Partner.objects.filter(involvements__in=visible_involvements(user, case))
        .distinct()
        .order_by("name")
    )
    given = any(params.get(name) for name in ContactFilterForm.base_fields)
    months = [
        Month(moment.year, moment.month)
        for moment in visible_contacts(user, case).datetimes("occurred_at", "month", "DESC")
    ]
    filters = ContactFilterForm(params if given else None, partners=involved, months=months)
    if filters.is_valid():
        data = filters.cleaned_data
        if data["partner"]:
            contacts = contacts.filter(partner=data["partner"])
        if data["kind"]:
            contacts = contacts.filter(kind=data["kind"])
        if month := data["month"]:
            contacts = contacts.filter(occurred_at__gte=month.start, occurred_at__lt=month.end)
    page = Paginator(contacts.order_by("-occurred_at", "-pk"), 25).get_page(params.get("pagina"))
    for contact in page.object_list:
        contact.can_change = can_change_contact(user, contact)
    return {
        "contacts": page.object_list,
        "page": page,
        "contact_filters": filters,
        "contact_form": ContactForm(instance=Contact(case=case))
        if may_log_contact(user, case)
        else None,
        "clear_draft": bool(params.get("opgeslagen")),
    }


def _assessments(user, case, params):
    assessments = list(
        visible_assessments(user, case)
        .select_related("assessed_by")
        .prefetch_related(
            Prefetch("scores", queryset=AssessmentScore.objects.select_related("domain"))
        )
        .order_by("assessed_on")
    )
    return {"assessments": assessments, "zrm_chart": zrm_chart(assessments)}


def _history(user, case, params):
    return history_tab(user, case, params)


TAB_BUILDERS = {
    "overzicht": _overview,
    "huishouden": _household,
    "jeugdgroep": _groups,
    "partners": _partners,
    "interventies": _interventions,
    "afspraken": _agreements,
    "contacten": _contacts,
    "zrm": _assessments,
    "historie": _history,
}
