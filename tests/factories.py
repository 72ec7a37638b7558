"""factory_boy factories for the domain. Records are created directly (fast); tests of
state changes call the services instead."""

from datetime import timedelta

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cases.models import (
    AgendaItem,
    Agreement,
    AssessmentDomain,
    Case,
    CaseStatus,
    Contact,
    ContactKind,
    ContactWith,
    Decision,
    DecisionKind,
    District,
    Goal,
    GoalEvaluation,
    GroupGoal,
    GroupIntervention,
    GroupMembership,
    GroupReading,
    Household,
    HouseholdMember,
    Insight,
    Intervention,
    InterventionType,
    Invitation,
    Involvement,
    LegalBasis,
    Meeting,
    PersonRelation,
    Relation,
    Theme,
    Youth,
    YouthGroup,
)
from cases.validators import bsn_passes_eleven_test
from partners.models import Membership, Partner, PartnerKind
from partners.services import save_partner, set_membership


def valid_bsn(n: int) -> str:
    candidate = 100000000 + n * 101
    while not bsn_passes_eleven_test(str(candidate)):
        candidate += 1
    return str(candidate)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CoordinatorFactory(UserFactory):
    @factory.post_generation
    def coordinators_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=settings.COORDINATORS_GROUP))


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partnerorganisatie {n}")
    kind = PartnerKind.OVERIG

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # The partner's permission group is made by the service, as in production.
        return save_partner(model_class(*args, **kwargs), by=None, reason="Testpartner")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)

    @classmethod
    def _create(cls, model_class, user, partner, **fields):
        # Through the service, which also puts the user in the partner's group.
        return set_membership(user, partner, by=None, reason="Testmedewerker", **fields)


def district(name="Charlois"):
    return District.objects.get(name=name)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    name = factory.Sequence(lambda n: f"Huishouden Test {n}")
    city = "Rotterdam"
    district = factory.LazyFunction(district)


class HouseholdMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    household = factory.SubFactory(HouseholdFactory)
    first_name = "Fatima"
    last_name = "Test"
    relation = Relation.MOEDER
    is_key_figure = True


class YouthFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Youth

    first_name = factory.Sequence(lambda n: f"Jongere{n}")
    last_name = "Testpersoon"
    date_of_birth = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=16 * 365))
    bsn = factory.Sequence(valid_bsn)
    district = factory.LazyFunction(district)
    household = factory.SubFactory(HouseholdFactory)


class YouthGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YouthGroup

    name = factory.Sequence(lambda n: f"Jeugdgroep {n}")
    district = factory.LazyFunction(district)


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    youth_group = factory.SubFactory(YouthGroupFactory)
    youth = factory.SubFactory(YouthFactory)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Thema {n}")


class PersonRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonRelation

    youth = factory.SubFactory(YouthFactory)
    other_youth = factory.SubFactory(YouthFactory)
    kind = "vriend"


class InsightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Insight

    kind = "drijfveer"
    statement = "Wil erbij horen"
    source = "gesprek"
    noted_on = factory.LazyFunction(timezone.localdate)
    case = factory.SubFactory("tests.factories.CaseFactory")
    youth = factory.LazyAttribute(lambda insight: insight.case.youth if insight.case else None)


class GroupReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupReading

    youth_group = factory.SubFactory(YouthGroupFactory)
    written_on = factory.LazyFunction(timezone.localdate)
    text = "Groep van zes jongens rond het plein"


class GroupGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupGoal

    youth_group = factory.SubFactory(YouthGroupFactory)
    target = "Minder overlast op het plein"


class GroupInterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupIntervention

    youth_group = factory.SubFactory(YouthGroupFactory)
    kind = "jongerenwerk"
    description = "Voetbal op woensdag"
    responsible_partner = factory.SubFactory(PartnerFactory)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    number = factory.Sequence(lambda n: f"PGA-2000-{n:04d}")
    # Sixteen at registration, whenever that was (cases/models/dates.py: a plausible age).
    youth = factory.SubFactory(
        YouthFactory,
        date_of_birth=factory.LazyAttribute(
            lambda youth: youth.factory_parent.registered_on - timedelta(days=16 * 365)
        ),
    )
    coordinator = factory.SubFactory(CoordinatorFactory)
    status = CaseStatus.ACTIEF
    priority_rationale = "Testcasus"
    referral_reason = "Testaanmelding"
    registered_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60))
    started_on = factory.LazyAttribute(lambda case: case.registered_on + timedelta(days=7))
    # A case that was ever actief had its youth informed (the duty to inform): tests of a
    # case not informed yet say so.
    informed_on = factory.LazyAttribute(
        lambda case: (
            case.registered_on
            if case.status in (CaseStatus.ACTIEF, CaseStatus.NAZORG, CaseStatus.AFGESLOTEN)
            else None
        )
    )


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    case = factory.SubFactory(CaseFactory)
    partner = factory.SubFactory(PartnerFactory)
    legal_basis = LegalBasis.CONVENANT
    started_on = factory.LazyAttribute(lambda inv: inv.case.registered_on)
    # Open for months from today, whenever the case started: tests of expiry set their own.
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=180))
    information_level = "wat"
    level_reason = "Convenant: de partner werkt mee aan het plan"


def intervention_type(name="Halt-traject"):
    return InterventionType.objects.get(name=name)


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    case = factory.SubFactory(CaseFactory)
    intervention_type = factory.LazyFunction(intervention_type)
    responsible_partner = factory.SubFactory(PartnerFactory)
    goal = "Testdoel"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    case = factory.SubFactory(CaseFactory)
    partner = factory.SubFactory(PartnerFactory)
    author = factory.SubFactory(UserFactory)
    occurred_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    kind = ContactKind.GESPREK
    with_whom = ContactWith.JONGERE
    summary = "Testgesprek"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    location = "Stadhuis, zaal 3"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    case = factory.SubFactory(CaseFactory)
    question = "Wie pakt het schoolverzuim op?"


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    item = factory.SubFactory(AgendaItemFactory)
    partner = factory.SubFactory(PartnerFactory)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    case = factory.SubFactory(CaseFactory)
    domain = factory.LazyFunction(lambda: AssessmentDomain.objects.order_by("position").first())
    target = "Gaat elke dag naar school"


class GoalEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalEvaluation

    goal = factory.SubFactory(GoalFactory)
    outcome = "deels"
    note = "Gaat beter"
    evaluated_on = factory.LazyFunction(timezone.localdate)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    case = factory.SubFactory(CaseFactory)
    partner = factory.SubFactory(PartnerFactory)
    description = "Gesprek met school plannen"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    item = factory.SubFactory(AgendaItemFactory)
    kind = DecisionKind.OPSCHALEN
    reason = "Meerdere domeinen, veiligheid in het geding"


def assessment_domains():
    return list(AssessmentDomain.objects.order_by("position"))
