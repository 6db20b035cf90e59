"""kernel.elf itself: its loaded bytes by virtual address (Elf) and its
symbols and disassembly (Symbols), which the oops checks compare against.
"""
import re
import struct
import subprocess


class Elf:
    """Bytes and physical addresses of kernel.elf by virtual address.

    Uses the PT_LOAD program headers, which is what GRUB loads: they cover
    the padding between sections too, so the 64 Code: bytes can be compared
    even where they straddle the end of one section and the start of another.
    """
    PT_LOAD = 1
    PF_W = 2

    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()
        if self.data[:4] != b"\x7fELF" or self.data[4] != 2:
            raise ValueError(f"{path}: not an ELF64 file")
        phoff, = struct.unpack_from("<Q", self.data, 0x20)
        phentsize, phnum = struct.unpack_from("<HH", self.data, 0x36)
        self.segments = []
        for i in range(phnum):
            (p_type, flags, offset, vaddr, paddr, filesz,
             _memsz, _align) = struct.unpack_from("<IIQQQQQQ", self.data, phoff + i * phentsize)
            if p_type == self.PT_LOAD:
                self.segments.append((vaddr, filesz, offset, paddr, flags & self.PF_W))

    def _segment(self, vaddr):
        for seg in self.segments:
            if seg[0] <= vaddr < seg[0] + seg[1]:
                return seg
        return None

    def read(self, vaddr, size):
        """The file's bytes at [vaddr, vaddr + size), or None where not file-backed."""
        out = bytearray()
        for a in range(vaddr, vaddr + size):
            seg = self._segment(a)
            if seg is None:
                return None
            out.append(self.data[seg[2] + a - seg[0]])
        return bytes(out)

    def writable(self, vaddr):
        seg = self._segment(vaddr)
        return bool(seg and seg[4])

    def phys(self, vaddr):
        seg = self._segment(vaddr)
        return None if seg is None else seg[3] + vaddr - seg[0]


class Symbols:
    """nm -S of kernel.elf: name -> [(address, size or None)]."""

    def __init__(self, elf_path):
        self.path = elf_path
        out = subprocess.run(["nm", "-S", elf_path], capture_output=True, text=True,
                             check=True).stdout
        self.by_name = {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 4:
                self.by_name.setdefault(parts[3], []).append((int(parts[0], 16), int(parts[1], 16)))
            elif len(parts) == 3:
                self.by_name.setdefault(parts[2], []).append((int(parts[0], 16), None))

    def lookup(self, name, size=None):
        """(address, size) of name; among same-named statics, the one of the given size."""
        entries = self.by_name.get(name, [])
        for entry in entries:
            if size is None or entry[1] == size:
                return entry
        return entries[0] if entries else None

    def instructions(self, name):
        """[(address, text)] of a function, from objdump -d."""
        addr, size = self.lookup(name)
        out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", f"--start-address={addr:#x}",
                              f"--stop-address={addr + size:#x}", self.path],
                             capture_output=True, text=True, check=True).stdout
        insns = []
        for line in out.splitlines():
            m = re.match(r"^\s*([0-9a-f]+):\t(.*)$", line)
            if m:
                insns.append((int(m[1], 16), m[2].strip()))
        return insns
