from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_charte import conf
from wagtail_charte.consent_log.retention import purge


class Command(BaseCommand):
    @property
    def help(self):
        # A property: argparse needs a str, and the language is only known at run time.
        return _(
            "Deletes consent records older than the retention, in batches, then the banner "
            "snapshots no record points to any more."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            help=_("Age in days of the records to delete (default: CONSENT_LOG_RETENTION_DAYS)."),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Count what would go; delete nothing.")
        )

    def handle(self, *args, older_than, dry_run, **options):
        days = conf.get("CONSENT_LOG_RETENTION_DAYS") if older_than is None else older_than
        if days < 0:
            raise CommandError(_("--older-than must be a number of days, 0 or more."))
        done = purge(days, dry_run=dry_run)
        values = {
            "records": done.records,
            "snapshots": done.snapshots,
            "date": done.cutoff.isoformat(timespec="seconds"),
        }
        if dry_run:
            message = _(
                "Dry run, nothing deleted. Consent records received before %(date)s: "
                "%(records)s. Unused banner snapshots: %(snapshots)s."
            )
        else:
            message = _(
                "Consent records received before %(date)s deleted: %(records)s. "
                "Unused banner snapshots deleted: %(snapshots)s."
            )
        self.stdout.write(message % values)
