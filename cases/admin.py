from django.contrib import admin

from cases.models import (
    AgendaItem,
    Agreement,
    Assessment,
    AssessmentDomain,
    AssessmentScore,
    Case,
    CaseGroupObjectPermission,
    CaseNumberCounter,
    CaseUserObjectPermission,
    Contact,
    Decision,
    District,
    Goal,
    GoalEvaluation,
    GroupGoal,
    GroupIntervention,
    GroupMembership,
    GroupPhaseStep,
    GroupReading,
    Handover,
    Household,
    HouseholdMember,
    Insight,
    Intervention,
    InterventionType,
    Invitation,
    Involvement,
    InvolvementDecision,
    Meeting,
    MonthlyOverview,
    PersonRelation,
    ProportionalityReview,
    PurgedCase,
    Theme,
    Youth,
    YouthGroup,
)
from pga.admin import CaseDataAdmin, ReferenceDataAdmin

# Reference data: maintained by functioneel beheer.


@admin.register(District)
class DistrictAdmin(ReferenceDataAdmin):
    list_display = ["name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


@admin.register(InterventionType)
class InterventionTypeAdmin(ReferenceDataAdmin):
    list_display = ["name", "track", "is_active"]
    list_filter = ["track", "is_active"]
    search_fields = ["name"]


@admin.register(AssessmentDomain)
class AssessmentDomainAdmin(ReferenceDataAdmin):
    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


@admin.register(Theme)
class ThemeAdmin(ReferenceDataAdmin):
    """The themes of the leefwereld; retiring one keeps it on the insights that have it."""

    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


@admin.register(CaseNumberCounter)
class CaseNumberCounterAdmin(CaseDataAdmin):
    """Technical: which numbers were handed out. Read-only, like case data."""

    list_display = ["year", "last"]


# Case data: read-only, with its history, for those who hold the view permission.


class HouseholdMemberInline(admin.TabularInline):
    model = HouseholdMember
    extra = 0
    fields = ["first_name", "last_name", "relation", "is_key_figure", "phone"]


@admin.register(Household)
class HouseholdAdmin(CaseDataAdmin):
    list_display = ["name", "district", "city"]
    list_filter = ["district"]
    search_fields = ["name", "street", "postcode"]
    inlines = [HouseholdMemberInline]


@admin.register(HouseholdMember)
class HouseholdMemberAdmin(CaseDataAdmin):
    list_display = ["__str__", "household", "relation", "is_key_figure"]
    list_filter = ["relation", "is_key_figure"]
    search_fields = ["first_name", "last_name", "household__name"]
    list_select_related = ["household"]


@admin.register(Youth)
class YouthAdmin(CaseDataAdmin):
    list_display = ["full_name", "date_of_birth", "district", "household"]
    list_filter = ["district"]
    search_fields = ["first_name", "last_name"]
    list_select_related = ["district", "household"]


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    fields = ["youth", "role", "since_on", "until_on"]


@admin.register(YouthGroup)
class YouthGroupAdmin(CaseDataAdmin):
    list_display = ["name", "district"]
    list_filter = ["district"]
    search_fields = ["name"]
    inlines = [GroupMembershipInline]


@admin.register(PersonRelation)
class PersonRelationAdmin(CaseDataAdmin):
    list_display = ["youth", "kind", "other_youth", "adult", "other_person", "since_on"]
    list_filter = ["kind"]
    list_select_related = ["youth", "other_youth", "adult"]


@admin.register(Insight)
class InsightAdmin(CaseDataAdmin):
    list_display = ["kind", "youth", "household_member", "youth_group", "source", "noted_on"]
    list_filter = ["kind", "source", "themes"]
    date_hierarchy = "noted_on"
    list_select_related = ["youth", "household_member", "youth_group"]


@admin.register(GroupPhaseStep)
class GroupPhaseStepAdmin(CaseDataAdmin):
    list_display = ["youth_group", "phase", "entered_on"]
    list_filter = ["phase"]
    list_select_related = ["youth_group"]


@admin.register(GroupReading)
class GroupReadingAdmin(CaseDataAdmin):
    list_display = ["youth_group", "written_on"]
    list_select_related = ["youth_group"]


@admin.register(GroupGoal)
class GroupGoalAdmin(CaseDataAdmin):
    list_display = ["youth_group", "target", "outcome"]
    list_select_related = ["youth_group"]


@admin.register(GroupIntervention)
class GroupInterventionAdmin(CaseDataAdmin):
    list_display = ["youth_group", "kind", "responsible_partner", "status", "started_on"]
    list_filter = ["kind", "status"]
    list_select_related = ["youth_group", "responsible_partner"]


@admin.register(GroupMembership)
class GroupMembershipAdmin(CaseDataAdmin):
    list_display = ["youth", "youth_group", "role", "since_on", "until_on"]
    list_filter = ["role", "youth_group"]
    list_select_related = ["youth", "youth_group"]


class InvolvementInline(admin.TabularInline):
    model = Involvement
    extra = 0
    fields = ["partner", "role", "legal_basis", "started_on", "ended_on"]


@admin.register(Case)
class CaseAdmin(CaseDataAdmin):
    list_display = ["number", "youth", "status", "priority", "coordinator", "registered_on"]
    list_filter = ["status", "priority", "coordinator", "youth__district"]
    search_fields = ["number", "youth__first_name", "youth__last_name"]
    date_hierarchy = "registered_on"
    list_select_related = ["youth", "coordinator"]
    inlines = [InvolvementInline]


@admin.register(Involvement)
class InvolvementAdmin(CaseDataAdmin):
    list_display = [
        "case",
        "partner",
        "role",
        "information_level",
        "started_on",
        "expires_on",
        "ended_on",
    ]
    list_filter = ["role", "legal_basis", "information_level", "ended_by_expiry", "partner"]
    search_fields = ["case__number", "partner__name"]
    list_select_related = ["case__youth", "partner"]


class InvolvementDecisionInline(admin.TabularInline):
    model = InvolvementDecision
    extra = 0
    fields = ["involvement", "choice", "reason"]


@admin.register(ProportionalityReview)
class ProportionalityReviewAdmin(CaseDataAdmin):
    list_display = ["case", "reviewed_on", "reviewed_by", "scale_down_possible", "next_due_on"]
    list_filter = ["meets_criteria", "adds_value", "scale_down_possible"]
    search_fields = ["case__number"]
    list_select_related = ["case__youth", "reviewed_by"]
    inlines = [InvolvementDecisionInline]


@admin.register(InvolvementDecision)
class InvolvementDecisionAdmin(CaseDataAdmin):
    list_display = ["review", "involvement", "choice"]
    list_filter = ["choice"]
    list_select_related = ["review__case", "involvement__partner"]


@admin.register(Intervention)
class InterventionAdmin(CaseDataAdmin):
    list_display = ["intervention_type", "case", "responsible_partner", "status", "started_on"]
    list_filter = ["status", "intervention_type__track", "responsible_partner"]
    search_fields = ["case__number", "intervention_type__name"]
    list_select_related = ["intervention_type", "case", "responsible_partner"]


@admin.register(Contact)
class ContactAdmin(CaseDataAdmin):
    list_display = ["occurred_at", "case", "partner", "kind", "visibility"]
    list_filter = ["kind", "visibility", "partner"]
    search_fields = ["case__number"]
    date_hierarchy = "occurred_at"
    list_select_related = ["case", "partner"]


@admin.register(Meeting)
class MeetingAdmin(CaseDataAdmin):
    list_display = ["starts_at", "kind", "location", "chair", "finalised_at"]
    list_filter = ["kind"]
    date_hierarchy = "starts_at"
    list_select_related = ["chair"]


@admin.register(AgendaItem)
class AgendaItemAdmin(CaseDataAdmin):
    list_display = ["meeting", "case", "position"]
    search_fields = ["case__number"]
    list_select_related = ["meeting", "case__youth"]


@admin.register(Invitation)
class InvitationAdmin(CaseDataAdmin):
    list_display = ["item", "partner"]
    list_filter = ["partner"]
    list_select_related = ["item__meeting", "item__case__youth", "partner"]


@admin.register(Decision)
class DecisionAdmin(CaseDataAdmin):
    list_display = ["item", "kind"]
    list_filter = ["kind"]
    list_select_related = ["item__meeting", "item__case__youth"]


@admin.register(Goal)
class GoalAdmin(CaseDataAdmin):
    list_display = ["case", "domain"]
    list_filter = ["domain"]
    search_fields = ["case__number"]
    list_select_related = ["case__youth", "domain"]


@admin.register(GoalEvaluation)
class GoalEvaluationAdmin(CaseDataAdmin):
    list_display = ["goal", "outcome", "evaluated_on"]
    list_filter = ["outcome"]
    list_select_related = ["goal__domain", "goal__case"]


@admin.register(Agreement)
class AgreementAdmin(CaseDataAdmin):
    list_display = ["case", "partner", "due_on", "status"]
    list_filter = ["status", "partner"]
    search_fields = ["case__number"]
    date_hierarchy = "due_on"
    list_select_related = ["case__youth", "partner"]


class AssessmentScoreInline(admin.TabularInline):
    model = AssessmentScore
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(CaseDataAdmin):
    list_display = ["case", "assessed_on", "assessed_by"]
    search_fields = ["case__number"]
    list_select_related = ["case", "assessed_by"]
    inlines = [AssessmentScoreInline]


@admin.register(AssessmentScore)
class AssessmentScoreAdmin(CaseDataAdmin):
    list_display = ["assessment", "domain", "score"]
    list_filter = ["domain"]
    list_select_related = ["assessment__case", "domain"]


@admin.register(CaseGroupObjectPermission)
class CaseGroupObjectPermissionAdmin(CaseDataAdmin):
    list_display = ["content_object", "group", "permission"]
    list_filter = ["group", "permission"]
    search_fields = ["content_object__number", "group__name"]
    list_select_related = ["content_object__youth", "group", "permission"]


@admin.register(CaseUserObjectPermission)
class CaseUserObjectPermissionAdmin(CaseDataAdmin):
    list_display = ["content_object", "user", "permission"]
    list_select_related = ["content_object__youth", "user", "permission"]


@admin.register(Handover)
class HandoverAdmin(CaseDataAdmin):
    list_display = ["case", "recipient", "legal_ground", "created_at", "created_by"]
    list_filter = ["legal_ground", "includes_bsn"]
    search_fields = ["case__number", "recipient", "pdf_sha256", "json_sha256"]
    list_select_related = ["case", "created_by"]


@admin.register(MonthlyOverview)
class MonthlyOverviewAdmin(CaseDataAdmin):
    list_display = [
        "month",
        "kind",
        "case",
        "coordinator",
        "sha256",
        "generated_at",
        "generated_by",
    ]
    list_filter = ["kind", "month"]
    search_fields = ["case__number", "sha256"]
    list_select_related = ["case", "coordinator", "generated_by"]


@admin.register(PurgedCase)
class PurgedCaseAdmin(CaseDataAdmin):
    list_display = [
        "closed_month",
        "status",
        "closure_reason",
        "contacts",
        "interventions",
        "purged_at",
    ]
    list_filter = ["status", "closure_reason"]
    date_hierarchy = "purged_at"
