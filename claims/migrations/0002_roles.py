"""The two roles, as groups: Reviewer and Admin (Admins may also export)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="Reviewer")
    Group.objects.get_or_create(name="Admin")


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
