import pytest

from tests.base import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_answers_in_dutch(client):
    response = client.get("/inloggen/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in page
    assert "Inloggen" in page and "Gebruikersnaam" in page and "Wachtwoord" in page


def test_the_home_page_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == "/inloggen/?next=/"


def test_a_wrong_password_gets_a_dutch_error_and_keeps_the_username(client, petra):
    response = client.post("/inloggen/", {"username": "petra", "password": "fout"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in page
    assert 'value="petra"' in page
    # The form's error summary, which takes the focus (pga.js): what did not happen, and why.
    summary = page[page.index("data-error-summary") : page.index("</form>")]
    assert "Niet ingelogd." in summary and "Niet opgeslagen" not in summary
    assert summary.index("Voer een juiste gebruikersnaam") < summary.index("<form")


def test_an_empty_login_links_each_missing_field_from_the_summary(client, petra):
    page = client.post("/inloggen/", {"username": "", "password": ""}).content.decode()
    assert 'href="#id_username"' in page and 'href="#id_password"' in page
    assert 'aria-describedby="id_username_error"' in page


def test_login_then_logout(client, petra):
    response = client.post("/inloggen/", {"username": "petra", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/"
    home = client.get("/").content.decode()  # a partner lands on Mijn afspraken
    assert (
        '<h1 class="utrecht-heading-1">Mijn afspraken</h1>' in home and 'href="/casussen/"' in home
    )
    assert "Mijn casussen" in client.get("/casussen/").content.decode()
    response = client.post("/uitloggen/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302
