"""``make bench``: seed a city-scale database, measure, load-test, print and save a report.

python -m bench              everything (the load test needs PostgreSQL)
python -m bench --reuse      measure again on the database of the previous run
python -m bench --no-load    skip the load test
python -m bench --scale 10 --compare bench/results/latest-postgresql.json
                             seed 10× the city (its own database; ~20 min on two cores)
                             and print it beside the 1× run, with the ratio per page
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

from bench.database import (  # noqa: E402
    BENCH_DIR,
    bench_database_url,
    exists,
    is_postgres,
    recreate,
    scale_suffix,
)

RESULTS = BENCH_DIR / "results"


def say(text):
    print(f"  · {text}", file=sys.stderr, flush=True)


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = next(
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory_gib = round(int(memory) / 1024 / 1024, 1)
    except (OSError, StopIteration):
        memory_gib = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory_gib,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="do not seed again")
    parser.add_argument("--no-load", action="store_true", help="skip the load test")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF measurements")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page")
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--load-users", type=int, default=20)
    parser.add_argument(
        "--scale", type=int, default=1, help="N times the city (own database, state, results)"
    )
    parser.add_argument(
        "--compare", type=Path, help="a result JSON (e.g. of the 1× run) to print beside this one"
    )
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale is een geheel getal van 1 of meer")
    os.environ["BENCH_SCALE"] = str(args.scale)  # read by bench.database and bench.settings

    url = bench_database_url()
    database = "PostgreSQL" if is_postgres(url) else "SQLite"
    # What the measurements need to know of the seeded data, per database.
    state_file = BENCH_DIR / f".state-{database.lower()}{scale_suffix()}.json"
    reuse = args.reuse and exists(url) and state_file.exists()
    print(f"Benchmark op {database}: {url.split('@')[-1]}", file=sys.stderr)
    if not reuse:
        recreate(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import measure, report
    from bench.seed import CITY, seed

    seeding = None
    if reuse:
        state = json.loads(state_file.read_text())
    else:
        print("Database aanmaken (migrate) …", file=sys.stderr)
        call_command("migrate", verbosity=0)
        print(f"Zaaien op {args.scale}× de stadsschaal …", file=sys.stderr)
        seeded = seed(CITY.times(args.scale))
        with connection.cursor() as cursor:
            # Fresh statistics and visibility maps, as autovacuum would have by now in a
            # database that has run for years; otherwise autovacuum runs during the timings.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        seeding = {
            "seconds": round(seeded.seconds, 1),
            "scale": CITY.times(args.scale).__dict__,
            "factor": args.scale,
        }
        state = {
            "large_case_id": seeded.large_case_id,
            "meeting_id": seeded.meeting_id,
            "seeding": seeding,
        }
        state_file.write_text(json.dumps(state))
    seeding = state["seeding"]

    print("Meten (pagina's) …", file=sys.stderr)
    pages = measure.measure_pages(
        state["large_case_id"], runs=args.runs, progress=say, meeting_id=state.get("meeting_id")
    )
    print("Meten (PDF's) …", file=sys.stderr)
    pdfs = (
        {"timings": [], "batch": {"pdfs_per_second": {}, "skipped": True}}
        if args.no_pdf
        else measure.measure_pdfs(state["large_case_id"], progress=say)
    )
    load = None
    if args.no_load:
        load = {"skipped": "--no-load"}
    elif not is_postgres(url):
        load = {"skipped": "de belastingtest draait alleen op PostgreSQL (zet DATABASE_URL)"}
    else:
        from bench import load as load_test

        print("Belastingtest …", file=sys.stderr)
        connection.close()
        load = load_test.run(url, users=args.load_users, seconds=args.load_seconds, progress=say)

    result = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "database": database,
        "database_version": _database_version(connection),
        "machine": machine(),
        "git": _git_revision(),
        "seeding": seeding,
        **pages,
        "pdf_timings": pdfs["timings"],
        "batch": pdfs["batch"],
        "load": load,
    }
    RESULTS.mkdir(exist_ok=True)
    name = f"{time.strftime('%Y-%m-%d')}-{database.lower()}{scale_suffix()}.json"
    for path in (RESULTS / name, RESULTS / f"latest-{database.lower()}{scale_suffix()}.json"):
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(report.table(result))
    if args.compare:
        print()
        print(report.side_by_side(json.loads(args.compare.read_text()), result))
    print(f"\nResultaat: bench/results/{name}")
    return 0


def _database_version(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return cursor.fetchone()[0]


def _git_revision():
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=BENCH_DIR,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


if __name__ == "__main__":
    sys.exit(main())
