from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_charte.register.transfer.errors import TransferError, get_locale
from wagtail_charte.register.transfer.export import EXPORTERS


class Command(BaseCommand):
    @property
    def help(self):
        # A property: argparse needs a str, and the language is only known at run time.
        return _(
            "Writes the published cookie register of one locale as CSV or XLSX (cookies only) "
            "or JSON (categories, providers and cookies)."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale", required=True, help=_("Language code of the locale, e.g. fr.")
        )
        parser.add_argument(
            "--format",
            choices=list(EXPORTERS),
            default="csv",
            help=_("File format (default: csv)."),
        )
        parser.add_argument(
            "--output",
            metavar="PATH",
            help=_("File to write, in UTF-8 (default: standard output; required for xlsx)."),
        )

    def handle(self, *args, locale, format, output, **options):
        try:
            locale = get_locale(locale)
        except TransferError as error:
            raise CommandError(str(error)) from error
        if format == "xlsx" and output is None:
            raise CommandError(_("An XLSX workbook is not text: give a file with --output."))
        content = EXPORTERS[format](locale)
        if output is None:
            self.stdout.write(content, ending="")
            return
        try:
            if isinstance(content, bytes):
                Path(output).write_bytes(content)
            else:
                Path(output).write_text(content, encoding="utf-8", newline="")
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s") % {"path": output, "reason": error.strerror}
            ) from error
