"""The audit that "Run now" queues, run by the tasks framework Wagtail's own tasks use."""

from django_tasks import task

from . import lock
from .models import AuditRun, RunStatus
from .run import RUN_NOW_TIME_LIMIT, loaded_any_page, run_audit, save_audit


@task()
def run_queued_audit(run_id):
    """Runs the queued run `run_id` through the test client: running, then done or failed.

    A failed run keeps the error's text; the report words it in the reader's language.
    """
    # Claimed once: a backend that delivers the task twice does not crawl twice.
    if not AuditRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING
    ):
        return
    run = AuditRun.objects.get(pk=run_id)
    try:
        run, findings = run_audit(seconds=RUN_NOW_TIME_LIMIT, run=run)
        if loaded_any_page(run):
            save_audit(run, findings)
        else:
            mark_failed(run)
    except Exception as error:
        mark_failed(run, str(error) or type(error).__name__)
        # The backend records the task as failed, with its traceback.
        raise
    finally:
        # "Run now" took it when it queued the run.
        lock.release(lock.for_run(run_id))


def mark_failed(run, error=""):
    run.status, run.error = RunStatus.FAILED, error
    run.save()
