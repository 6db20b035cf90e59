"""The crash=NAME scenarios (the CRASH_SCENARIOs of crash.c) and what each
oops must say: the function and instruction RIP names, the die header, the
page-fault details, the panic message.
"""
import dataclasses
from typing import Optional


@dataclasses.dataclass(frozen=True)
class PageFault:
    error_code: int
    access: str                 # "write access", "instruction fetch"
    reason: str                 # "permissions violation", "not-present page"
    target: Optional[str]       # symbol at the faulting address; None: address 0
    leaf: str                   # what the last walked entry must be: "ro", "nx" or "absent"


@dataclasses.dataclass(frozen=True)
class Scenario:
    name: str
    func: Optional[str]         # the function RIP names; None: RIP is pf.target (data)
    insn: Optional[str]         # the faulting instruction (objdump), None: any in func
    header: str                 # the die header, a regex
    pf: Optional[PageFault] = None
    guard_page: bool = False    # stack overflow: reported from #DF
    panic: str = "Fatal exception"

    @property
    def caller(self):
        """The function the trace must name: the static CRASH_SCENARIO(name) one.

        For stack_overflow the trace is a long run of crash_recurse frames (it
        called itself until the stack ran out); its caller there is itself.
        """
        return "crash_recurse" if self.guard_page else "crash_" + self.name


STORE = r"^mov\w*\s+\S+,\(%r\w+\)"
SCENARIOS = [
    Scenario("rodata_write", "crash_write_rodata", STORE, r"^Oops: 0003 \[#1\]",
             PageFault(0x3, "write access", "permissions violation", "crash_rodata_value", "ro")),
    Scenario("ro_after_init_write", "crash_write_ro_after_init", STORE, r"^Oops: 0003 \[#1\]",
             PageFault(0x3, "write access", "permissions violation",
                       "crash_ro_after_init_value", "ro")),
    Scenario("null_deref", "crash_null_write", STORE, r"^Oops: 0002 \[#1\]",
             PageFault(0x2, "write access", "not-present page", None, "absent")),
    Scenario("nx_exec", None, None, r"^Oops: 0011 \[#1\]",
             PageFault(0x11, "instruction fetch", "permissions violation", "crash_data_page", "nx")),
    Scenario("stack_overflow", "crash_recurse", None, r"^stack guard page: 0000 \[#1\]",
             guard_page=True, panic="Fatal exception in interrupt"),
    Scenario("gp_fault", "crash_load_noncanonical", r"^mov\w*\s+\(%r\w+\),",
             r"^general protection fault(, probably for non-canonical address 0x[0-9a-f]+)?"
             r": 0000 \[#1\]"),
    Scenario("ud2", "crash_invalid_opcode", r"^ud2", r"^invalid opcode: 0000 \[#1\]"),
    Scenario("divide_error", "crash_divide", r"^i?div", r"^divide error: 0000 \[#1\]"),
]
