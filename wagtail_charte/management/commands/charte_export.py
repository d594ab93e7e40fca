from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Locale

from wagtail_charte.transfer import export_csv, export_json


def get_locale(code):
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        codes = ", ".join(
            Locale.objects.order_by("language_code").values_list("language_code", flat=True)
        )
        raise CommandError(
            _("Unknown locale “%(code)s”. Available: %(codes)s.") % {"code": code, "codes": codes}
        )
    return locale


class Command(BaseCommand):
    @property
    def help(self):
        # A property: argparse needs a str, and the language is only known at run time.
        return _(
            "Writes the published cookie register of one locale as CSV (cookies only) or JSON "
            "(categories, providers and cookies)."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale", required=True, help=_("Language code of the locale, e.g. fr.")
        )
        parser.add_argument(
            "--format",
            choices=["csv", "json"],
            default="csv",
            help=_("File format (default: csv)."),
        )
        parser.add_argument(
            "--output",
            metavar="PATH",
            help=_("File to write, in UTF-8 (default: standard output)."),
        )

    def handle(self, *args, locale, format, output, **options):
        locale = get_locale(locale)
        text = (export_json if format == "json" else export_csv)(locale)
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8", newline="")
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s") % {"path": output, "reason": error.strerror}
            ) from error
