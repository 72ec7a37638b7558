from django.db import migrations, models


class Migration(migrations.Migration):
    """After 0022 filled the existing rows: the end date is required, and a reason not to
    inform has a date to look at it again."""

    dependencies = [("cases", "0022_proportionality")]

    operations = [
        migrations.AlterField(
            model_name="involvement",
            name="expires_on",
            field=models.DateField(
                help_text="Na deze datum vervalt de toegang vanzelf; verlengen kan met een reden.",
                verbose_name="toegang tot en met",
            ),
        ),
        migrations.AlterField(
            model_name="historicalinvolvement",
            name="expires_on",
            field=models.DateField(
                help_text="Na deze datum vervalt de toegang vanzelf; verlengen kan met een reden.",
                verbose_name="toegang tot en met",
            ),
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("not_informed_reason", ""),
                    ("inform_review_on__isnull", False),
                    _connector="OR",
                ),
                name="case_not_informed_has_review_date",
            ),
        ),
    ]
