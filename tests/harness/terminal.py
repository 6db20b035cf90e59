"""The terminal as a user meets it: `make run`'s boot (the default command
line, with make run's ttysize=: init starts busybox sh with the console as its controlling terminal)
driven through tmux, a real terminal, exactly as `tools/qemu-boot
--interactive` runs it for `make run`.  Each step types keys and waits for
the screen to show what Linux would: a pipeline, `ls /proc/self/ | wc -l`,
canonical-mode editing in `head -1` (backspace), ^C to a running sleep and
the prompt back with $? 130, ^Z then `jobs`, `fg` and ^C, a background job
that reads the terminal stopped by SIGTTIN, and `vi` in raw mode.
"""
import os
import re
import subprocess
import sys
import time

from .config import LOG_DIR, QEMU_BOOT, relpath
from .results import Outcome, result
from .runner import Job

NAME = "terminal: busybox sh with job control, driven through tmux (make run)"
PROMPT = r"faultline:/#"              # lines are compared without trailing blanks
BOOT_SECONDS = 90               # GRUB loading the RAM disk under TCG, then the boot
STEP_SECONDS = 20
POLL_SECONDS = 0.2
SETTLE_SECONDS = 1.0            # let a started program reach its read or sleep before a key
COLS, ROWS = 80, 24
CMDLINE = f"ttysize={COLS}x{ROWS}"  # what make run passes for such a terminal

# (keys, regex the screen must then show, what it checks).  Keys are typed
# literally, then Enter, unless they are tmux key names in a tuple.  A regex
# ending in $ is matched against the whole screen's end (vi redraws it),
# any other after where the previous step's match ended.
STEPS = [
    ("echo hi | cat", r"\nhi\n" + PROMPT, "a pipeline"),
    ("ls /proc/self/ | wc -l", r"\n\s*[1-9]\d*\n" + PROMPT, "ls /proc/self/ | wc -l"),
    ("head -1", None, "head -1 reads the terminal"),
    (("a", "b", "c", "BSpace", "d", "Enter"), r"\nabd\n" + PROMPT, "erase in canonical mode"),
    ("sleep 100", None, "sleep 100"),
    (("C-c",), r"\^C\n" + PROMPT, "^C ends the foreground job"),
    ("echo rc=$?", r"\nrc=130\n" + PROMPT, "its status is 128+SIGINT"),
    ("sleep 100", None, "sleep 100 again"),
    (("C-z",), r"Stopped\s+sleep 100\n" + PROMPT, "^Z stops it"),
    ("jobs", r"\[1\]\+\s+Stopped\s+sleep 100\n" + PROMPT, "jobs lists it"),
    ("fg", r"\nsleep 100\n", "fg resumes it"),
    (("C-c",), r"\^C\n" + PROMPT, "^C ends it"),
    ("cat &", None, "a background job reading the terminal"),
    ("jobs", r"Stopped \(tty input\)\s+cat\n" + PROMPT, "SIGTTIN stops it"),
    ("kill -9 %1; echo killed", r"\nkilled\n", "kill it"),
    ("echo abc > /tmp/t; vi /tmp/t", r"\nabc\n(~\n)+- /tmp/t 1/1 100%$", "vi shows the file"),
    ((":q", "Enter"), PROMPT + r"$", "vi quits to the prompt"),
]


def terminal_job():
    def run(ctx):
        start = time.monotonic()
        log = os.path.join(LOG_DIR, "terminal-tmux.log")
        problems, screen = drive(ctx.isos[CMDLINE])
        with open(log, "w") as f:
            f.write(screen)
        excerpt = screen.rstrip().splitlines()[-20:] if problems else []
        return Outcome([result(NAME, problems)], time.monotonic() - start,
                       note=f"{len(STEPS)} steps", excerpt=excerpt, log=log)
    return Job(NAME, CMDLINE, run)


class Tmux:
    """A private tmux server (its own socket) with one session of COLS x ROWS."""

    def __init__(self, command):
        self.sock = f"faultline-term-{os.getpid()}-{time.monotonic_ns()}"
        self.tmux("new-session", "-d", "-s", "t", "-x", str(COLS), "-y", str(ROWS), command)
        self.tmux("set-option", "-t", "t", "history-limit", "5000")

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.sock, *args], capture_output=True, text=True)

    def screen(self):
        """Everything the terminal showed, scrollback included."""
        out = self.tmux("capture-pane", "-p", "-J", "-t", "t", "-S", "-")
        return "\n".join(l.rstrip() for l in out.stdout.splitlines()) if out.returncode == 0 else None

    def type(self, keys):
        if isinstance(keys, str):
            self.tmux("send-keys", "-t", "t", "-l", keys)
            self.tmux("send-keys", "-t", "t", "Enter")
        else:
            for k in keys:
                self.tmux("send-keys", "-t", "t", k)

    def close(self):
        self.tmux("kill-server")


def wait_for(term, regex, start, seconds):
    """The match of regex in the screen at or after offset start, or None."""
    deadline = time.monotonic() + seconds
    rx = re.compile(regex)
    while time.monotonic() < deadline:
        text = term.screen()
        if text is None:
            return None             # tmux (QEMU) is gone
        if regex.endswith("$"):     # the screen's end: vi may have redrawn what was before
            m = rx.search(text.rstrip())
        else:
            m = rx.search(text + "\n", start)
        if m:
            return m
        time.sleep(POLL_SECONDS)
    return None


def drive(iso):
    """Run the steps; (problems, the final screen)."""
    command = f"{sys.executable} {QEMU_BOOT} --iso {iso} --interactive --mem 128M"
    term = Tmux(command)
    problems = []
    try:
        m = wait_for(term, PROMPT, 0, BOOT_SECONDS)
        if not m:
            return [f"no {PROMPT!r} prompt after {BOOT_SECONDS} s"], term.screen() or ""
        pos = m.end()
        for keys, expect, what in STEPS:
            term.type(keys)
            if not expect:
                time.sleep(SETTLE_SECONDS)
                continue
            m = wait_for(term, expect, pos, STEP_SECONDS)
            if not m:
                problems.append(f"{what}: after {keys!r} the screen never matched /{expect}/ "
                                f"(see {relpath(os.path.join(LOG_DIR, 'terminal-tmux.log'))})")
                break
            pos = m.end()
        return problems, term.screen() or ""
    finally:
        term.close()
