from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_charte.register.transfer.errors import TransferError, get_locale
from wagtail_charte.register.transfer.formats import FORMATS, read_path
from wagtail_charte.register.transfer.importer import ImportOptions, RegisterImport
from wagtail_charte.register.transfer.preview import summary


class Command(BaseCommand):
    @property
    def help(self):
        # A property: argparse needs a str, and the language is only known at run time.
        return _(
            "Imports a CSV, XLSX or JSON file into the cookie register of one locale and "
            "publishes what changed. Any error cancels the whole import."
        )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("The CSV, XLSX or JSON file to import."))
        parser.add_argument(
            "--locale", required=True, help=_("Language code of the locale, e.g. fr.")
        )
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help=_("File format (default: from the file's extension, else its content)."),
        )
        parser.add_argument(
            "--delete-missing",
            action="store_true",
            help=_("Also delete the cookies of this locale that the file does not list."),
        )
        parser.add_argument(
            "--allow-locale-mismatch",
            action="store_true",
            help=_("Import a file exported from another locale's register."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Check the file and say what would change, without writing anything."),
        )

    def handle(self, *args, path, locale, format, dry_run, **options):
        options = ImportOptions(options["delete_missing"], options["allow_locale_mismatch"])
        try:
            locale = get_locale(locale)
            register_import = RegisterImport.from_file(
                read_path(path), path, locale, options=options, format=format
            )
            if dry_run:
                plan = register_import.plan()
                plan.raise_errors()
            else:
                plan = register_import.apply()
        except TransferError as error:
            raise CommandError(str(error)) from error
        for line in summary(plan):
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        if plan.orphans:
            self.stderr.write(
                ngettext(
                    "%(count)d translation of a deleted cookie remains in another locale; "
                    "delete it there if the site no longer sets it.",
                    "%(count)d translations of deleted cookies remain in other locales; "
                    "delete them there if the site no longer sets them.",
                    plan.orphans,
                )
                % {"count": plan.orphans}
            )
