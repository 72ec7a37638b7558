"""The load test's users: coordinators and partner employees doing their daily work.

Each simulated user logs in as a real account, the whole way: password, then the TOTP code
(computed from the account's benchmark secret), with the CSRF token of each form. It then
browses lists and case pages and logs contacts through the real form (CSRF token and
submission key from the page), as htmx does. Every request's time goes to a samples file;
bench/load.py turns it into the report.
"""

import hashlib
import hmac
import json
import os
import random
import re
import time
from itertools import count

from locust import HttpUser, between, events, task

USERS = json.loads(open(os.environ["BENCH_LOAD_USERS"]).read())
SAMPLES = []
TABS_COORDINATOR = ["overzicht", "partners", "interventies", "contacten", "zrm", "huishouden"]
TABS_PARTNER = ["overzicht", "partners", "interventies", "contacten"]
_accounts = count()


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception, **_kwargs):
    SAMPLES.append([name, round(response_time, 2), exception is not None, time.time()])


@events.quitting.add_listener
def _save(environment, **_kwargs):
    with open(os.environ["BENCH_LOAD_SAMPLES"], "w") as handle:
        json.dump(SAMPLES, handle)


def totp(key_hex: str, at: float | None = None) -> str:
    """RFC 6238, as django-otp's TOTPDevice checks it (SHA-1, 30 s, 6 digits)."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def form_value(html: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)"[^>]*name="{name}"', html
    )
    if not match:
        raise ValueError(f"no {name} in the page")
    return match.group(1)


class Worker(HttpUser):
    """One account per simulated user: a TOTP code may be used only once per account."""

    wait_time = between(0.2, 1.0)

    def on_start(self):
        self.account = USERS[next(_accounts) % len(USERS)]
        page = self.client.get("/inloggen/", name="inloggen").text
        response = self.client.post(
            "/inloggen/",
            {
                "username": self.account["username"],
                "password": self.account["password"],
                "csrfmiddlewaretoken": form_value(page, "csrfmiddlewaretoken"),
            },
            name="inloggen",
        )
        with self.client.post(
            response.url,
            {
                "token": totp(self.account["totp_key"]),
                "csrfmiddlewaretoken": form_value(response.text, "csrfmiddlewaretoken"),
            },
            name="inloggen",
            catch_response=True,
        ) as verified:
            if "tweestapsverificatie" in verified.url or "inloggen" in verified.url:
                verified.failure("login with password and TOTP code did not succeed")

    def page(self, path, name, **headers):
        with self.client.get(path, name=name, headers=headers, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif "/inloggen/" in response.url or "tweestapsverificatie" in response.url:
                response.failure("sent back to the login")
            return response

    def a_case(self):
        return random.choice(self.account["cases"])

    @task(3)
    def caseload(self):
        self.page("/casussen/", "caseload")

    @task(2)
    def caseload_filtered(self):
        status = random.choice(["actief", "nazorg", "screening", ""])
        self.page(
            f"/casussen/?status={status}", "caseload gefilterd (htmx)", **{"HX-Request": "true"}
        )

    @task(1)
    def caseload_searched(self):
        self.page(f"/casussen/?q={random.choice(self.account['names'])}", "caseload gezocht")

    @task(2)
    def dashboard(self):
        # Coordinators land on the dashboard; partners are sent on to their list.
        self.page("/", "dashboard / start")

    @task(6)
    def case_tab(self):
        tabs = TABS_COORDINATOR if self.account["coordinator"] else TABS_PARTNER
        self.page(f"/casussen/{self.a_case()}/?tab={random.choice(tabs)}", "casus, tabblad")

    @task(1)
    def history(self):
        self.page(f"/casussen/{self.a_case()}/historie/", "casus, historie")

    @task(2)
    def log_contact(self):
        case = self.a_case()
        form = self.page(f"/casussen/{case}/contacten/nieuw/", "contact: formulier")
        if form.status_code != 200:
            return
        with self.client.post(
            f"/casussen/{case}/contacten/nieuw/",
            {
                "csrfmiddlewaretoken": form_value(form.text, "csrfmiddlewaretoken"),
                "submission_key": form_value(form.text, "submission_key"),
                "occurred_at": time.strftime("%Y-%m-%dT%H:%M", time.localtime(time.time() - 600)),
                "kind": "gesprek",
                "with_whom": "jongere",
                "summary": "Belastingtest: kort gesprek over school en dagbesteding.",
                "follow_up": "",
                "visibility": "gedeeld",
            },
            headers={"HX-Request": "true"},
            name="contact: opslaan",
            catch_response=True,
        ) as saved:
            if saved.status_code != 200 or "opgeslagen" not in saved.text.lower():
                saved.failure(f"contact not saved (HTTP {saved.status_code})")
