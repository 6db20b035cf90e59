"""decode-oops: tools/decode-oops resolves the saved rodata_write oops (the
"crash rodata_write" boot's log) to crash.c:LINE.

The source path is matched with any directory prefix, so the check holds
wherever crash.c lives in the tree.
"""
import os
import re
import subprocess
import sys
import time

from .config import DECODE_OOPS, LOG_DIR
from .results import Outcome, result
from .runner import Job

NAME = "decode-oops rodata_write"
NEEDS = "crash rodata_write"            # the boot whose log is decoded
RIP_RESOLVED = re.compile(r"^RIP crash_write_rodata\+0x[0-9a-f]+/0x[0-9a-f]+ -> "
                          r"(?:[\w./-]+/)?crash\.c:\d+")


def decode_oops_job():
    log = os.path.join(LOG_DIR, "crash-rodata_write.log")

    def run(ctx):
        start = time.monotonic()
        proc = subprocess.run([sys.executable, DECODE_OOPS, "--elf", ctx.elf_path, log],
                              capture_output=True, text=True)
        out = proc.stdout.splitlines()
        return Outcome([result(NAME, decode_problems(proc, out))], time.monotonic() - start,
                       excerpt=out + proc.stderr.splitlines(), log=log)
    return Job(NAME, None, run, after_boots=True, needs=(NEEDS,))


def decode_problems(proc, out):
    if proc.returncode:
        return [f"decode-oops exited {proc.returncode}: {proc.stderr.strip()}"]
    if not any(RIP_RESOLVED.match(l) for l in out):
        return ["the RIP frame did not resolve to crash.c:LINE"]
    return []
