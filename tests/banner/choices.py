"""Consent choices as the banner's script posts them."""

import json
import time

CONSENT_URL = "/charte/consent/"


def choice(**overrides):
    return {
        "v": 1,
        "ts": int(time.time()),
        "id": "0123456789abcdef0123456789abcdef",
        "c": {"statistics": False},
        **overrides,
    }


def post_choice(client, body, **headers):
    headers = {"HTTP_ORIGIN": "http://testserver", **headers}
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(CONSENT_URL, data, content_type="application/json", **headers)
