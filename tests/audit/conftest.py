import json

import pytest
from django.core.management import call_command
from django_tasks import default_task_backend


class Audit:
    """What `charte_audit` answered: its exit status and its report."""

    def __init__(self, status, output):
        self.status = status
        self.output = output

    @property
    def report(self):
        return json.loads(self.output)

    def findings(self, kind=None, name=None):
        return [
            f
            for f in self.report["findings"]
            if (kind is None or f["kind"] == kind) and (name is None or f["name"] == name)
        ]


@pytest.fixture
def audit(tmp_path):
    """Runs `charte_audit` with these arguments; the exit status is 0, 1, or CommandError's."""

    def run(*args):
        path = tmp_path / "out.txt"
        with open(path, "w") as out:
            try:
                call_command("charte_audit", *args, stdout=out)
                status = 0
            except SystemExit as exit:
                status = exit.code
        return Audit(status, path.read_text())

    return run


@pytest.fixture
def run_now(django_capture_on_commit_callbacks):
    """Posts "Run now" as `client`; the task is enqueued once the run is committed."""

    def post(client):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/admin/reports/charte-audit/run/")

    return post


@pytest.fixture
def task_queue(settings):
    """A backend that keeps the tasks enqueued, as a queue does until a worker takes them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return default_task_backend.results
