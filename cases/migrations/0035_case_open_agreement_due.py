"""Case.open_agreement_due_on, a derived copy Agreement.save() and delete() keep (issue 22):
the earliest deadline of the case's open agreements, filled here from the agreements there
are, and indexed over the open cases for the dashboard's "casussen met een verlopen
afspraak"; and the open cases' status × priority in an index without the closed ones."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0034_caseload_status_and_contact_indexes'),
        ('partners', '0005_api_tokens'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='open_agreement_due_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='eerste deadline van een open afspraak'),
        ),
        migrations.RunSQL(
            "UPDATE cases_case SET open_agreement_due_on = (SELECT MIN(due_on) FROM cases_agreement"
            " WHERE cases_agreement.case_id = cases_case.id AND cases_agreement.status = 'open')",
            migrations.RunSQL.noop,
            elidable=True,
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('status__in', ('afgesloten', 'niet_opgenomen')), _negated=True), fields=['open_agreement_due_on'], name='case_open_due_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('status__in', ('afgesloten', 'niet_opgenomen')), _negated=True), fields=['status', 'priority'], name='case_open_status_prio_idx'),
        ),
    ]
