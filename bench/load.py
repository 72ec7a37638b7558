"""The load test: gunicorn (2 workers) on the benchmark's PostgreSQL database, and locust,
headless on loopback, with 20 logged-in users for 60 seconds over a realistic mix.

The logins (password hashing is deliberately slow) happen once per user at the start; the
report gives the mix without them, and counts every error, logins included.
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db.models import Count

from bench.database import BENCH_DIR
from bench.measure import percentile
from bench.seed import PASSWORD, totp_key
from cases.permissions import visible_cases
from partners.models import Membership, PartnerKind

ROOT = BENCH_DIR.parent
WORKERS = 2


def accounts(users: int) -> list[dict]:
    """A fifth coordinators, the rest employees of the partners that see most cases."""
    User = get_user_model()
    chosen = []
    coordinators = User.objects.filter(membership__partner__kind=PartnerKind.GEMEENTE).order_by(
        "pk"
    )[: max(users // 5, 1)]
    chosen += list(coordinators)
    partners = (
        Membership.objects.exclude(partner__kind=PartnerKind.GEMEENTE)
        .values("partner_id")
        .annotate(grants=Count("partner__group__casegroupobjectpermission", distinct=True))
        .order_by("-grants")
    )
    for row in partners:
        if len(chosen) >= users:
            break
        employee = User.objects.filter(membership__partner_id=row["partner_id"]).first()
        if visible_cases(employee).open().exists():
            chosen.append(employee)
    result = []
    for user in chosen:
        cases = visible_cases(user).open()
        coordinator = user.membership.partner.kind == PartnerKind.GEMEENTE
        if coordinator:
            cases = cases.filter(coordinator=user)
        rows = list(cases.order_by("pk").values_list("pk", "youth__last_name")[:40])
        result.append(
            {
                "username": user.username,
                "password": PASSWORD,
                "totp_key": totp_key(user.username),
                "coordinator": coordinator,
                "cases": [pk for pk, _name in rows],
                "names": sorted({name for _pk, name in rows})[:10] or ["a"],
            }
        )
    return result


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/inloggen/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not come up")


def run(database_url, *, users=20, seconds=60, progress=print) -> dict:
    people = accounts(users)
    users_file = BENCH_DIR / ".load-users.json"
    samples_file = BENCH_DIR / ".load-samples.json"
    users_file.write_text(json.dumps(people))
    samples_file.unlink(missing_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "BENCH_LOAD_USERS": str(users_file),
        "BENCH_LOAD_SAMPLES": str(samples_file),
    }
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "pga.wsgi:application",
            "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
            "--timeout", "60", "--log-level", "warning",
        ],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    try:
        _wait_until_up(url)
        progress(f"gunicorn {WORKERS} workers op {url}; locust {users} gebruikers, {seconds} s")
        locust = subprocess.run(
            [
                sys.executable, "-m", "locust", "-f", str(BENCH_DIR / "locustfile.py"),
                "--headless", "--users", str(users), "--spawn-rate", str(users),
                "--run-time", f"{seconds}s", "--host", url, "--only-summary",
                "--stop-timeout", "10", "--loglevel", "WARNING",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    if not samples_file.exists():
        raise RuntimeError(
            f"locust wrote no samples:\n{locust.stdout[-2000:]}\n{locust.stderr[-2000:]}"
        )
    samples = json.loads(samples_file.read_text())
    errors = [line for line in locust.stderr.splitlines() if "Error" in line or "Traceback" in line]
    return summarise(samples, users=users, seconds=seconds, stderr_errors=errors)


def summarise(samples, *, users, seconds, stderr_errors=()) -> dict:
    mix = [s for s in samples if s[0] != "inloggen"]
    logins = [s for s in samples if s[0] == "inloggen"]
    times = [s[1] for s in mix]
    window = (max(s[3] for s in mix) - min(s[3] for s in mix)) if len(mix) > 1 else seconds
    per_name = {}
    for name, elapsed, failed, _at in mix:
        per_name.setdefault(name, {"times": [], "failures": 0})
        per_name[name]["times"].append(elapsed)
        per_name[name]["failures"] += failed
    return {
        "users": users,
        "seconds": seconds,
        "workers": WORKERS,
        "requests": len(mix),
        "failures": sum(s[2] for s in samples) + len(stderr_errors),
        "login_requests": len(logins),
        "requests_per_second": round(len(mix) / window, 1) if window else None,
        "p50_ms": round(statistics.median(times), 1) if times else None,
        "p95_ms": round(percentile(times, 0.95), 1) if times else None,
        "per_page": {
            name: {
                "requests": len(v["times"]),
                "failures": v["failures"],
                "p50_ms": round(statistics.median(v["times"]), 1),
                "p95_ms": round(percentile(v["times"], 0.95), 1),
            }
            for name, v in sorted(per_name.items())
        },
        "locust_errors": list(stderr_errors)[:5],
    }


if __name__ == "__main__":  # bench/load.py on its own, against a seeded benchmark database
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from bench.database import bench_database_url

    print(json.dumps(run(bench_database_url()), indent=2))
    Path(BENCH_DIR / ".load-users.json").unlink(missing_ok=True)
