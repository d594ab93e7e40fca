"""A provider's domains: as editors write them, and whether a URL is served from one."""

import re
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

# Labels of letters, digits and hyphens, at least two of them, as a URL's host writes them.
DOMAIN = re.compile(r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
SEPARATORS = re.compile(r"[\s,;]+")
# How the URLs we link to begin, in any case: a web page's, and where one may write instead
# (a privacy policy), an email address's. A field may hold anything code or SQL wrote there.
LINKS = ("https://", "http://")
MAIL = ("mailto:",)


def parse_domains(text):
    """Each domain an editor listed, once, cleaned: one per line or separated by commas, a URL
    or "*.example.com" taken for its domain. Raises ValueError naming one that is not a domain."""
    found = []
    for item in SEPARATORS.split(text.strip().lower()):
        if not item:
            continue
        domain = host_of(item if "//" in item else f"//{item}").removeprefix("*.").lstrip(".")
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            domain = ""
        if not DOMAIN.match(domain):
            raise ValueError(
                _("“%(domain)s” is not a domain, such as youtube.com.") % {"domain": item}
            )
        if domain not in found:
            found.append(domain)
    return found


def host_of(url):
    """The host a URL names, lower case, without the trailing dot; "" if it names none."""
    try:
        return (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return ""


def web_page(url, mail=False):
    """`url` if it is a web page's address (http or https), or with `mail` an email address
    (mailto), to link to; "" otherwise: javascript:, data:, ftp:, a relative path..."""
    return url if url.lower().startswith(LINKS + MAIL if mail else LINKS) else ""


def on_domains(url, domains):
    """Whether `url` is served from one of `domains` or from one of their subdomains."""
    host = host_of(url)
    return bool(host) and any(host == domain or host.endswith(f".{domain}") for domain in domains)
