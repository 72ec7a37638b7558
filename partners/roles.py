"""The fixed role groups and their model-level permissions.

Only the coordinators' group holds model-level permissions on case data: guardian's
``get_objects_for_user`` counts those as "may see every case", so nobody else may have them.
Functioneel beheer maintains partners, accounts and reference lists, proposes and approves
rights changes, and sees no case data and no access log. Toezicht reads the access log and
nothing else. Management reads the aggregated figures of /sturing/ and nothing else: its
group holds no model permission at all (the figures are asked of ``cases.permissions``). Membership of these groups changes only through the rights services
(``partners.services``), two people for every grant.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission

CASE_DATA_MODELS = [
    "case",
    "youth",
    "household",
    "householdmember",
    "youthgroup",
    "groupmembership",
    "involvement",
    "intervention",
    "contact",
    "assessment",
    "assessmentscore",
]
REFERENCE_MODELS = {
    "cases": ["district", "interventiontype", "assessmentdomain"],
    "partners": ["partner", "membership", "rightschange", "apitoken"],
    "auth": ["user"],
}


def _perms(app_label, models, actions):
    codenames = [f"{action}_{model}" for model in models for action in actions]
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def ensure_role_groups(**kwargs):
    """Create the role groups and set their permissions exactly (idempotent)."""
    if not Permission.objects.filter(content_type__app_label="cases").exists():
        return  # called before the cases app has its permissions (partial migrate)
    coordinators, _ = Group.objects.get_or_create(name=settings.COORDINATORS_GROUP)
    coordinators.permissions.set(
        list(_perms("cases", CASE_DATA_MODELS, ["view", "add", "change"]))
        + list(Permission.objects.filter(content_type__app_label="cases", codename="log_contact"))
        + list(_perms("cases", ["district", "interventiontype", "assessmentdomain"], ["view"]))
        + list(_perms("partners", ["partner", "membership"], ["view"]))
    )
    administrators, _ = Group.objects.get_or_create(name=settings.ADMINISTRATORS_GROUP)
    beheer_perms = []
    for app_label, models in REFERENCE_MODELS.items():
        beheer_perms += list(_perms(app_label, models, ["view", "add", "change"]))
    # Lifting a lock-out after too many failed logins is beheer's work too.
    beheer_perms += list(_perms("axes", ["accessattempt"], ["view", "delete"]))
    # Background tasks that kept failing (marked handled there) and the e-mails sent.
    beheer_perms += list(_perms("pga", ["failedtask", "emaildelivery"], ["view"]))
    administrators.permissions.set(beheer_perms)
    supervisors, _ = Group.objects.get_or_create(name=settings.SUPERVISORS_GROUP)
    supervisors.permissions.set(list(_perms("pga", ["accesslog"], ["view"])))
    management, _ = Group.objects.get_or_create(name=settings.MANAGEMENT_GROUP)
    management.permissions.set([])


def role_group(right) -> str:
    """The group of a role right (partners.models.Right)."""
    from partners.models import Right

    return {
        Right.COORDINATOR: settings.COORDINATORS_GROUP,
        Right.BEHEER: settings.ADMINISTRATORS_GROUP,
        Right.TOEZICHT: settings.SUPERVISORS_GROUP,
        Right.MANAGEMENT: settings.MANAGEMENT_GROUP,
    }[right]


def role_and_organisation(user) -> str:
    """How a staff member is named to a data subject (AVG art. 15(1)(c): the recipients):
    by role and organisation, not by name, and not by job title either (a title such as
    'wijkagent Tarwewijk' often names one person)."""
    if user is None:
        return "Systeem (automatische taak)"
    membership = getattr(user, "membership", None)
    # Staff without a partner organisation work for the organisation that runs the PGA.
    organisation = membership.partner.name if membership else settings.PGA_ORGANISATION
    groups = set(user.groups.values_list("name", flat=True))
    if settings.COORDINATORS_GROUP in groups:
        role = "procescoördinator"
    elif membership is not None:
        role = membership.get_role_display().lower()
    elif settings.ADMINISTRATORS_GROUP in groups:
        role = "functioneel beheer"
    elif settings.MANAGEMENT_GROUP in groups:
        role = "management"
    else:
        role = "medewerker"
    return f"{role[:1].upper()}{role[1:]}, {organisation}"
