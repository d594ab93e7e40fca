"""An audit's findings in words, in the active language, and as JSON for CI."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_charte.models.lifetime import format_lifetime, lifetime_from_seconds, parse_lifetime

from .models import FindingKind, PageError, Phase, Tracker

# URLs shown under a finding in words; JSON and the admin list them all.
URLS_SHOWN = 5


def is_clean(run, findings):
    """Every page loaded, and nothing to fix: a page that did not load was not audited."""
    return not run.failed_pages and not any(finding.is_problem for finding in findings)


def observed_lifetime(finding):
    if finding.tracker != Tracker.COOKIE:
        return ""
    return format_lifetime(*lifetime_from_seconds(finding.lifetime_seconds))


def declared_lifetime(finding):
    if not finding.declared_lifetime:
        return ""
    return format_lifetime(*parse_lifetime(finding.declared_lifetime))


def finding_details(finding):
    """One line on what was found, after the name."""
    parts = [finding.get_tracker_display()]
    if finding.kind == FindingKind.UNSEEN:
        lifetime = declared_lifetime(finding)
        parts.append(_("declared lifetime: %(lifetime)s") % {"lifetime": lifetime})
    else:
        parts += [finding.domain, finding.get_party_display()]
    if finding.kind in (FindingKind.UNDECLARED, FindingKind.VIOLATION) and observed_lifetime(
        finding
    ):
        parts.append(observed_lifetime(finding))
    if finding.kind == FindingKind.LIFETIME:
        parts.append(
            _("lasts %(observed)s, declared %(declared)s")
            % {"observed": observed_lifetime(finding), "declared": declared_lifetime(finding)}
        )
    if finding.declared_name and finding.declared_name != finding.name:
        parts.append(_("declared as %(pattern)s") % {"pattern": finding.declared_name})
    if finding.category:
        parts.append(_("category “%(slug)s”") % {"slug": finding.category})
    elif finding.kind == FindingKind.VIOLATION and finding.tracker != Tracker.REQUEST:
        parts.append(_("not in the register"))
    if finding.kind == FindingKind.VIOLATION:
        parts.append(violation_text(finding))
    elif finding.kind == FindingKind.UNDECLARED:
        parts.append(_("first seen %(when)s") % {"when": finding.get_phase_display()})
        if finding.tracker in (Tracker.LOCAL, Tracker.SESSION):
            parts.append(_("declare it in the register under this key, as a cookie is"))
    elif finding.kind == FindingKind.UNGATED:
        parts.append(ungated_text(finding))
    elif finding.kind == FindingKind.UNCLAIMED:
        parts.append(
            _(
                "no provider of the register lists its domain: add %(domain)s to the domains "
                "of its provider"
            )
            % {"domain": finding.domain}
        )
    return ", ".join(part for part in map(str, parts) if part)


def ungated_text(finding):
    """What loads before any choice, and how to have the banner hold it back."""
    if finding.tracker == Tracker.SCRIPT:
        return _(
            'loaded before any choice: gate it with type="text/plain", data-charte-category '
            "and data-charte-src"
        )
    return _(
        "loaded before any choice: embed its address with an embed block or in rich text, "
        "which the banner gates, rather than writing the iframe"
    )


def violation_text(finding):
    before = finding.phase == Phase.BEFORE
    if finding.tracker == Tracker.REQUEST:
        return _("requested before any choice") if before else _("requested after “refuse all”")
    return _("set before any choice") if before else _("set after “refuse all”")


def as_text(run, findings):
    """The report a person reads in a terminal."""
    problems = sum(finding.is_problem for finding in findings)
    lines = [
        _("Cookie audit (%(mode)s), %(date)s: %(pages)s")
        % {
            "mode": run.get_mode_display(),
            "date": timezone.localtime(run.started_at).strftime("%Y-%m-%d %H:%M"),
            "pages": ngettext("%(count)d page", "%(count)d pages", len(run.pages))
            % {"count": len(run.pages)},
        }
    ]
    for kind in FindingKind:
        found = [finding for finding in findings if finding.kind == kind]
        if not found:
            continue
        lines += ["", f"{kind.label} ({len(found)})"]
        if kind in run.findings_omitted:
            lines.append("  " + omitted_text(run, kind, len(found)))
        for finding in found:
            lines.append(f"  {finding.name} — {finding_details(finding)}")
            if finding.urls:
                shown = ", ".join(finding.urls[:URLS_SHOWN])
                more = len(finding.urls) - URLS_SHOWN
                if more > 0:
                    shown += " " + ngettext("and %(count)d more", "and %(count)d more", more) % {
                        "count": more
                    }
                lines.append("    " + _("seen on: %(urls)s") % {"urls": shown})
    lines += notes(run)
    lines.append("")
    if problems:
        lines.append(
            ngettext("%(count)d problem found.", "%(count)d problems found.", problems)
            % {"count": problems}
        )
    if run.failed_pages:
        lines.append(incomplete_text(run))
    elif not problems:
        lines.append(_("No problem found."))
    return "\n".join(lines) + "\n"


def omitted_text(run, kind, kept):
    """That the run stored only the first `kept` findings of `kind`."""
    count = run.findings_omitted[kind]
    return ngettext(
        "The first %(kept)d are listed; %(count)d more was found and not stored.",
        "The first %(kept)d are listed; %(count)d more were found and not stored.",
        count,
    ) % {"kept": kept, "count": count}


def incomplete_text(run):
    count = len(run.failed_pages)
    return ngettext(
        "%(count)d page did not load: the audit is incomplete.",
        "%(count)d pages did not load: the audit is incomplete.",
        count,
    ) % {"count": count}


def why_not_loaded(page):
    """A failed page's status, or why it has none."""
    if page["status"]:
        return str(page["status"])
    error = page.get("error")
    return PageError(error).label if error in PageError.values else "-"


def notes(run):
    """What limits the run's reach, and what it saw that is not a finding."""
    lines = []
    if run.failed_pages:
        lines += ["", _("Pages that did not load:")]
        lines += [f"  {page['url']} ({why_not_loaded(page)})" for page in run.failed_pages]
    if run.requests_before_choice:
        lines += ["", _("Requests to other sites before any choice:")]
        lines += [f"  {request['url']}" for request in run.requests_before_choice]
    if run.truncated:
        lines += ["", _("The page or time limit stopped the audit: some pages were not visited.")]
    if run.banner_missing:
        lines += [
            "",
            _(
                "No page offered “accept all” and “refuse all”: the passes after a choice "
                "did not run."
            ),
        ]
    return lines


def as_json(run, findings):
    """The report CI reads: stable keys, codes rather than words, null for what is unknown."""
    return {
        "clean": is_clean(run, findings),
        "mode": run.mode,
        "started_at": run.started_at.isoformat(),
        "pages": run.pages,
        "truncated": run.truncated,
        "findings_omitted": run.findings_omitted,
        "banner_missing": run.banner_missing,
        "findings": [
            {
                "kind": finding.kind,
                "tracker": finding.tracker,
                "name": finding.name,
                "domain": finding.domain or None,
                "party": finding.party or None,
                "lifetime_seconds": finding.lifetime_seconds,
                "phase": finding.phase or None,
                "before_choice": finding.phase == Phase.BEFORE,
                "urls": finding.urls,
                "declared_name": finding.declared_name or None,
                "declared_lifetime": finding.declared_lifetime or None,
                "category": finding.category or None,
            }
            for finding in findings
        ],
        "requests_before_choice": run.requests_before_choice,
    }
