"""The RQ worker: builds the app once, before any job runs, and hands it to the job runner."""

from __future__ import annotations

import click


def start_worker(burst: bool = False) -> None:
    """Start a worker on the 'legalops' queue."""
    from legalops.app import create_app
    from legalops.jobs import queue as jobs_queue

    app = create_app()
    url = app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("LEGALOPS_REDIS_URL is not set: jobs already run inside the app process.")
    from redis import Redis
    from rq import Queue, Worker

    jobs_queue.use_worker_app(app)
    from legalops.documents.render import preload

    preload()  # WeasyPrint costs ~0.9 s to import: pay it once here, not in every forked job
    connection = Redis.from_url(url)
    Worker([Queue("legalops", connection=connection)], connection=connection).work(burst=burst, with_scheduler=True)
