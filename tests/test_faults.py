"""The sandbox keeps serving while Redis or the log's database is down, under gunicorn.

Real servers (sandbox/servers.py): a Redis and a PostgreSQL of the log's own, crashed and
started again while visitors read pages and make choices. Pages answer 200 and every choice
sets its cookie throughout; a choice the log could not take is answered 503 and logged.
"""

import json
import re
import socket
import time
import uuid
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import psycopg
import pytest

from sandbox import servers

pytestmark = pytest.mark.multiprocess

PAGES = ("/fr/", "/en/", "/fr/charte-cookies/", "/en/cookie-policy/")
LOST = "Consent record lost"


@pytest.fixture(scope="module")
def site():
    """(the sandbox, its Redis, the log's PostgreSQL), served by two workers."""
    try:
        with (
            servers.redis_process() as redis,
            servers.postgres_process() as log_database,
            servers.postgres_database() as database,
            servers.sandbox(
                database,
                redis.url,
                workers=2,
                env={"CONSENT_LOG_DATABASE_URL": log_database.url},
            ) as served,
        ):
            yield served, redis, log_database
    except servers.Unavailable as missing:
        pytest.skip(str(missing))


def get(served, path):
    with urlopen(served.url + path, timeout=30) as response:  # noqa: S310 (our own server)
        return response.status, response.read().decode()


def pages_answer(served):
    """Each page answers 200 with the banner; returns the French home page's banner config."""
    configs = {}
    for path in PAGES:
        status, html = get(served, path)
        assert status == 200, path
        found = re.search(r'<script id="charte-config"[^>]*>(.*?)</script>', html)
        assert found, f"{path} has no banner"
        configs[path] = json.loads(found[1])
    return configs["/fr/"]


def choose(served, config):
    """Refuses everything as the script does: (status, Set-Cookie, JSON answer or None)."""
    refusable = [c["slug"] for c in config["categories"] if c["basis"] != "necessary"]
    body = {
        "v": config["version"],
        "ts": int(time.time()),
        "id": uuid.uuid4().hex,
        "c": dict.fromkeys(refusable, False),
        "snapshot": config["snapshot"],
        "method": "refuse_all",
    }
    request = Request(  # noqa: S310 (our own server)
        served.url + config["endpoint"],
        json.dumps(body).encode(),
        {"Content-Type": "application/json", "Origin": served.url},
    )
    try:
        with urlopen(request, timeout=30) as response:  # noqa: S310 (our own server)
            return response.status, response.headers.get("Set-Cookie", ""), None
    except HTTPError as answer:
        return answer.code, answer.headers.get("Set-Cookie", ""), json.loads(answer.read())


def records(log_database):
    with psycopg.connect(log_database.url) as connection:
        return connection.execute("SELECT count(*) FROM wagtail_charte_consentrecord").fetchone()[0]


def flush(redis):
    """Empties Redis: the next page of each kind is a cache miss."""
    port = int(redis.url.rsplit(":", 1)[1].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"FLUSHALL\r\n")
        assert sock.recv(16).startswith(b"+OK")


def test_pages_and_choices_outlive_redis(site):
    served, redis, log_database = site
    config = pages_answer(served)
    before = records(log_database)
    redis.server.crash()
    try:
        for _ in range(3):  # each worker meets the dead cache
            config = pages_answer(served)
            status, cookie, _ = choose(served, config)
            assert (status, cookie.startswith("cookies_preferences=")) == (204, True)
        assert records(log_database) == before + 3
    finally:
        redis.server.start()
    pages_answer(served)
    assert choose(served, config)[0] == 204
    # One line a minute about the failing cache, not one per request.
    reports = served.error_log.read_text().count("The cache fails")
    assert 1 <= reports <= 2  # at most one per worker


def test_pages_and_choices_outlive_the_log_database(site):
    served, redis, log_database = site
    config = pages_answer(served)
    before = records(log_database)
    log_database.server.crash()
    try:
        flush(redis)  # the banners are built again while the log's database is down
        for _ in range(3):
            assert pages_answer(served)["snapshot"] == config["snapshot"]
            status, cookie, answer = choose(served, config)
            assert (status, cookie.startswith("cookies_preferences=")) == (503, True)
            assert answer == {"error": "the choice is set but could not be recorded"}
    finally:
        log_database.server.start()
    assert served.error_log.read_text().count(LOST) == 3
    status, cookie, _ = choose(served, pages_answer(served))
    assert (status, cookie.startswith("cookies_preferences=")) == (204, True)
    assert records(log_database) == before + 1
