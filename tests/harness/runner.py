"""Running the suite: ISOs first, then the boots and jobs PARALLEL at a time
(slowest first), a progress line as each ends, and the closing count.

Job is a step that is not a plain Boot (gdb, decode-oops, info tlb, the host
tests, ...): run(ctx) returns its Outcome.
"""
import concurrent.futures
import dataclasses
import time
from typing import Callable, Optional

from .boot import run_boot
from .config import ISO_DIR, LOG_DIR, PARALLEL, relpath
from .images import make_isos, prepare_inputs
from .results import Progress, failed_outcome, harness_error


@dataclasses.dataclass
class Job:
    """A named step of the suite that is not a plain Boot (gdb, decode-oops, info tlb)."""
    name: str
    cmdline: Optional[str]      # the ISO it boots, built with the others; None: none or its own
    run: Callable
    after_boots: bool = False   # needs a boot's log: runs once the boots are done
    needs: tuple = ()           # names of the boots whose logs it reads


def run_suite(boots, jobs):
    """Run these boots and jobs; print the progress and the closing line; return the exit status."""
    start = time.monotonic()
    progress = Progress(len(boots) + len(jobs))
    ctx = prepare_inputs()
    iso_errors = build_isos(ctx, boots, jobs)
    runnable_boots = [b for b in boots if b.cmdline in ctx.isos]
    runnable_jobs = [j for j in jobs if j.cmdline is None or j.cmdline in ctx.isos]
    for item in [b for b in boots if b not in runnable_boots] + \
                [j for j in jobs if j not in runnable_jobs]:
        progress.report(item.name, failed_outcome(item.name, iso_errors[item.cmdline]))
    run_all(ctx, runnable_boots, runnable_jobs, progress)
    print(f"# suite took {time.monotonic() - start:.1f} s; logs in {relpath(LOG_DIR)}/")
    return progress.finish()


def build_isos(ctx, boots, jobs):
    """The ISOs of every command line booted; returns {cmdline: problem} for failures."""
    cmdlines = {b.cmdline for b in boots} | {j.cmdline for j in jobs if j.cmdline}
    t0 = time.monotonic()
    iso_errors = make_isos(ctx, cmdlines)
    print(f"# built {len(ctx.isos)} ISOs in {time.monotonic() - t0:.1f} s "
          f"({relpath(ISO_DIR)}/); booting {PARALLEL} at a time under TCG", flush=True)
    return iso_errors


def run_all(ctx, boots, jobs, progress):
    """PARALLEL at a time, in list order (slowest first); jobs that read a boot's log last."""
    # The longest work starts first (the two user-program boots, a minute or
    # more each, then the long jobs); the many short boots fill in around it.
    longest = [b for b in boots if b.name.startswith("user programs")]
    first = [(b.name, lambda b=b: run_boot(b, ctx)) for b in longest]
    first += [(j.name, lambda j=j: j.run(ctx)) for j in jobs if not j.after_boots]
    first += [(b.name, lambda b=b: run_boot(b, ctx)) for b in boots if b not in longest]
    later = [(j.name, lambda j=j: j.run(ctx)) for j in jobs if j.after_boots]
    for batch in (first, later):
        with concurrent.futures.ThreadPoolExecutor(PARALLEL) as pool:
            futures = {pool.submit(fn): name for name, fn in batch}
            for fut in concurrent.futures.as_completed(futures):
                progress.report(futures[fut], outcome_of(fut, futures[fut]))


def outcome_of(fut, name):
    """The job's Outcome; a job that raised (a harness bug) is a failure."""
    try:
        return fut.result()
    except Exception as e:  # noqa: BLE001 - any harness error is reported as a failure
        return harness_error(name, e)
