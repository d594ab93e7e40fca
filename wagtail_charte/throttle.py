"""The consent endpoint's rate limits, counted in the shared cache.

Per client address (an IPv6 network of /64, which one host holds) and per consent id. With a
per-process cache each worker would count apart: the limits are off (check W002 says so).
A cache that fails lets choices through.
"""

import ipaddress
import math
import time

from . import cache, conf, outages
from .checks import PER_PROCESS_CACHES

PREFIX = "wagtail_charte:throttle"
ADDRESS_WINDOW = 60  # seconds: CONSENT_RATE_PER_ADDRESS counts choices per minute


class Throttled(Exception):
    """Too many choices: `retry_after` seconds until the next one is accepted."""

    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = retry_after


def is_on():
    """Whether the limits apply: only a cache that every process shares counts for all."""
    return not isinstance(cache.backend(), PER_PROCESS_CACHES)


def check_address(request, now=None):
    """Raises Throttled past CONSENT_RATE_PER_ADDRESS choices this minute from the client."""
    limit = conf.get("CONSENT_RATE_PER_ADDRESS")
    network = client_network(request)
    if not limit or network is None or not is_on():
        return
    now = time.time() if now is None else now
    window = int(now // ADDRESS_WINDOW)
    key = f"{PREFIX}:address:{network}:{window}"
    counter = cache.backend()
    try:
        counter.add(key, 0, ADDRESS_WINDOW + 1)
        count = counter.incr(key)
    except Exception as error:  # any backend's own error
        outages.report(outages.CACHE, error)
        return
    if count > limit:
        raise Throttled(math.ceil((window + 1) * ADDRESS_WINDOW - now))


def check_consent_id(consent_id):
    """Raises Throttled if the id made a choice less than CONSENT_INTERVAL_PER_ID seconds ago."""
    interval = conf.get("CONSENT_INTERVAL_PER_ID")
    if not interval or not is_on():
        return
    try:
        first = cache.backend().add(f"{PREFIX}:id:{consent_id}", 1, interval)
    except Exception as error:  # any backend's own error
        outages.report(outages.CACHE, error)
        return
    if not first:
        raise Throttled(interval)


def client_network(request):
    """The client's address, IPv6 ones as their /64; None when unknown.

    With CLIENT_ADDRESS_HEADER, its last entry (the one the site's own proxy adds); else the
    connection's, unless it is not a public address: then it is a proxy's, not a visitor's.
    """
    header = conf.get("CLIENT_ADDRESS_HEADER")
    if header:
        address = request.headers.get(header, "").rsplit(",", 1)[-1].strip()
    else:
        address = request.META.get("REMOTE_ADDR", "")
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if not header and not ip.is_global:
        return None
    return str(ip) if ip.version == 4 else str(ipaddress.ip_network(f"{ip}/64", strict=False))
