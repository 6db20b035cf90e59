#!/usr/bin/env python3
"""tests/run_tests.py - the `make test` driver: boot faultline in QEMU, many ways.

Every boot is one ISO (tools/mkiso, one per distinct command line, built into
build/test-isos/) booted headless by tools/qemu-boot with COM1 saved to
build/test-logs/NAME.log.  Boots run two at a time.  The checks live in
tests/harness/ (one module per kind; see its __init__.py).

The last line is "N passed, N failed"; the exit status is 1 if anything
failed or timed out.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import runner, suite  # noqa: E402  (after the path is set)

EPILOG = """\
examples:
  tests/run_tests.py                   everything (what `make test` runs)
  tests/run_tests.py --list            the test names
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
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    chosen = suite.select(args.patterns)
    if not chosen.names:
        print(f"run_tests.py: no test matches {' or '.join(args.patterns)} (see --list)",
              file=sys.stderr)
        return 2
    if args.list:
        print("\n".join(chosen.names))
        return 0
    for name in chosen.added:
        print(f"also running {name!r}: a chosen test reads its log", flush=True)
    return runner.run_suite(chosen.boots, chosen.jobs)


if __name__ == "__main__":
    sys.exit(main())
