"""The benchmark's table, for the terminal and (as Markdown) for the README."""

from bench.measure import ADMIN_RATIO, BATCH_PDFS_PER_SECOND, PARTNER_RATIO


def _goal_text(goal):
    parts = []
    if "p50" in goal:
        parts.append(f"p50 ≤ {goal['p50']:g}")
    if "p95" in goal:
        parts.append(f"p95 ≤ {goal['p95']:g}")
    if "queries" in goal:
        parts.append(f"≤ {goal['queries']} q")
    return ", ".join(parts) or "—"


def rows(result):
    """(what, p50 ms, p95 ms, queries, goal, verdict) per measured thing."""
    out = []
    for t in result["timings"] + result["pdf_timings"]:
        verdict = "ok" if not t["misses"] else "MIS: " + "; ".join(t["misses"])
        if not t["goal"]:
            verdict = "—"
        out.append(
            (t["name"], f"{t['p50_ms']:.1f}", f"{t['p95_ms']:.1f}", str(t["queries"]),
             _goal_text(t["goal"]), verdict)
        )  # fmt: skip
    ratios = result["ratios"]
    out.append(
        ("Verhouding partnerlijst / coördinatorlijst (p50)", "", "", "",
         f"≤ {PARTNER_RATIO}", _ratio(ratios["partner_vs_coordinator"], PARTNER_RATIO))
    )  # fmt: skip
    out.append(
        ("Verhouding caseload / Django-admin, status actief (p50)", "", "", "",
         f"≤ {ADMIN_RATIO}", _ratio(ratios["caseload_vs_admin"], ADMIN_RATIO))
    )  # fmt: skip
    batch = result["batch"]
    for workers, rate in sorted(batch["pdfs_per_second"].items()):
        goal = f"≥ {BATCH_PDFS_PER_SECOND}/s" if str(workers) == "2" else "—"
        verdict = "—"
        if str(workers) == "2":
            verdict = "ok" if rate >= BATCH_PDFS_PER_SECOND else f"MIS: {rate}/s"
        out.append(
            (
                f"Batch maandoverzichten, {workers} worker(s): {rate} PDF/s",
                "",
                "",
                "",
                goal,
                verdict,
            )
        )
    # The Historie page reads one query per kind of record on the page (at most 8 kinds),
    # whatever the number of entries; which kinds a page holds differs per case, so it is
    # bounded by its own goal (≤ 20) rather than compared.
    same = result["same_query_count_small_vs_large_case"]
    differing = [
        label for label, (large, small) in same.items() if large != small and label != "Historie"
    ]
    out.append(
        ("Queries grote casus = kleine casus (tabbladen behalve Historie)", "", "", "",
         "gelijk", "ok" if not differing else "MIS: " + ", ".join(differing))
    )  # fmt: skip
    # Casusoverleg and agreements (issue 16): the largest meeting and the busiest partner's
    # list against a small meeting and the quietest partner's.
    plan = result.get("same_query_count_plan_pages")
    if plan:
        differing = [name for name, (big, small) in plan.items() if big != small]
        out.append(
            ("Queries groot = klein (casusoverleg, afspraken)", "", "", "",
             "gelijk", "ok" if not differing else "MIS: " + ", ".join(differing))
        )  # fmt: skip
    # The group approach (issue 17): the large group's page against the small group's, for a
    # coordinator and for a partner. Historie reads one query per kind of record on the page,
    # as a case's does, so its counts are shown but bounded by its own goal (≤ 20).
    groups = result.get("same_query_count_group_pages")
    if groups:
        pages = {k: pair for k, pair in groups.items() if not k.startswith("Historie")}
        differing = [f"{k} {big} ≠ {small}" for k, (big, small) in pages.items() if big != small]
        shown = ", ".join(
            f"{k.removeprefix('groepspagina, ')} {big}/{small}"
            for k, (big, small) in groups.items()
        )
        out.append(
            (f"Queries grote = kleine groep, groepspagina (groot/klein: {shown})", "", "", "",
             "gelijk", "ok" if not differing else "MIS: " + ", ".join(differing))
        )  # fmt: skip
    # The sets of pages of measure.PAGE_SETS (the Sturingsinformatie, ...): one row each.
    for page_set in result.get("same_query_count_sets", {}).values():
        counts = page_set["counts"]
        differing = [f"{k} {big} ≠ {small}" for k, (big, small) in counts.items() if big != small]
        shown = ", ".join(f"{big}/{small}" for big, small in counts.values())
        out.append(
            (f"{page_set['title']} (groot/klein: {shown})", "", "", "",
             "gelijk", "ok" if not differing else "MIS: " + ", ".join(differing))
        )  # fmt: skip
    return out


def _ratio(value, limit):
    return f"{value:g} ok" if value <= limit else f"MIS: {value:g}"


def table(result) -> str:
    header = ("Wat", "p50 ms", "p95 ms", "queries", "doel", "uitslag")
    lines = rows(result)
    widths = [max(len(str(r[i])) for r in [header, *lines]) for i in range(len(header))]
    fmt = "  ".join(f"{{:{'<' if i in (0, 4, 5) else '>'}{w}}}" for i, w in enumerate(widths))
    out = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    out += [fmt.format(*r) for r in lines]
    out.append("")
    out.append(_summary(result))
    return "\n".join(out)


def _summary(result) -> str:
    seeding = result["seeding"]
    lines = [
        f"Database: {result['database']} {result['database_version']}; "
        f"machine: {result['machine']['cpu']}, {result['machine']['cores']} cores, "
        f"{result['machine']['memory_gib']} GiB; Python {result['machine']['python']}.",
        f"Zaaien: {seeding['seconds']} s voor {seeding['scale']['cases']} casussen, "
        f"{seeding['scale']['contacts']} contactmomenten (doel < 180 s).",
        f"Personen: {result['people']}",
    ]
    load = result.get("load") or {}
    if "skipped" in load:
        lines.append(f"Belastingtest: overgeslagen ({load['skipped']}).")
    elif load:
        lines.append(
            f"Belastingtest: {load['users']} gebruikers, {load['seconds']} s, gunicorn "
            f"{load['workers']} workers: {load['requests']} verzoeken, {load['failures']} fouten, "
            f"{load['requests_per_second']} verzoeken/s, p50 {load['p50_ms']} ms, "
            f"p95 {load['p95_ms']} ms."
        )
    return "\n".join(lines)


def markdown(result) -> str:
    header = ("Wat", "p50 ms", "p95 ms", "queries", "doel", "uitslag")
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in rows(result)]
    return "\n".join(out) + "\n\n" + _summary(result)


def _factor(result) -> int:
    return result.get("seeding", {}).get("factor", 1)


# A list page at 10× the city takes at most this many times its 1× time (issue 22).
LIST_GROWTH = 1.3


def side_by_side(base, other) -> str:
    """Each page measured in both runs: p50 and queries at both scales and the ratio of the
    p50s, so what grows with the data shows (query counts must not)."""
    a, b = _factor(base), _factor(other)
    found = {t["name"]: t for t in base["timings"]}
    lines = [
        f"{'Wat':<60} {f'p50 {a}×':>9} {f'p50 {b}×':>9} {'×':>6} {f'q {a}×':>6} {f'q {b}×':>6}"
    ]
    for timing in other["timings"]:
        before = found.get(timing["name"])
        if before is None:
            continue
        ratio = timing["p50_ms"] / before["p50_ms"] if before["p50_ms"] else float("inf")
        same = "" if before["queries"] == timing["queries"] else "  ANDERE QUERIES"
        if timing.get("group") == "lijst" and ratio > LIST_GROWTH:
            same += f"  BOVEN {LIST_GROWTH:g}×"
        lines.append(
            f"{timing['name'][:60]:<60} {before['p50_ms']:>9.1f} {timing['p50_ms']:>9.1f} "
            f"{ratio:>6.2f} {before['queries']:>6} {timing['queries']:>6}{same}"
        )
    return "\n".join(lines)
