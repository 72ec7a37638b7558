"""Youth groups kept by their users: a coordinator creates and edits a group and adds, re-roles
and ends memberships, each through a service with who and why in the history."""

import pytest
from django.utils import timezone

from cases.groups.services import add_group_member, create_youth_group, update_youth_group
from cases.models import GroupMembership, GroupRole, YouthGroup
from tests.base import involve, page_queries
from tests.factories import CaseFactory, GroupMembershipFactory, YouthFactory, YouthGroupFactory


@pytest.fixture
def sanne(client, coordinator):
    client.force_login(coordinator)
    return client


def test_a_coordinator_creates_a_group_with_a_reason_in_its_history(sanne, coordinator):
    response = sanne.post(
        "/groepen/nieuw/",
        {
            "name": "Groep Pleinweg",
            "meeting_places": "Pleintje bij de snackbar",
            "description": "Jongens van 14–17 die overlast geven.",
            "reason": "Signaal van de wijkagent",
        },
    )
    group = YouthGroup.objects.get(name="Groep Pleinweg")
    assert response.status_code == 302 and response.url == group.get_absolute_url()
    row = group.history.get()
    assert (row.history_user, row.history_change_reason) == (
        coordinator,
        "Signaal van de wijkagent",
    )


def test_a_group_without_a_name_is_refused_in_dutch_and_keeps_the_input(sanne):
    response = sanne.post("/groepen/nieuw/", {"name": "", "meeting_places": "Het veldje"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Dit veld is verplicht."]
    assert 'value="Het veldje"' in response.content.decode()
    assert not YouthGroup.objects.exists()


def test_editing_a_group_without_a_reason_says_what_happened(sanne, coordinator):
    group = YouthGroupFactory(name="Groep Oud")
    response = sanne.post(
        f"/groepen/{group.pk}/bewerken/",
        {"name": "Groep Nieuw", "version": group.version, "description": "", "reason": ""},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Groep Nieuw" and group.version == 2
    assert group.history.first().history_change_reason == "Jeugdgroep gewijzigd"


def test_adding_a_member_needs_a_reason_and_lands_in_the_history(sanne, coordinator, case_a):
    group = YouthGroupFactory()
    url = f"/groepen/{group.pk}/leden/nieuw/"
    data = {"youth": case_a.youth.pk, "role": GroupRole.KOPSTUK, "since_on": "", "reason": ""}
    response = sanne.post(url, data)
    assert response.context["form"].errors["reason"] == ["Dit veld is verplicht."]
    assert not GroupMembership.objects.exists()

    response = sanne.post(url, dict(data, reason="Genoemd in het politiesignaal"))
    assert response.status_code == 302
    membership = GroupMembership.objects.get()
    assert (membership.youth, membership.role) == (case_a.youth, GroupRole.KOPSTUK)
    assert membership.history.get().history_change_reason == "Genoemd in het politiesignaal"

    # A current member is not offered twice, and the service refuses it too.
    form = sanne.get(url).context["form"]
    assert case_a.youth not in form.fields["youth"].queryset
    with pytest.raises(Exception, match="al lid"):
        add_group_member(
            group, case_a.youth, by=coordinator, role=GroupRole.MEELOPER, since_on=None, reason="x"
        )


def test_changing_a_role_and_ending_a_membership_keep_who_and_why(sanne, coordinator):
    membership = GroupMembershipFactory(role=GroupRole.MEELOPER)
    group = membership.youth_group
    base = f"/groepen/{group.pk}/leden/{membership.pk}"
    response = sanne.post(f"{base}/rol/", {"role": GroupRole.KOPSTUK, "reason": "Leidt de groep"})
    assert response.status_code == 302
    response = sanne.post(
        f"{base}/beeindigen/",
        {"until_on": timezone.localdate().isoformat(), "reason": "Verhuisd naar Utrecht"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == GroupRole.KOPSTUK and membership.until_on == timezone.localdate()
    reasons = list(membership.history.values_list("history_change_reason", flat=True))
    assert reasons[:2] == ["Verhuisd naar Utrecht", "Leidt de groep"]
    # An ended membership is not changed again.
    response = sanne.post(f"{base}/rol/", {"role": GroupRole.RANDFIGUUR, "reason": "x"})
    assert response.status_code == 200 and "beëindigd" in response.content.decode()


def test_an_end_date_before_the_start_is_refused_at_the_field(sanne):
    since = timezone.localdate().replace(day=1)
    membership = GroupMembershipFactory(since_on=since)
    response = sanne.post(
        f"/groepen/{membership.youth_group.pk}/leden/{membership.pk}/beeindigen/",
        {"until_on": "2001-01-01", "reason": "Vergissing"},
    )
    assert "until_on" in response.context["form"].errors
    membership.refresh_from_db()
    assert membership.until_on is None


def test_partners_keep_groups_but_cannot_change_them(client, personas, case_a):
    group = YouthGroupFactory()
    GroupMembershipFactory(youth_group=group, youth=case_a.youth)
    client.force_login(personas.petra)
    assert client.get(f"/groepen/{group.pk}/").status_code == 200
    for url in ("/groepen/nieuw/", f"/groepen/{group.pk}/bewerken/"):
        assert client.get(url).status_code == 403
        assert client.post(url, {"name": "Gekaapt"}).status_code == 403
    assert YouthGroup.objects.get().name == group.name


def test_a_partners_group_list_counts_only_the_members_it_may_see(client, personas, case_a):
    seen = YouthGroupFactory(name="Groep Gezien")
    GroupMembershipFactory(youth_group=seen, youth=case_a.youth)
    GroupMembershipFactory(youth_group=seen, youth=CaseFactory().youth)  # not Petra's case
    YouthGroupFactory(name="Groep Onbekend")
    GroupMembershipFactory(youth_group=YouthGroup.objects.get(name="Groep Onbekend"))
    client.force_login(personas.petra)
    groups = list(client.get("/groepen/").context["page"].object_list)
    assert [(g.name, g.member_count) for g in groups] == [("Groep Gezien", 1)]
    client.force_login(personas.coordinator)
    groups = list(client.get("/groepen/").context["page"].object_list)
    assert [(g.name, g.member_count) for g in groups] == [
        ("Groep Gezien", 2),
        ("Groep Onbekend", 1),
    ]


def test_the_group_list_costs_the_same_queries_with_1_and_30_groups(sanne, coordinator):
    GroupMembershipFactory()
    one = page_queries(sanne, "/groepen/")
    for _ in range(29):
        GroupMembershipFactory()
    thirty = page_queries(sanne, "/groepen/")
    assert (one[1], thirty[1]) == (1, 25)
    assert one[0] == thirty[0]


def test_the_group_services_change_only_their_fields(coordinator):
    group = create_youth_group(by=coordinator, name="Groep A")
    with pytest.raises(TypeError):
        update_youth_group(group, by=coordinator, version=9)
    with pytest.raises(TypeError):
        create_youth_group(by=coordinator, name="Groep B", id=999)


def test_a_youth_of_a_case_the_partner_does_not_see_is_not_named_on_the_group_page(
    client, personas, case_a
):
    group = YouthGroupFactory()
    GroupMembershipFactory(youth_group=group, youth=case_a.youth)
    hidden = YouthFactory(first_name="Verborgen", last_name="Jongen")
    GroupMembershipFactory(youth_group=group, youth=hidden)
    involve(CaseFactory(youth=hidden), personas.woningcorporatie, by=personas.coordinator)
    client.force_login(personas.petra)
    page = client.get(f"/groepen/{group.pk}/").content.decode()
    assert str(case_a.youth) in page and "Verborgen" not in page


def test_a_membership_and_its_reason_show_in_the_historie_of_the_youths_case(
    client, personas, case_a
):
    group = YouthGroupFactory(name="Groep Pleinweg")
    add_group_member(
        group,
        case_a.youth,
        by=personas.coordinator,
        role=GroupRole.MEELOPER,
        since_on=None,
        reason="Gezien bij de groep volgens de wijkagent",
    )
    for user in (personas.coordinator, personas.petra):
        client.force_login(user)
        page = client.get(f"/casussen/{case_a.pk}/historie/").content.decode()
        assert "Lid van jeugdgroep Groep Pleinweg" in page
        assert "Reden: Gezien bij de groep volgens de wijkagent" in page


def test_the_role_is_a_choice_not_a_default_and_namesakes_are_told_apart(sanne, coordinator):
    group = YouthGroupFactory()
    born = timezone.localdate().replace(year=timezone.localdate().year - 16)
    twins = [
        YouthFactory(first_name="Kevin", last_name="de Graaf", date_of_birth=born - delta)
        for delta in (timezone.timedelta(days=0), timezone.timedelta(days=400))
    ]
    url = f"/groepen/{group.pk}/leden/nieuw/"
    form = sanne.get(url).context["form"]
    assert form.fields["role"].choices[0] == ("", "Kies…")
    labels = {form.fields["youth"].label_from_instance(y) for y in twins}
    assert len(labels) == 2  # the date of birth is in the label
    response = sanne.post(url, {"youth": twins[0].pk, "reason": "Gezien", "since_on": ""})
    assert response.context["form"].errors["role"] == ["Dit veld is verplicht."]
    assert not GroupMembership.objects.exists()
