"""What was seen, compared with the published register: the findings of an audit."""

from collections import Counter
from dataclasses import dataclass

from wagtail.models import Locale

from wagtail_charte.models import ConsentBasis, Party
from wagtail_charte.models.domains import host_of, on_domains
from wagtail_charte.models.lifetime import longest_seconds, serialize_lifetime
from wagtail_charte.models.live import LiveRegister
from wagtail_charte.register.patterns import is_glob, matches

from .models import AuditFinding, FindingKind, Phase, Tracker
from .observations import is_first_party

KIND_ORDER = list(FindingKind.values)
PHASE_ORDER = list(Phase.values)
# Requests to other sites before any choice, listed in a run (not findings: fonts, maps…).
MAX_REQUESTS_LISTED = 100


@dataclass(frozen=True)
class Declared:
    """A published register entry, as the audit reads it."""

    pk: int
    name: str
    category: str  # its slug; empty when the category is not published
    basis: str | None  # None when the category is not published: treated as needing consent
    lifetime_value: int | None
    lifetime_unit: str


def declared_entries():
    """(every published cookie once, as a Declared; {category slug: basis}; the domains live
    providers list), across locales.

    Names, categories, lifetimes and domains are the same in every locale; an entry published
    only in a translation counts too.
    """
    default = Locale.get_default()
    locales = sorted(Locale.objects.all(), key=lambda locale: locale.pk != default.pk)
    entries, categories, domains = {}, {}, set()
    for locale in locales:
        register = LiveRegister(locale.pk)
        for provider in register.providers:
            domains.update(provider.domains.split())
        for group in register.groups:
            if group.category:
                categories.setdefault(group.slug, group.category.basis)
            for cookie in group.cookies:
                entries.setdefault(
                    cookie.key,
                    Declared(
                        pk=cookie.id,
                        name=cookie.name,
                        category=group.slug or "",
                        basis=group.category.basis if group.category else None,
                        lifetime_value=cookie.lifetime_value,
                        lifetime_unit=cookie.lifetime_unit,
                    ),
                )
    return list(entries.values()), categories, domains


def match(name, declared):
    """The entry that declares `name`: an exact name first, else the first pattern."""
    for entry in sorted(declared, key=lambda entry: is_glob(entry.name)):
        if matches(entry.name, name):
            return entry
    return None


def forbidden(basis, phase):
    """Whether something of this basis (None: undeclared) may not be there in `phase`."""
    if phase == Phase.BEFORE:
        return basis not in (ConsentBasis.NECESSARY, ConsentBasis.EXEMPT)
    if phase == Phase.REFUSED:
        return basis != ConsentBasis.NECESSARY
    return False


def unique(items):
    return list(dict.fromkeys(items))


def compare(crawl, declared, categories, domains):
    """The findings, unsaved, most serious first."""
    findings, seen_entries = [], set()
    for observations in _by_tracker(crawl.observations):
        entry = match(observations[0].name, declared)
        if entry:
            seen_entries.add(entry.pk)
        findings += _findings_of(observations, entry)
    findings += gated_requests(crawl, categories)
    findings += embedded_findings(crawl, domains)
    findings += [_unseen(entry) for entry in declared if entry.pk not in seen_entries]
    findings.sort(key=lambda f: (KIND_ORDER.index(f.kind), f.name.casefold(), f.phase))
    return findings


def capped(findings, per_kind):
    """(the first `per_kind` findings of each kind, {kind: how many more there were})."""
    counts, kept = Counter(), []
    for finding in findings:
        counts[finding.kind] += 1
        if counts[finding.kind] <= per_kind:
            kept.append(finding)
    return kept, {kind: count - per_kind for kind, count in counts.items() if count > per_kind}


def _by_tracker(observations):
    """The observations grouped by what they saw: the same kind, name and domain."""
    groups = {}
    for observation in observations:
        key = (observation.tracker, observation.name, observation.domain)
        groups.setdefault(key, []).append(observation)
    return groups.values()


def _findings_of(observations, entry):
    """One tracker's violations by phase, then whether it is undeclared or outlives its entry."""
    first = observations[0]
    lifetimes = [o.lifetime_seconds for o in observations if o.lifetime_seconds is not None]
    finding = {
        "tracker": first.tracker,
        "name": first.name,
        "domain": first.domain,
        "party": first.party,
        "lifetime_seconds": max(lifetimes, default=None),
    }
    if entry:
        finding |= {"declared_name": entry.name, "category": entry.category, "cookie_id": entry.pk}
    findings = []
    for phase in (Phase.BEFORE, Phase.REFUSED):
        urls = unique(o.url for o in observations if o.phase == phase)
        if urls and forbidden(entry.basis if entry else None, phase):
            findings.append(
                AuditFinding(kind=FindingKind.VIOLATION, phase=phase, urls=urls, **finding)
            )
    earliest = min((o.phase for o in observations), key=PHASE_ORDER.index)
    urls = unique(o.url for o in observations)
    if entry is None:
        findings.append(
            AuditFinding(kind=FindingKind.UNDECLARED, phase=earliest, urls=urls, **finding)
        )
    elif (
        first.tracker == Tracker.COOKIE
        and lifetimes
        and max(lifetimes) > longest_seconds(entry.lifetime_value, entry.lifetime_unit)
    ):
        findings.append(
            AuditFinding(
                kind=FindingKind.LIFETIME,
                phase=earliest,
                urls=urls,
                declared_lifetime=serialize_lifetime(entry.lifetime_value, entry.lifetime_unit),
                **finding,
            )
        )
    return findings


def _unseen(entry):
    """A declared cookie that the audit never saw."""
    return AuditFinding(
        kind=FindingKind.UNSEEN,
        tracker=Tracker.COOKIE,
        name=entry.name,
        declared_name=entry.name,
        declared_lifetime=serialize_lifetime(entry.lifetime_value, entry.lifetime_unit),
        category=entry.category,
        cookie_id=entry.pk,
    )


def gated_requests(crawl, categories):
    """Violations: a script or embed the banner gates, fetched when its category is not allowed."""
    gated = {resource.url: resource.category for resource in crawl.gated}
    pages = {}
    for url, page, phase in crawl.requests:
        category = gated.get(url)
        if category is not None and forbidden(categories.get(category), phase):
            pages.setdefault((url, phase, category), []).append(page)
    return [
        AuditFinding(
            kind=FindingKind.VIOLATION,
            tracker=Tracker.REQUEST,
            name=url,
            domain=host_of(url),
            phase=phase,
            category=category,
            urls=unique(found_on),
        )
        for (url, phase, category), found_on in pages.items()
    ]


def embedded_findings(crawl, domains):
    """Iframes and scripts from other sites that no gate holds back, and gated ones whose
    domain no provider lists (a Wagtail embed then needs the banner's category for other
    embeds), each with the pages it is on."""
    pages = {}
    for embedded in crawl.embedded:
        if not embedded.category:
            kind, domain = FindingKind.UNGATED, host_of(embedded.url)
        elif not any(on_domains(url, domains) for url in embedded.sources):
            # What to add to its provider's domains; its subdomains then count too.
            kind, domain = FindingKind.UNCLAIMED, host_of(embedded.sources[0]).removeprefix("www.")
        else:
            continue
        key = (kind, embedded.tracker, embedded.url, domain, embedded.category)
        pages.setdefault(key, []).append(embedded.page)
    return [
        AuditFinding(
            kind=kind,
            tracker=tracker,
            name=url,
            domain=domain,
            party=Party.THIRD,
            # An ungated one is in the page from the start; a gated one waits for a choice.
            phase=Phase.BEFORE if kind == FindingKind.UNGATED else "",
            category=category,
            urls=unique(found_on),
        )
        for (kind, tracker, url, domain, category), found_on in pages.items()
    ]


def requests_before_choice(crawl):
    """Requests to other sites before any choice: [{"url": …, "page": …}], the first few."""
    found = {}
    for url, page, phase in crawl.requests:
        if phase == Phase.BEFORE and not is_first_party(host_of(url), host_of(page)):
            found.setdefault(url, page)
    return [{"url": url, "page": page} for url, page in list(found.items())[:MAX_REQUESTS_LISTED]]
