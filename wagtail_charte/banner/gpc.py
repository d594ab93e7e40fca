"""Global Privacy Control on the server: the refusal banner.js records for `Sec-GPC: 1`."""

import time

from ..models import ConsentBasis


def gpc_choice(request, config, now=None) -> dict | None:
    """The choice banner.js records unasked for a browser that sends GPC, or None.

    Only when the banner honours GPC (`config.gpc`). Every `consent` category is refused;
    exempt ones are left out, so they stay on, as in the script. The choice has no id, since
    no cookie carries it yet; `read_consent` uses it when the request has no current choice.
    """
    # "1" is the header's only defined value.
    if not config.gpc or request.headers.get("Sec-GPC", "").strip() != "1":
        return None
    refused = {c.slug: False for c in config.categories if c.basis == ConsentBasis.CONSENT}
    return {
        "v": config.version,
        "ts": int(time.time() if now is None else now),
        "id": None,
        "c": refused,
    }
