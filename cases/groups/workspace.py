"""What the group page shows, computed from what the reader may see (``cases.permissions``)
in a fixed number of queries, whatever the group's size: members and their cases at a
glance, the sociogram and its table, the theme summary, group-level texts and the plan."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.safestring import mark_safe

from cases.groups.sociogram import Edge, Node, sociogram_svg
from cases.models import (
    DIRECTED_KINDS,
    CaseStatus,
    GroupGoal,
    GroupIntervention,
    GroupRole,
    Insight,
    InsightKind,
    Priority,
    RelationKind,
    YouthGroup,
)
from cases.permissions import (
    content_cases,
    insights_in,
    may_see_group_content,
    relations_among,
    visible_agreements,
    visible_contacts,
    visible_group_members,
    visible_group_plan,
)
from cases.plan.views import agreement_rows

# The kinds the theme summary counts per member: what drives them, what stands in their way,
# what they need.
SUMMARY_KINDS = (InsightKind.DRIJFVEER, InsightKind.BARRIERE, InsightKind.BEHOEFTE)


def short_name(first_name: str, last_name: str) -> str:
    return f"{first_name} {last_name[:1]}." if last_name else first_name


def members_at_a_glance(user, group: YouthGroup):
    """The memberships the user may see (current first), each with its youth's latest case
    the user may see: status, priority, coordinator, last contact, open agreements."""
    members = list(
        visible_group_members(user, group)
        .select_related("youth__household")
        .order_by("until_on", "youth__last_name", "youth__first_name")
    )
    last_contact = (
        visible_contacts(user)
        .filter(case=OuterRef("pk"))
        .order_by("-occurred_at")
        .values("occurred_at")[:1]
    )
    open_agreements = (
        visible_agreements(user)
        .open()
        .filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    cases = (
        content_cases(user)
        .filter(youth_id__in=[m.youth_id for m in members])
        .select_related("coordinator")
        .annotate(
            last_contact_at=Subquery(last_contact),
            open_agreement_count=Coalesce(Subquery(open_agreements), 0),
        )
        .order_by("registered_on", "pk")
    )
    cases = list(cases)
    latest = {case.youth_id: case for case in cases}  # the newest registration wins
    roles = dict(GroupRole.choices)
    statuses, priorities = dict(CaseStatus.choices), dict(Priority.choices)
    for membership in members:
        membership.role_label = roles.get(membership.role, membership.role)
        membership.case = latest.get(membership.youth_id)
        if membership.case is not None:
            membership.case.status_label = statuses[membership.case.status]
            membership.case.priority_label = priorities[membership.case.priority]
    current = {m.youth_id for m in members if m.until_on is None}
    # The cases (every one the user may see) of current members: their insights count.
    case_ids = [case.pk for case in cases if case.youth_id in current]
    return members, case_ids


@dataclass
class Sociogram:
    svg: str = ""
    relations: list = field(default_factory=list)


def sociogram(group: YouthGroup, members) -> Sociogram:
    """Current members the user may see, the adults they are related to, and the relations
    between them the user may see; a relation to someone the user may not see is neither
    drawn nor listed."""
    current = [m for m in members if m.until_on is None]
    nodes = {}
    for m in current:
        youth = m.youth
        nodes[f"y{youth.pk}"] = Node(
            key=f"y{youth.pk}",
            label=short_name(youth.first_name, youth.last_name),
            role=m.role,
            cluster=f"h{youth.household_id}" if youth.household_id else None,
            cluster_label=youth.household.name if youth.household_id else "",
        )
    relations = list(
        relations_among(members)
        .select_related("youth", "other_youth", "adult__household", "recorded_by")
        .order_by("youth__last_name", "youth__first_name", "kind", "pk")
    )
    kinds = dict(RelationKind.choices)
    edges, shown = [], []
    for relation in relations:
        relation.kind_label = kinds[relation.kind]
        source = f"y{relation.youth_id}"
        if source not in nodes:
            continue
        if relation.other_youth_id:
            target = f"y{relation.other_youth_id}"
            if target not in nodes:
                continue
        elif relation.adult_id:
            adult = relation.adult
            target = f"m{adult.pk}"
            nodes.setdefault(
                target,
                Node(
                    key=target,
                    label=short_name(adult.first_name, adult.last_name),
                    role="volwassene",
                    cluster=f"h{adult.household_id}",
                    cluster_label=adult.household.name,
                ),
            )
        else:
            target = f"p{relation.other_person.casefold()}"
            nodes.setdefault(
                target,
                Node(key=target, label=relation.other_person, role="volwassene", cluster=None),
            )
        edges.append(
            Edge(
                source=source,
                target=target,
                kind=relation.kind,
                label=relation.kind_label,
                directed=relation.kind in DIRECTED_KINDS,
            )
        )
        shown.append(relation)
    svg = sociogram_svg(list(nodes.values()), edges, title=f"Sociogram van {group.name}")
    return Sociogram(svg=mark_safe(svg), relations=shown)  # built from escaped parts


@dataclass
class ThemeRow:
    theme: str
    youths: dict  # kind → number of members
    key_figures: int = 0
    group: int = 0

    @property
    def total(self):
        return sum(self.youths.values()) + self.key_figures + self.group


def theme_summary(insights, group_themes=None) -> list[ThemeRow]:
    """Per theme: how many members have a drijfveer, barrière or behoefte there, how many
    key figures (the mothers) have an insight there, and how many insights about the group
    itself; from ``insights`` (those the user may see), one query. ``group_themes`` (a dict)
    receives the theme names of each insight about the group, for its list."""
    through = (
        Insight.themes.through.objects.filter(insight__in=insights)
        .order_by("theme__position", "theme__name")
        .values_list(
            "theme_id", "theme__name", "insight__kind", "insight__youth_id",
            "insight__household_member_id", "insight__youth_group_id", "insight_id",
        )
    )  # fmt: skip
    youths = defaultdict(lambda: defaultdict(set))
    key_figures, about_group, names = defaultdict(set), defaultdict(int), {}
    for theme_id, name, kind, youth_id, member_id, group_id, insight_id in through:
        names[theme_id] = name
        if group_id:
            about_group[theme_id] += 1
            if group_themes is not None:
                group_themes.setdefault(insight_id, []).append(name)
        elif member_id:
            key_figures[theme_id].add(member_id)
        elif kind in SUMMARY_KINDS:
            youths[theme_id][kind].add(youth_id)
    rows = []
    for theme_id in set(youths) | set(key_figures) | set(about_group):
        rows.append(
            ThemeRow(
                theme=names[theme_id],
                youths={kind: len(youths[theme_id][kind]) for kind in SUMMARY_KINDS},
                key_figures=len(key_figures[theme_id]),
                group=about_group[theme_id],
            )
        )
    rows.sort(key=lambda row: (-row.total, row.theme))
    return rows


def group_page_context(user, group: YouthGroup) -> dict:
    members, case_ids = members_at_a_glance(user, group)
    content = may_see_group_content(user, group)
    goals, interventions = visible_group_plan(user, group, content=content)
    # What the user may see of the insights: those in the cases of current members it may
    # see, and (for who may read the group's texts) those about the group.
    insights = insights_in(case_ids, group if content else None)
    # A linked insight about a member the reader may not see stays out of the plan.
    linked = Prefetch("insights", queryset=insights.select_related("youth", "household_member"))
    group_themes = {}
    theme_rows = theme_summary(insights, group_themes)
    group_insights = []
    if content:
        group_insights = list(insights.filter(youth_group=group).select_related("recorded_by"))
        for insight in group_insights:
            insight.theme_names = group_themes.get(insight.pk, [])
    goals = list(goals.prefetch_related(linked))
    interventions = list(
        interventions.select_related("responsible_partner", "goal").prefetch_related(linked)
    )
    plan_themes(goals, interventions)
    return {
        "group": group,
        "members": members,
        "current_count": sum(1 for m in members if m.until_on is None),
        "sociogram": sociogram(group, members),
        "theme_rows": theme_rows,
        "summary_kinds": [InsightKind(kind).label for kind in SUMMARY_KINDS],
        "may_see_content": content,
        "phases": list(group.phases.select_related("recorded_by")) if content else [],
        "readings": group.readings.select_related("recorded_by") if content else [],
        "group_insights": group_insights,
        "group_agreements": agreement_rows(
            user,
            visible_agreements(user).filter(youth_group=group).order_by("status", "due_on"),
        )
        if content
        else [],
        "goals": goals,
        "interventions": interventions,
    }


def plan_themes(goals, interventions) -> None:
    """Each goal's and intervention's theme names (``theme_names``), in one query for both."""
    goal_links = GroupGoal.themes.through.objects.filter(groupgoal__in=[g.pk for g in goals])
    intervention_links = GroupIntervention.themes.through.objects.filter(
        groupintervention__in=[i.pk for i in interventions]
    )
    rows = (
        goal_links.annotate(
            owner=Value("goal", output_field=CharField()), owner_id=F("groupgoal_id")
        )
        .values_list("owner", "owner_id", "theme__name", "theme__position")
        .union(
            intervention_links.annotate(
                owner=Value("intervention", output_field=CharField()),
                owner_id=F("groupintervention_id"),
            ).values_list("owner", "owner_id", "theme__name", "theme__position"),
            all=True,
        )
    )
    found = defaultdict(list)
    for owner, owner_id, name, _position in sorted(rows, key=lambda r: (r[3], r[2])):
        found[(owner, owner_id)].append(name)
    for goal in goals:
        goal.theme_names = found[("goal", goal.pk)]
    for intervention in interventions:
        intervention.theme_names = found[("intervention", intervention.pk)]
