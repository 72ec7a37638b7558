"""The ZRM chart: development per life domain over the last measurements."""

from pga.charts import Series, horizontal_bar_chart


def zrm_chart(assessments, *, for_print=False) -> str:
    """Per domain one bar per measurement (the last four), so development reads left to right."""
    if not assessments:
        return ""
    recent = assessments[-4:]
    domains = []
    for assessment in recent:
        for score in assessment.scores.all():
            if score.domain not in domains:
                domains.append(score.domain)
    domains.sort(key=lambda d: (d.position, d.name))
    series = []
    for style, assessment in zip("dcba"[-len(recent) :], recent, strict=True):
        by_domain = {score.domain_id: score.score for score in assessment.scores.all()}
        series.append(
            Series(
                f"{assessment.assessed_on:%d-%m-%Y}",
                [by_domain.get(d.pk, 0) for d in domains],
                style,
            )
        )
    return horizontal_bar_chart(
        "Ontwikkeling per ZRM-domein (1 = acute problematiek … 5 = volledig zelfredzaam)",
        [d.name for d in domains],
        series,
        scale_max=5,
        for_print=for_print,
    )
