"""The case's five free-text leefwereld fields and the group's one groepsduiding text are
gone: 0018 moved what they held into dated insights and groepsduiding entries."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0018_leefwereld_to_insights")]

    operations = [
        migrations.RemoveConstraint(
            model_name="case",
            name="case_drives_at_most_4000_characters",
        ),
        migrations.RemoveConstraint(
            model_name="case",
            name="case_motivations_at_most_4000_characters",
        ),
        migrations.RemoveConstraint(
            model_name="case",
            name="case_barriers_at_most_4000_characters",
        ),
        migrations.RemoveConstraint(
            model_name="case",
            name="case_peer_dynamics_at_most_4000_characters",
        ),
        migrations.RemoveConstraint(
            model_name="case",
            name="case_family_dynamics_at_most_4000_characters",
        ),
        migrations.RemoveConstraint(
            model_name="youthgroup",
            name="youth_group_description_at_most_8000_characters",
        ),
        migrations.RemoveField(
            model_name="case",
            name="barriers",
        ),
        migrations.RemoveField(
            model_name="case",
            name="drives",
        ),
        migrations.RemoveField(
            model_name="case",
            name="family_dynamics",
        ),
        migrations.RemoveField(
            model_name="case",
            name="motivations",
        ),
        migrations.RemoveField(
            model_name="case",
            name="peer_dynamics",
        ),
        migrations.RemoveField(
            model_name="historicalcase",
            name="barriers",
        ),
        migrations.RemoveField(
            model_name="historicalcase",
            name="drives",
        ),
        migrations.RemoveField(
            model_name="historicalcase",
            name="family_dynamics",
        ),
        migrations.RemoveField(
            model_name="historicalcase",
            name="motivations",
        ),
        migrations.RemoveField(
            model_name="historicalcase",
            name="peer_dynamics",
        ),
        migrations.RemoveField(
            model_name="historicalyouthgroup",
            name="description",
        ),
        migrations.RemoveField(
            model_name="youthgroup",
            name="description",
        ),
    ]
