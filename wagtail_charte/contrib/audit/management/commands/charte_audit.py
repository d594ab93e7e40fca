import json
import sys
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_charte.contrib.audit import lock
from wagtail_charte.contrib.audit.browser import BrowserUnavailable
from wagtail_charte.contrib.audit.report import as_json as report_json
from wagtail_charte.contrib.audit.report import as_text, is_clean
from wagtail_charte.contrib.audit.run import (
    MAX_FINDINGS,
    MAX_PAGES,
    PAGE_TIME_LIMIT,
    TIME_LIMIT,
    loaded_any_page,
    run_audit,
    save_audit,
)
from wagtail_charte.register.transfer.errors import TransferError, get_locale

# Exit statuses: 0 clean, 1 findings, 2 the audit could not run as asked, failed, or not on
# every page.
FINDINGS, USAGE, FAILED, INCOMPLETE = 1, 2, 2, 2


def positive_int(text):
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    @property
    def help(self):
        # A property: argparse needs a str, and the language is only known at run time.
        return _(
            "Compares the cookies and storage keys the site really sets with the published "
            "register. Exit status: 0 clean, 1 findings, 2 usage errors, an audit that failed "
            "or was already under way, or pages that did not load."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            nargs="+",
            default=[],
            metavar="URL",
            help=_(
                "Audit a running site from these URLs, following its links. Without it, the "
                "live pages of this project and its admin login page."
            ),
        )
        parser.add_argument(
            "--browser",
            action="store_true",
            help=_(
                "Load the pages in headless Chromium: before any choice, after “accept all” "
                "and after “refuse all”."
            ),
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help=_("Write the report as JSON.")
        )
        parser.add_argument(
            "--locale",
            action="append",
            default=[],
            metavar="CODE",
            help=_("Only the pages of this locale (repeatable); not with --url."),
        )
        parser.add_argument(
            "--max-pages",
            type=positive_int,
            default=MAX_PAGES,
            metavar="N",
            help=_("Visit at most N pages (default: %(default)s)."),
        )
        parser.add_argument(
            "--time-limit",
            type=positive_int,
            default=TIME_LIMIT,
            metavar="SECONDS",
            help=_(
                "End the crawl after this many seconds, whatever a page is doing (default: "
                "%(default)s)."
            ),
        )
        parser.add_argument(
            "--page-time-limit",
            type=positive_int,
            default=PAGE_TIME_LIMIT,
            metavar="SECONDS",
            help=_(
                "Give up a page that has not loaded in this many seconds: it did not load "
                "(default: %(default)s)."
            ),
        )
        parser.add_argument(
            "--max-findings",
            type=positive_int,
            default=MAX_FINDINGS,
            metavar="N",
            help=_(
                "Keep at most N findings of each kind; the report says how many more "
                "(default: %(default)s)."
            ),
        )
        parser.add_argument(
            "--chromium",
            metavar="PATH",
            help=_("Chromium's executable (default: /usr/bin/chromium, else Playwright's own)."),
        )

    def handle(self, *args, url, browser, as_json, locale, chromium, **options):
        for start in url:
            parts = urlsplit(start)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise CommandError(
                    _("Not an http or https URL: %(url)s") % {"url": start}, returncode=USAGE
                )
        if url and locale:
            raise CommandError(
                _("--locale chooses among this project's pages: it does not apply with --url."),
                returncode=USAGE,
            )
        if chromium and not browser:
            raise CommandError(_("--chromium needs --browser."), returncode=USAGE)
        try:
            locales = [get_locale(code) for code in locale]
        except TransferError as error:
            raise CommandError(str(error), returncode=USAGE) from error
        holder = lock.for_command()
        # Held for the run's limit, and the steps outside it, unless it is released first.
        if not lock.acquire(holder, options["time_limit"] + lock.SLACK):
            raise CommandError(
                _(
                    "An audit is already under way (“Run now” in the admin, or another "
                    "command): run this one once it has ended."
                ),
                returncode=FAILED,
            )
        try:
            run, findings = run_audit(
                url,
                browser=browser,
                locales=locales,
                max_pages=options["max_pages"],
                seconds=options["time_limit"],
                page_seconds=options["page_time_limit"],
                max_findings=options["max_findings"],
                chromium=chromium,
            )
            if loaded_any_page(run):
                save_audit(run, findings)
        except BrowserUnavailable as error:
            raise CommandError(str(error), returncode=USAGE) from error
        except Exception as error:
            # Not a traceback and status 1, which CI would read as findings.
            raise CommandError(
                _("The audit stopped on an error: %(error)s")
                % {"error": str(error) or type(error).__name__},
                returncode=FAILED,
            ) from error
        finally:
            lock.release(holder)
        if not loaded_any_page(run):
            raise CommandError(_("No page could be loaded: nothing was audited."), returncode=USAGE)
        if as_json:
            self.stdout.write(json.dumps(report_json(run, findings), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_text(run, findings), ending="")
        if run.failed_pages:
            sys.exit(INCOMPLETE)
        if not is_clean(run, findings):
            sys.exit(FINDINGS)
