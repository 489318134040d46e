"""Monte Carlo over a portfolio, in this process or on a Dask cluster, with the same numbers.

Work is split by plan and chunk: plan ``p`` draws chunk ``c`` from
``SeedSequence(seed, spawn_key=(plan_key(p), c))``, one stream per plan and chunk spawned from the
one seed, so a plan's probabilities depend on the seed and the plan alone — not on the number of
workers, on the order tasks finish, or on which other plans are in the folder. Dask
(``pip install -e '.[cluster]'``) is imported only when a cluster is asked for.
"""
from __future__ import annotations

import os
import re
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from sim.errors import SimError
from sim.meta import Msg
from sim.scenario.model import Scenario
from sim.spec.model import Spec

INSTALL = Msg("cluster.install")


CONNECT_S = 10           # seconds to reach a scheduler and for a first worker to join it
MAX_LOCAL_PER_CORE = 4   # local:N refuses N beyond this many worker processes per core


def plan_key(plan_id: str) -> int:
    """The random-stream key of a plan: CRC-32 of its id (stable across runs and machines)."""
    return zlib.crc32(plan_id.encode("utf-8"))


def _warm() -> None:
    import sim.assess.probability  # noqa: F401


class NotAScheduler(Exception):
    """The address accepts connections but does not answer as a Dask scheduler."""


def _probe(address: str) -> None:
    """Connect to ``address`` and exchange Dask's handshake within CONNECT_S seconds (Dask's own
    client waits for the handshake without a time limit: a port that accepts TCP and stays silent
    would hang it); NotAScheduler if the other end does not answer as a Dask scheduler."""
    import asyncio

    from distributed.comm import connect

    async def handshake():
        comm = await asyncio.wait_for(connect(address, timeout=CONNECT_S), CONNECT_S)
        await comm.close()

    with ThreadPoolExecutor(max_workers=1) as pool:   # its own event loop, whatever loop the caller runs
        try:
            pool.submit(asyncio.run, handshake()).result()
        except (TimeoutError, asyncio.TimeoutError):
            raise NotAScheduler(Msg("cluster.no_handshake", seconds=CONNECT_S)) from None
        except OSError as e:
            if type(e).__name__ != "CommClosedError":
                raise
            raise NotAScheduler(Msg("cluster.closed")) from None
        except Exception as e:   # a reply that is not Dask's protocol (an HTTP server, another service)
            raise NotAScheduler(Msg("cluster.not_dask", kind=type(e).__name__)) from e


class Cluster:
    """A Dask client for ``address``: ``local:N`` (a LocalCluster of N single-threaded worker
    processes; ``local:N:threads`` for N threads in this process) or ``tcp://HOST:PORT`` (an
    existing scheduler). Use as a context manager; ``run`` maps a function over items on it."""

    def __init__(self, address: str):
        import gc
        gc.enable()   # Dask's event loops make reference cycles (sim.cli.run turns the collector off)
        m = re.fullmatch(r"local:(\d+)(:threads)?|tcp://[^\s]+", address.strip())
        if not m or (m.group(1) is not None and int(m.group(1)) < 1):
            raise SimError(Msg("cluster.unread", address=address), field="--cluster", hint=Msg("cluster.unread_hint"))
        most = MAX_LOCAL_PER_CORE * (os.cpu_count() or 1)
        if m.group(1) is not None and int(m.group(1)) > most:
            raise SimError(Msg("cluster.too_many", address=address, most=most, cores=os.cpu_count() or 1),
                           field="--cluster", hint=Msg("cluster.too_many_hint"))
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise SimError(Msg("cluster.no_dask"), field="--cluster", hint=INSTALL) from None
        self.address = address
        self.local = None
        try:
            if m.group(1) is not None:
                n, threads = int(m.group(1)), bool(m.group(2))
                self.local = LocalCluster(n_workers=1 if threads else n, threads_per_worker=n if threads else 1,
                                          processes=not threads, dashboard_address=None)
                self.client = Client(self.local)
            else:
                _probe(address)
                self.client = Client(address, timeout=f"{CONNECT_S}s")
                self.client.wait_for_workers(1, timeout=CONNECT_S)
        except Exception as e:   # the boundary to another process: any failure is the address's
            self.close()
            what = Msg("cluster.no_worker") if isinstance(e, TimeoutError) and getattr(self, "client", None) \
                else e.args[0] if isinstance(e, NotAScheduler) \
                else Msg("cluster.failed", kind=type(e).__name__, detail=str(e).splitlines()[0][:200] if str(e) else "")
            raise SimError(Msg("cluster.cannot_use", address=address, why=what), field="--cluster",
                           hint=Msg("cluster.cannot_use_hint")) from None
        self.client.run(_warm)   # every worker imports the sampler once, before the first task

    def workers(self) -> int:
        """Threads across the cluster's workers."""
        return sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values())

    def run(self, fn: Callable, items: list) -> list:
        """``[fn(x) for x in items]`` as cluster tasks, results in order."""
        return self.client.gather(self.client.map(fn, items, pure=False))

    def close(self):
        for x in (getattr(self, "client", None), self.local):
            if x is not None:
                x.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def simulate_plans(specs: Sequence[Spec], scenario_of: Callable[[Spec], Scenario], draws: int, seed: int,
                   method: str = "auto", run: Callable | None = None,
                   progress: Callable[[int, int], None] | None = None) -> list[dict | SimError]:
    """``simulate_report`` of every plan with its own stream key (or the SimError that stopped it). With ``run`` (a cluster's), the
    chunks of every plan are in flight together; without, plans run one after another, each
    on this machine's threads."""
    from sim.assess.simulate import simulate_report

    def one(spec: Spec) -> dict | SimError:
        try:
            return simulate_report(spec, scenario_of(spec), draws, seed, method, key=(plan_key(spec.plan.id),),
                                   run=run)
        except SimError as e:   # this plan cannot be simulated under the scenario: said, the others go on
            return e

    out = []
    if run is None:
        for k, spec in enumerate(specs):
            out.append(one(spec))
            if progress:
                progress(k + 1, len(specs))
        return out
    with ThreadPoolExecutor(max_workers=min(16, len(specs)) or 1) as pool:   # submitters, not workers
        for k, rep in enumerate(pool.map(one, specs)):
            out.append(rep)
            if progress:
                progress(k + 1, len(specs))
    return out
