"""One audit from start to end: crawl, compare with the register, save the run."""

from django.db import transaction
from django.utils import timezone

from wagtail_charte.page_urls import live_page_urls

from .admin_login import visit_admin_login
from .browser import run_browser
from .compare import capped, compare, declared_entries, requests_before_choice
from .crawl import Budget, crawl
from .fetch import fetch_over_http, fetch_with_client
from .models import RUNS_KEPT, AuditFinding, AuditMode, AuditRun, RunStatus
from .server import local_server, resolver_rules

# Defaults of the command.
MAX_PAGES = 100
TIME_LIMIT = 300
# The longest a page may take to load, and the browser then to run its scripts.
PAGE_TIME_LIMIT = 15
# Findings kept of each kind: a page that sets 10,000 cookies is reported, not stored whole.
MAX_FINDINGS = 200
# "Run now" crawls through the test client, in a background task or, with the immediate
# backend, in the request itself: it keeps to the limits a request can afford.
RUN_NOW_TIME_LIMIT = 20


def run_audit(
    urls=(),
    browser=False,
    locales=None,
    max_pages=MAX_PAGES,
    seconds=TIME_LIMIT,
    page_seconds=PAGE_TIME_LIMIT,
    max_findings=MAX_FINDINGS,
    chromium=None,
    run=None,
):
    """`run` (a new AuditRun by default) filled in, unsaved, and its findings, unsaved.

    With `urls`, the running site at those URLs is crawled, following same-origin links.
    Without, this project's live pages of `locales` (all when None), then its admin login page
    through the test client, signing in there.
    """
    run = run or AuditRun()
    run.started_at = timezone.now()
    # Read before the browser starts: its thread runs no database query.
    declared, categories, domains = declared_entries()
    budget = Budget(max_pages=max_pages, seconds=seconds, page_seconds=page_seconds)
    if browser and urls:
        run.mode, seen = AuditMode.BROWSER, run_browser(urls, budget, True, chromium)
    elif browser:
        # The pages a visitor meets with the banner; the local server speaks plain HTTP.
        start = [url.replace("https://", "http://", 1) for url in live_page_urls(locales)]
        with local_server() as port:
            rules = resolver_rules(start, port)
            seen = run_browser(start, budget, False, chromium, [rules])
        run.mode = AuditMode.BROWSER
    elif urls:
        run.mode, seen = AuditMode.HTTP, crawl(fetch_over_http, urls, budget, follow_links=True)
    else:
        run.mode = AuditMode.CLIENT
        seen = crawl(fetch_with_client, live_page_urls(locales), budget, follow_links=False)
    if not urls:
        # By the test client in both modes: the page has no banner to choose in, Wagtail's
        # admin scripts keep its icons under localStorage keys no register name can match,
        # and signing in needs a user that only this process can make and remove. Outside the
        # budget: a short crawl must not pass because `sessionid` went unseen.
        visit_admin_login(seen)
    run.pages = seen.pages
    run.requests_before_choice = requests_before_choice(seen)
    run.truncated = seen.truncated
    run.banner_missing = seen.banner_missing
    findings, run.findings_omitted = capped(
        compare(seen, declared, categories, domains), max_findings
    )
    return run, findings


def loaded_any_page(run):
    return len(run.failed_pages) < len(run.pages)


@transaction.atomic
def save_audit(run, findings):
    """Saves the run, done, and its findings; deletes the runs beyond the latest RUNS_KEPT."""
    run.status = RunStatus.DONE
    run.save()
    # A domain has at most 253 characters; what a hostile page names may have more.
    longest = AuditFinding._meta.get_field("domain").max_length
    for finding in findings:
        finding.run = run
        finding.domain = finding.domain[:longest]
    AuditFinding.objects.bulk_create(findings)
    old = list(AuditRun.objects.values_list("pk", flat=True)[RUNS_KEPT:])
    AuditRun.objects.filter(pk__in=old).delete()
    return run
