from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_charte.models import Cookie
from wagtail_charte.register.transfer.errors import TransferError, get_locale
from wagtail_charte.register.transfer.files import parse, read_file
from wagtail_charte.register.transfer.importer import import_register


class Command(BaseCommand):
    @property
    def help(self):
        # A property: argparse needs a str, and the language is only known at run time.
        return _(
            "Imports a CSV or JSON file into the cookie register of one locale and publishes what "
            "changed. Any error cancels the whole import."
        )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("The CSV or JSON file to import."))
        parser.add_argument(
            "--locale", required=True, help=_("Language code of the locale, e.g. fr.")
        )
        parser.add_argument(
            "--delete-missing",
            action="store_true",
            help=_("Also delete the cookies of this locale that the file does not list."),
        )

    def handle(self, *args, path, locale, delete_missing, **options):
        try:
            locale = get_locale(locale)
            document = parse(read_file(path), path)
            importer = import_register(document, locale, delete_missing=delete_missing)
        except TransferError as error:
            raise CommandError(str(error)) from error
        for model, count in importer.counts.items():
            if model is not Cookie and not any(vars(count).values()):
                continue
            self.stdout.write(
                _(
                    "%(entries)s: %(created)d created, %(updated)d updated, "
                    "%(unchanged)d unchanged, %(deleted)d deleted."
                )
                % {"entries": str(model._meta.verbose_name_plural).capitalize(), **vars(count)}
            )
        if importer.orphans:
            self.stderr.write(
                ngettext(
                    "%(count)d translation of a deleted cookie remains in another locale; "
                    "delete it there if the site no longer sets it.",
                    "%(count)d translations of deleted cookies remain in other locales; "
                    "delete them there if the site no longer sets them.",
                    importer.orphans,
                )
                % {"count": importer.orphans}
            )
