#!/usr/bin/env python3
"""tests/run_tests.py - the `make test` driver: boot faultline in QEMU, many ways.

Every boot is one ISO (tools/mkiso, one per distinct command line, built into
build/test-isos/) booted headless by tools/qemu-boot with COM1 saved to
build/test-logs/NAME.log.  Boots run two at a time.  The checks live in
tests/harness/ (one module per kind; see its __init__.py).

Output is TAP (KTAP's format for the kernel's own tests): "ok N name" or
"not ok N name" per counted check, with "# " lines explaining a failure (a
unified diff, Linux's expected lines against faultline's, for a program's
output), a "# [i/n] ..." progress line per boot or job, and "1..N" at the
end.  The last line is "N passed, N failed"; the exit status is 1 if
anything failed or timed out.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import runner, suite  # noqa: E402  (after the path is set)

EPILOG = """\
examples:
  tests/run_tests.py                   everything (what `make test` runs)
  tests/run_tests.py sigbus_eof        one user program, in a boot of its own,
                                       compared with Linux (make test T=sigbus_eof)
  tests/run_tests.py sigbus_eof oom_hog  a user program and a faultline-only one
  tests/run_tests.py --list            the test names, then the program names
  tests/run_tests.py -k crash          every test whose name contains "crash"
  tests/run_tests.py -k '*BIOS' -k gdb two groups at once
A pattern with * ? [ is a glob that must match the whole name; any other
pattern is a substring.  Case is ignored.  A test that reads another boot's
log (decode-oops) brings that boot along.  Needs build/kernel.elf (and, for
the user programs, build/rootfs.img): `make all` first, or use `make test`.
"""


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="tests/run_tests.py", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Boot faultline in QEMU many ways and check every line it prints.")
    p.add_argument("--list", action="store_true", help="print the test names (after -k) and exit")
    p.add_argument("-k", dest="patterns", action="append", metavar="PATTERN",
                   help="run only tests whose name matches PATTERN (substring or glob; repeatable)")
    p.add_argument("names", nargs="*", metavar="NAME",
                   help="a user program (tests/user/NAME.c), a faultline-only program "
                        "(tests/faultline/NAME.c), or a test name or pattern as for -k")
    return p.parse_args(argv)


def print_list(chosen):
    """--list: the tests, then the programs a NAME can run alone."""
    print("\n".join(chosen.names))
    user, only = suite.program_names()
    print("# user programs, compared with Linux (tests/run_tests.py NAME):")
    print("\n".join(user))
    print("# faultline-only programs (tests/run_tests.py NAME):")
    print("\n".join(only))


def main(argv=None):
    args = parse_args(argv)
    chosen = suite.select(args.patterns, args.names)
    if not chosen.names:
        asked = (args.patterns or []) + args.names
        print(f"run_tests.py: no test or program matches {' or '.join(asked)} (see --list)",
              file=sys.stderr)
        return 2
    if args.list:
        if args.patterns or args.names:
            print("\n".join(chosen.names))
        else:
            print_list(chosen)
        return 0
    for name in chosen.added:
        print(f"# also running {name!r}: a chosen test reads its log", flush=True)
    return runner.run_suite(chosen.boots, chosen.jobs)


if __name__ == "__main__":
    sys.exit(main())
