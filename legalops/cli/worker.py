"""The RQ worker: builds the app once, before any job runs, and sweeps abandoned jobs every minute."""

from __future__ import annotations

import click


def worker_class():
    """Return an RQ Worker that sweeps jobs of dead workers each SWEEP_INTERVAL, even while idle."""
    from rq import Worker

    from legalops.jobs.sweeper import SWEEP_INTERVAL, sweep_abandoned_jobs

    class SweepingWorker(Worker):
        """RQ's worker, with our sweep before its own registry maintenance."""

        app = None

        @property
        def dequeue_timeout(self) -> int:
            # Wake up at least once per interval when idle, so the sweep runs on an idle worker too.
            return min(SWEEP_INTERVAL, max(1, self.worker_ttl - 15))

        def run_maintenance_tasks(self):
            try:
                sweep_abandoned_jobs(self.app, self.connection)
            except Exception:  # noqa: BLE001 - a failed sweep must not stop the worker
                self.log.exception("sweeping abandoned jobs failed")
            super().run_maintenance_tasks()

    return SweepingWorker


def start_worker(burst: bool = False) -> None:
    """Start a worker on the 'legalops' queue."""
    from legalops.app import create_app
    from legalops.jobs import queue as jobs_queue
    from legalops.jobs.sweeper import QUEUE, SWEEP_INTERVAL

    app = create_app()
    url = app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("LEGALOPS_REDIS_URL is not set: jobs already run inside the app process.")
    from redis import Redis
    from rq import Queue

    jobs_queue.use_worker_app(app)
    from legalops.documents.render import preload

    preload()  # WeasyPrint costs ~0.9 s to import: pay it once here, not in every forked job
    connection = Redis.from_url(url)
    worker = worker_class()([Queue(QUEUE, connection=connection)], connection=connection,
                            maintenance_interval=SWEEP_INTERVAL)
    worker.app = app
    worker.work(burst=burst, with_scheduler=True)


def sweep_jobs() -> dict[str, str]:
    """Sweep once (the `legalops sweep-jobs` command); return what happened to each abandoned job."""
    from legalops.app import create_app
    from legalops.jobs.sweeper import sweep_abandoned_jobs

    app = create_app()
    url = app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("LEGALOPS_REDIS_URL is not set: there is no queue to sweep.")
    from redis import Redis

    return sweep_abandoned_jobs(app, Redis.from_url(url))
