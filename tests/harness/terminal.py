"""The terminal as a user meets it: `make run`'s boot (the default command
line, with make run's ttysize=: init starts busybox sh with the console as its controlling terminal)
driven through tmux, a real terminal, exactly as `tools/qemu-boot
--interactive` runs it for `make run`.  Each step types keys and waits for
the screen to show what Linux would: a pipeline, `ls /proc/self/ | wc -l`,
canonical-mode editing in `head -1` (backspace), ^C to a running sleep and
the prompt back with $? 130, ^Z then `jobs`, `fg` and ^C, a background job
that reads the terminal stopped by SIGTTIN, and `vi` in raw mode.

First, in the same boot, README's own shell session: every line of a
```console block in README.md that starts with "faultline:/# " is typed,
and the lines under it, up to the next prompt line or the block's end, must
follow it on the screen (readme_steps), so README and the tour cannot drift
apart.  The check is loose where a build changes the numbers: a number of
two or more digits (decimal, or hex after 0x) matches any number, and runs
of blanks match any blanks; single digits, words and punctuation must be
exactly as README shows them.
"""
import os
import re
import subprocess
import sys
import time

from .config import LOG_DIR, QEMU_BOOT, REPO, relpath
from .results import Outcome, result
from .runner import Job

NAME = "terminal: busybox sh with job control, driven through tmux (make run)"
README_NAME = "terminal: README's shell session, typed at make run's prompt"
README = os.path.join(REPO, "README.md")
README_PROMPT = "faultline:/# "          # a command line in a ```console block
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


def readme_session(path=README):
    """[(command, [expected lines])] from README's ```console blocks."""
    steps, in_block = [], False
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if line.startswith("```"):
                in_block = line.strip() == "```console"
            elif in_block and line.startswith(README_PROMPT):
                steps.append((line[len(README_PROMPT):], []))
            elif in_block and steps:
                steps[-1][1].append(line.rstrip())
    return steps


# A number of two or more digits: a size, an address, an offset.
HEX, DEC, BLANKS = r"0x[0-9a-fA-F]{2,}", r"\d{2,}", r"[ \t]+"
LOOSE = re.compile(f"({HEX}|{DEC}|{BLANKS})")


def loose_line(line):
    """A regex for one README output line: see the module's docstring."""
    out = []
    for part in LOOSE.split(line):
        if not part:
            continue
        if re.fullmatch(HEX, part):
            out.append(r"0x[0-9a-fA-F]+")
        elif re.fullmatch(DEC, part):
            out.append(r"\d+")
        elif re.fullmatch(BLANKS, part):
            out.append(BLANKS)
        else:
            out.append(re.escape(part))
    return "".join(out)


def readme_steps(path=README):
    """README's session as STEPS: the command, then its lines, then the prompt."""
    steps = []
    for cmd, lines in readme_session(path):
        body = "".join(r"\n" + loose_line(l) for l in lines)
        steps.append((cmd, re.escape(cmd) + body + r"\n" + PROMPT, f"README: {cmd}"))
    return steps


def terminal_job():
    def run(ctx):
        start = time.monotonic()
        log = os.path.join(LOG_DIR, "terminal-tmux.log")
        readme = readme_steps()
        problems, screen = drive(ctx.isos[CMDLINE], [readme, STEPS])
        with open(log, "w") as f:
            f.write(screen)
        excerpt = screen.rstrip().splitlines()[-20:] if any(problems) else []
        if not readme:
            problems[0].append(f"no {README_PROMPT!r} line in a ```console block of README.md")
        return Outcome([result(README_NAME, problems[0]), result(NAME, problems[1])],
                       time.monotonic() - start, note=f"{len(readme)} + {len(STEPS)} steps",
                       excerpt=excerpt, log=log)
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


def drive(iso, step_lists):
    """Run each list of steps in turn in one boot, a list stopping at its
    first failure; (problems per list, the final screen)."""
    command = f"{sys.executable} {QEMU_BOOT} --iso {iso} --interactive --mem 128M"
    term = Tmux(command)
    problems = [[] for _ in step_lists]
    try:
        m = wait_for(term, PROMPT, 0, BOOT_SECONDS)
        if not m:
            problems[-1].append(f"no {PROMPT!r} prompt after {BOOT_SECONDS} s")
            return problems, term.screen() or ""
        pos = m.end()
        for steps, bad in zip(step_lists, problems):
            for keys, expect, what in steps:
                term.type(keys)
                if not expect:
                    time.sleep(SETTLE_SECONDS)
                    continue
                m = wait_for(term, expect, pos, STEP_SECONDS)
                if not m:
                    bad.append(f"{what}: after {keys!r} the screen never matched /{expect}/ "
                               f"(see {relpath(os.path.join(LOG_DIR, 'terminal-tmux.log'))})")
                    break
                pos = m.end()
            if bad:             # whatever is on the screen, go on from its end
                text = term.screen() or ""
                term.type("echo resync-$((6*7))")
                m = wait_for(term, r"\nresync-42\n" + PROMPT, len(text) - 200 if len(text) > 200 else 0, STEP_SECONDS)
                pos = m.end() if m else len(text)
        return problems, term.screen() or ""
    finally:
        term.close()
