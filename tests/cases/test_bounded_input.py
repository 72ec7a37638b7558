"""Input is bounded: every free text has a maximum in the form and in the database, a long
text is shown collapsed, and a month full of the longest contacts still makes a PDF of a
bounded size (its time is measured by `make bench`)."""

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from cases.models import Contact
from cases.models.limits import TEXT_LIMITS
from cases.months import Month
from cases.overviews.pdf import PDF_CONTACTS, render_case_overview_html
from pga.templatetags.pga_forms import long_text
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def text_fields():
    for model in apps.get_app_config("cases").get_models():
        if model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.TextField):
                yield model, field


def test_every_free_text_has_a_maximum_in_the_form_and_in_the_database():
    checked = 0
    for model, field in text_fields():
        assert field.max_length, f"{model.__name__}.{field.name} has no maximum"
        assert TEXT_LIMITS[model._meta.model_name][field.name] == field.max_length
        names = {c.name for c in model._meta.constraints}
        assert any(
            name.endswith(f"_{field.name}_at_most_{field.max_length}_characters") for name in names
        ), f"{model.__name__}.{field.name}: no database constraint"
        checked += 1
    assert checked >= 18


def test_the_database_refuses_a_summary_over_the_limit(case_a):
    contact = ContactFactory(case=case_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.filter(pk=contact.pk).update(summary="x" * 4001)


def test_a_summary_over_the_limit_is_refused_at_the_field_and_kept(client, personas, case_a):
    client.force_login(personas.petra)
    typed = "Een heel lang verslag. " * 200  # 4600 characters
    response = client.post(
        f"/casussen/{case_a.pk}/contacten/nieuw/",
        {
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "kind": "gesprek",
            "with_whom": "jongere",
            "summary": typed,
            "visibility": "gedeeld",
        },
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["summary"]
    assert "4000" in error
    assert typed.strip() in response.content.decode()
    assert not case_a.contacts.exists()


def test_the_textarea_says_its_limit_and_carries_it(client, personas, case_a):
    client.force_login(personas.petra)
    page = client.get(f"/casussen/{case_a.pk}/contacten/nieuw/").content.decode()
    assert 'maxlength="4000"' in page
    assert "Maximaal 4000 tekens." in page
    assert 'aria-describedby="id_summary_count"' in page or "id_summary_count" in page


def test_a_long_reason_for_a_status_step_is_kept_whole_in_the_history(client, coordinator, case_a):
    client.force_login(coordinator)
    reason = "Besproken in het casusoverleg. " * 20  # 600 characters
    response = client.post(
        f"/casussen/{case_a.pk}/status/",
        {"status": "nazorg", "reason": reason, "on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    assert case_a.history.first().history_change_reason == reason.strip()
    too_long = client.post(
        f"/casussen/{case_a.pk}/status/",
        {"status": "actief", "reason": "x" * 1001, "on": timezone.localdate().isoformat()},
    )
    assert "reason" in too_long.context["form"].errors


def test_long_texts_are_collapsed_short_ones_are_not():
    assert "data-long-text" in long_text("Een lange tekst. " * 40)
    assert "data-long-text" in long_text("regel\n" * 12)
    assert "data-long-text" not in long_text("Kort verslag.")
    assert long_text("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
    assert long_text("") == "—"


def test_a_month_of_the_longest_contacts_makes_a_bounded_overview(personas, case_a):
    text = ("Uitgebreid verslag van een gesprek. " * 120)[:4000]
    now = timezone.now()
    start = timezone.localtime(now).replace(day=1, hour=0, minute=0)
    step = (now - start) / 151
    for n in range(150):
        ContactFactory(
            case=case_a,
            partner=personas.politie,
            author=personas.petra,
            occurred_at=start + step * (n + 1),
            summary=text,
        )
    month = Month.parse(f"{timezone.localdate():%Y-%m}")
    html = render_case_overview_html(personas.coordinator, case_a, month)
    assert len(html) < 150_000, len(html)  # unbounded, this was ~650 KB
    assert html.count('<div class="summary">') == PDF_CONTACTS
    assert f"{150 - PDF_CONTACTS} eerdere staan in het dossier" in html
    assert '<td class="num">150</td>' in html  # the count stays complete


def test_the_caseload_search_box_is_bounded(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/casussen/", {"q": "x" * 500})
    assert response.status_code == 200
    assert "q" in response.context["form"].errors


def test_a_service_writing_past_a_limit_gets_a_dutch_field_error(personas, case_a):
    from django.core.exceptions import ValidationError

    from cases.contacts.services import log_contact

    with pytest.raises(ValidationError) as refused:
        log_contact(
            case_a,
            by=personas.petra,
            partner=personas.politie,
            occurred_at=timezone.now(),
            kind="gesprek",
            with_whom="jongere",
            summary="x" * 4001,
        )
    assert refused.value.message_dict["summary"] == ["Maximaal 4000 tekens; dit zijn er 4001."]
    assert not case_a.contacts.exists()


def test_saving_a_contact_checks_its_rules_without_a_query_per_constraint(client, personas, case_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(personas.petra)
    data = {
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "kind": "gesprek",
        "with_whom": "jongere",
        "summary": "Kort gesprek.",
        "visibility": "gedeeld",
    }
    with CaptureQueriesContext(connection) as queries:
        assert client.post(f"/casussen/{case_a.pk}/contacten/nieuw/", data).status_code == 302
    checks = [q["sql"] for q in queries if "_check" in q["sql"]]  # Q.check()'s query
    assert checks == []
