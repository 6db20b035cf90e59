"""The labs (docs/labs): `tools/lab check` inside the suite.

The full tree must score full marks in every lab, and a copy of the tree
with every lab's solution replaced by its stub (labs/NAME/stubs) must score
zero in every lab, while still booting and running busybox's shell.  That
proves each stub really takes the solution away (a stub that left it in
place would score) and that the graded programs see the solution (a
solution no test notices would score zero in the full tree too).

Cost: one kernel build of the stubbed copy (only the stubbed files compile
again; the rest are this tree's objects) and two short boots with a small
RAM disk, about 35 s, run beside the user-program boots.
"""
import importlib.machinery
import importlib.util
import os
import time

from .config import LOG_DIR, REPO, relpath
from .results import Outcome, result
from .runner import Job

NAME = "labs: full marks on the full tree, zero on the stubbed tree (tools/lab check)"
TOOL = os.path.join(REPO, "tools", "lab")


def load_tool():
    """tools/lab as a module (it has no .py suffix: it is a command first)."""
    loader = importlib.machinery.SourceFileLoader("faultline_lab_tool", TOOL)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def labs_job():
    def run(ctx):
        start = time.monotonic()
        lab = load_tool()
        work = os.path.join(LOG_DIR, "labs")
        lines = []
        try:
            problems = lab.check(lab.lab_names(), work, kernel=ctx.elf_path, out=lines.append)
        except lab.LabError as e:
            problems = [str(e)]
        with open(os.path.join(work, "check.txt") if os.path.isdir(work) else os.devnull, "w") as f:
            f.write("\n".join(lines) + "\n")
        scores = [l for l in lines if l.startswith(("Score", "---"))]
        detail = scores if problems else []
        return Outcome([result(NAME, problems, detail)], time.monotonic() - start,
                       note=f"{len(lab.lab_names())} labs; grader output in {relpath(work)}/check.txt")
    return Job(NAME, None, run)
