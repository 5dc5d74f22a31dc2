"""Extraction on a Dask cluster (`claimx extract --dask ADDRESS`): `pip install 'claimx[dask]'`.

The inputs are cut into the same chunks as a local run with workers; each
chunk is one task, `run.process_chunk`, so a Dask worker loads the pipeline
and rules once (they are cached per process) and sends back sheets already
rendered. Tasks are kept a few per worker ahead and their results taken in
input order, so memory stays flat on any corpus and the output is the local
run's, byte for byte. `local` starts a `LocalCluster` of worker processes on
this machine; any other address is a running scheduler (`dask scheduler`).

Workers read the articles themselves: paths are made absolute, and on
several machines they must be on storage every worker sees.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import deque
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from claimx.errors import UsageError
from claimx.run import Job, Outcome, chunk_size, chunks, process_chunk

if TYPE_CHECKING:
    from claimx.pipeline import Input


def dask_outcomes(
    address: str,
    job: Job,
    numbered: Sequence[tuple[int, Input]],
    stdin: bytes | None,
    workers: int,
) -> Iterator[Outcome]:
    """Outcomes in input order, computed on the cluster at `address` (or `local`)."""
    client, cluster = connect(address, workers)
    try:
        slots = max(1, sum(client.nthreads().values()))
        size = chunk_size(len(numbered), slots, job.batch_size)
        pending: deque[tuple[Sequence[tuple[int, Input]], Any]] = deque()
        for chunk in chunks([(i, _absolute(item)) for i, item in numbered], size):
            pending.append((chunk, client.submit(process_chunk, job, chunk, stdin, pure=False)))
            if len(pending) >= slots * 2:
                yield from _take(pending)
        while pending:
            yield from _take(pending)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def connect(address: str, workers: int) -> tuple[Any, Any]:
    """A client of the scheduler at `address`, or of a new LocalCluster for `local`."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise UsageError(
            "--dask needs Dask's distributed scheduler: pip install 'claimx[dask]'"
        ) from exc
    if address == "local":
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return Client(cluster), cluster
    try:
        return Client(address, timeout="10s"), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"--dask {address}: cannot reach the scheduler ({exc})") from exc


def _take(pending: deque[tuple[Sequence[tuple[int, Input]], Any]]) -> Iterator[Outcome]:
    chunk, future = pending.popleft()
    try:
        outcomes = future.result()
    except Exception as exc:  # KilledWorker, a lost connection: these articles fail, named
        reason = f"Dask task failed: {type(exc).__name__}: {exc}"
        for index, item in chunk:
            yield Outcome(index, error_path=item.path, error_reason=reason)
        return
    yield from outcomes


def _absolute(item: Input) -> Input:
    if item.file is None:
        return item
    return dataclasses.replace(item, file=item.file.absolute())
