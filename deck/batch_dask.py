"""`deck build --each … --executor dask`: the same rows, built on a Dask cluster.

Dask's scheduler does the distributing (no home-made one here); each task is `batch.build_row`,
so a row's deck is byte for byte the one a local run writes. The outline, its files and the
output folder must be at the same paths on every worker (a shared file system). Needs
`pip install 'deck[dask]'`.
"""

from __future__ import annotations

from .errors import Diagnostic, InputError, Span


def run_dask(tasks: list, scheduler, progress) -> list:
    """RowReports for `tasks`, built on the cluster at `scheduler` (an address such as
    tcp://host:8786, or a distributed.Client)."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError([Diagnostic(Span("--executor"), "dask needs distributed: "
                                     "pip install 'deck[dask]'")]) from None
    from .batch import build_row, result

    if scheduler is None:
        raise InputError([Diagnostic(Span("--scheduler"), "--executor dask needs "
                                     "--scheduler tcp://HOST:8786")])
    own = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler, timeout="20s") if own else scheduler
    except OSError as exc:
        raise InputError([Diagnostic(Span("--scheduler"), f"cannot reach the Dask scheduler "
                                     f"at {scheduler}: {exc}")]) from None
    reports = []
    try:
        futures = client.map(build_row, tasks, pure=False)
        by_future = dict(zip(futures, tasks))
        for future in as_completed(futures):
            reports.append(result(future, by_future[future]))
            if progress:
                progress(len(reports), len(tasks), sum(not r.ok for r in reports))
    finally:
        if own:
            client.close()
    return reports
