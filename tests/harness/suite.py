"""The suite: every boot and job in the order they run (slowest first), and
choosing among them by name (-k PATTERN, or NAME: a test, a user program or
a faultline-only program).

A pattern with glob characters (* ? [) must match a whole test name; any
other pattern is a substring.  Both ignore case.  A job that reads another
boot's log (decode-oops reads "crash rodata_write") brings that boot along.
"""
import dataclasses
import fnmatch

from .badinput import bad_input_boots, corrupt_image_jobs, corrupt_rootfs_job
from .compare import expected_names, user_programs_boots, user_tests
from .decode import decode_oops_job
from .faultline_only import faultline_only_job, faultline_only_names
from .fuzz import fuzz_job
from .gdb import gdb_job
from .host import host_tests_job
from .infotlb import info_tlb_job
from .labs import labs_job
from .layout import layout_job
from .ktest import ktest_boots
from .oops import crash_boots
from .pftrace import pftrace_job
from .profile import profile_job
from .terminal import terminal_job

GLOB_CHARS = "*?["


@dataclasses.dataclass
class Selection:
    boots: list
    jobs: list
    added: list                 # boots not asked for that a chosen job needs

    @property
    def names(self):
        return [t.name for t in self.boots + self.jobs]


def suite():
    """(boots, jobs) of the whole suite."""
    boots = user_tests() + ktest_boots() + crash_boots() + bad_input_boots()   # the half-minute user boots first
    # Slowest first (each is a minute or so of sequential boots or host work),
    # so two at a time finish together rather than one long job at the end.
    jobs = [faultline_only_job(), host_tests_job(), fuzz_job(), labs_job(), pftrace_job(), profile_job(), terminal_job(), gdb_job(),
            info_tlb_job(), decode_oops_job(), corrupt_rootfs_job(), *corrupt_image_jobs(), layout_job()]
    return boots, jobs


def matches(name, pattern):
    if any(c in pattern for c in GLOB_CHARS):
        return fnmatch.fnmatchcase(name.lower(), pattern.lower())
    return pattern.lower() in name.lower()


def select_names(names):
    """run_tests.py NAME...: a user program (tests/user) or a faultline-only
    program (tests/faultline) by its name runs alone, in one boot for all the
    user programs named and one qrun job for the faultline-only ones; any
    other NAME is a test's name or a pattern as -k takes it.
    Returns (Selection of the programs, [the other names])."""
    user, only, rest = [], [], []
    user_names, only_names = set(expected_names()), set(faultline_only_names())
    for n in names:
        (user if n in user_names else only if n in only_names else rest).append(n)
    boots = user_programs_boots(user) if user else []
    jobs = [faultline_only_job(only)] if only else []
    return Selection(boots, jobs, []), rest


def program_names():
    """The programs run_tests.py NAME can run alone: (user, faultline-only)."""
    return expected_names(), faultline_only_names()


def select(patterns=None, names=None):
    """The tests matching any pattern or name (all without either), in suite order."""
    programs, rest = select_names(names or [])
    patterns = (patterns or []) + rest
    if not patterns:
        if names:
            return programs
        boots, jobs = suite()
        return Selection(boots, jobs, [])
    boots, jobs = suite()

    def chosen(t):
        return any(matches(t.name, p) for p in patterns)
    picked_jobs = [j for j in jobs if chosen(j)]
    needed = {n for j in picked_jobs for n in j.needs}
    picked_boots = [b for b in boots if chosen(b) or b.name in needed]
    added = [b.name for b in picked_boots if not chosen(b)]
    return Selection(programs.boots + picked_boots, programs.jobs + picked_jobs, added)
