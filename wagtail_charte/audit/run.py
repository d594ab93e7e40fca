"""One audit from start to end: crawl, compare with the register, store the run."""

from django.db import transaction
from django.utils import timezone

from ..models.audit import RUNS_KEPT, AuditFinding, AuditMode, AuditRun
from .admin_login import visit_admin_login
from .browser import run_browser
from .compare import compare, published_register, requests_before_choice
from .crawl import Budget, crawl
from .fetch import fetch_over_http, fetch_with_client
from .pages import site_urls
from .server import local_server, resolver_rules

# Defaults of the command; the admin's "Run now" answers within one request.
MAX_PAGES = 100
TIME_LIMIT = 300
ADMIN_TIME_LIMIT = 20


def run_audit(
    urls=(), browser=False, locales=None, max_pages=MAX_PAGES, seconds=TIME_LIMIT, chromium=None
):
    """The run and its findings, unsaved.

    With `urls`, the running site at those URLs is crawled, following same-origin links.
    Without, this project's live pages of `locales` (all when None), then its admin login page
    through the test client, signing in there.
    """
    started_at = timezone.now()
    # Read before the browser starts: its thread runs no database query.
    declared, categories = published_register()
    budget = Budget(max_pages=max_pages, seconds=seconds)
    if browser and urls:
        mode, seen = AuditMode.BROWSER, run_browser(urls, budget, True, chromium)
    elif browser:
        # The pages a visitor meets with the banner; the local server speaks plain HTTP.
        start = [url.replace("https://", "http://", 1) for url in site_urls(locales)]
        with local_server() as port:
            rules = resolver_rules(start, port)
            seen = run_browser(start, budget, False, chromium, [rules])
        mode = AuditMode.BROWSER
    elif urls:
        mode, seen = AuditMode.HTTP, crawl(fetch_over_http, urls, budget, follow_links=True)
    else:
        mode = AuditMode.CLIENT
        seen = crawl(fetch_with_client, site_urls(locales), budget, follow_links=False)
    if not urls:
        # By the test client in both modes: the page has no banner to choose in, Wagtail's
        # admin scripts keep its icons under localStorage keys no register name can match,
        # and signing in needs a user that only this process can make and remove.
        visit_admin_login(seen, budget)
    run = AuditRun(
        started_at=started_at,
        mode=mode,
        pages=seen.pages,
        requests_before_choice=requests_before_choice(seen),
        truncated=seen.truncated,
        banner_missing=seen.banner_missing,
    )
    return run, compare(seen, declared, categories)


@transaction.atomic
def store(run, findings):
    """Saves the run and its findings, and deletes the runs beyond the latest RUNS_KEPT."""
    run.save()
    for finding in findings:
        finding.run = run
    AuditFinding.objects.bulk_create(findings)
    old = list(AuditRun.objects.values_list("pk", flat=True)[RUNS_KEPT:])
    AuditRun.objects.filter(pk__in=old).delete()
    return run
