"""``make bench``: seed a city-scale database, measure, load-test, print and save a report.

python -m bench              everything (the load test needs PostgreSQL)
python -m bench --reuse      measure again on the database of the previous run
python -m bench --no-load    skip the load test
python -m bench --scale 10 --compare bench/results/latest-postgresql.json
                             seed 10× the city (its own database; ~20 min on two cores)
                             and print it beside the 1× run, with the ratio per page
python -m bench --scale 10 --against 1
                             measure the pages at 1× and at 10× alternately in one run
                             (seeding either if it is not there yet), then the PDFs and the
                             load test at 10×; each page's ratio beside its 1× time
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
    parser.add_argument(
        "--against",
        type=int,
        help="another scale whose pages are measured alternately with this one's, in one run",
    )
    parser.add_argument("--rounds", type=int, default=2, help="alternations with --against")
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pages-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale is een geheel getal van 1 of meer")
    os.environ["BENCH_SCALE"] = str(args.scale)  # read by bench.database and bench.settings

    if args.against:
        _prepare_other_scale(args)
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
        # Indexes and other migrations added since the seeding apply to the seeded data;
        # then fresh statistics and visibility maps, as after seeding (a migration that
        # rewrites rows would otherwise have autovacuum run during the timings).
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        call_command("migrate", verbosity=0)
        if pending:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
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
    if args.seed_only:
        return 0
    if args.pages_to:
        connection.close()
        pages = measure.measure_pages(
            state["large_case_id"], runs=args.runs, progress=say, meeting_id=state.get("meeting_id")
        )
        args.pages_to.write_text(json.dumps(pages))
        return 0

    if args.against:
        connection.close()
        pages, other_pages = _alternate(args)
    else:
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
    compare = json.loads(args.compare.read_text()) if args.compare else None
    if args.against:
        compare = {**result, **other_pages, "seeding": {"factor": args.against}, "load": None}
        other_name = f"{time.strftime('%Y-%m-%d')}-{database.lower()}-pages-x{args.against}.json"
        (RESULTS / other_name).write_text(json.dumps(compare, indent=2, ensure_ascii=False) + "\n")
    if compare:
        print()
        print(report.side_by_side(compare, result))
    print(f"\nResultaat: bench/results/{name}")
    return 0


def _child(args, scale, *extra):
    """This command again, at ``scale``, in a process of its own: Django's settings (and so
    the database) are per process."""
    command = [sys.executable, "-m", "bench", "--scale", str(scale), *extra]
    subprocess.run(command, check=True, cwd=BENCH_DIR.parent)


def _prepare_other_scale(args):
    """Seed the other scale now if it has no database yet (reused as it is otherwise)."""
    _child(args, args.against, "--reuse", "--seed-only")


def _alternate(args) -> tuple[dict, dict]:
    """The pages at this scale and at the other, round after round (other, this, other,
    this, …): a machine that is busier for a while slows both alike. Per page the faster
    round of each scale is kept (a round disturbed by something else is the slower one)."""
    import tempfile

    best = {args.scale: None, args.against: None}
    with tempfile.TemporaryDirectory() as folder:
        for number in range(args.rounds):
            for scale in (args.against, args.scale):
                print(f"Meten (pagina's), ronde {number + 1}, {scale}× …", file=sys.stderr)
                out = Path(folder) / f"{scale}-{number}.json"
                _child(args, scale, "--reuse", "--runs", str(args.runs), "--pages-to", str(out))
                pages = json.loads(out.read_text())
                best[scale] = pages if best[scale] is None else _faster(best[scale], pages)
    return best[args.scale], best[args.against]


def _faster(kept: dict, new: dict) -> dict:
    by_name = {timing["name"]: timing for timing in new["timings"]}
    timings = []
    for timing in kept["timings"]:
        other = by_name.get(timing["name"])
        timings.append(other if other and other["p50_ms"] < timing["p50_ms"] else timing)
    return {**kept, "timings": timings}


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
