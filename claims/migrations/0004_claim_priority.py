"""Claim.priority: conflicts first in the queue without joining FactGroup, and the queue's index in that order."""

from django.db import migrations, models
from django.db.models import Q


def copy_conflicts(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    Claim.objects.filter(group__relation="conflict").update(priority=1)


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_login_failures")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="priority",
            field=models.PositiveSmallIntegerField(
                default=0,
                help_text="1 while its group suggests a conflict: the queue's first sort key, copied from "
                "FactGroup.relation (services.review.queue_priority_sync) so that taking the next claim needs no join",
            ),
        ),
        migrations.RunPython(copy_conflicts, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="claim", name="claim_queue_idx"),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=~Q(status="withdrawn"),
                fields=["review", "-priority", "-score", "id"],
                name="claim_queue_order_idx",
            ),
        ),
    ]
