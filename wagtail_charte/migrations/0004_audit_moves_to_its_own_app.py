# The cookie audit's models moved to the optional app wagtail_charte.contrib.audit. They leave
# the core's state only: their tables and rows stay, for that app's first migration to take
# over when a site installs it.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_charte', '0003_alter_consentrecord_options'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='AuditFinding',
                ),
                migrations.DeleteModel(
                    name='AuditRun',
                ),
            ],
            database_operations=[],
        ),
    ]
