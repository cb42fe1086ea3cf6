# Search uses trigram similarity on PostgreSQL for typos ("sonografer"); elsewhere a no-op.
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("pathways", "0002_workflow")]

    operations = [TrigramExtension()]
