#!/usr/bin/env python3
"""tests/host/fuzz/mkseeds_multiboot.py - write the multiboot2 seeds of
fuzz_multiboot into corpus/multiboot/ (committed; rerun after changing this).

Each seed is an information block after its 8-byte header (fuzz_multiboot
writes total_size itself): the tags GRUB gives faultline under QEMU
(multiboot2 spec 3.6: command line, boot loader name, modules, the BIOS
memory map, EFI64), each 8-byte aligned, then the end tag.
"""
import os
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "multiboot")


def tag(type_, payload):
    body = struct.pack("<II", type_, 8 + len(payload)) + payload
    return body + b"\0" * (-len(body) % 8)


def string(type_, s):
    return tag(type_, s.encode() + b"\0")


def module(start, end, name):
    return tag(3, struct.pack("<II", start, end) + name.encode() + b"\0")


def mmap(entries):
    return tag(6, struct.pack("<II", 24, 0) + b"".join(struct.pack("<QQII", a, l, t, 0) for a, l, t in entries))


END = struct.pack("<II", 0, 8)
QEMU_MAP = [(0, 0x9fc00, 1), (0x9fc00, 0x400, 2), (0xf0000, 0x10000, 2),
            (0x100000, 0x3ee0000, 1), (0x3fe0000, 0x20000, 2), (0xfffc0000, 0x40000, 2)]

SEEDS = {
    "grub_bios": string(1, "panic=1 ktest=all") + string(2, "GRUB 2.06-13+deb12u1")
    + module(0x200000, 0x1200000, "/boot/rootfs.img") + tag(10, struct.pack("<HHI", 0, 0, 0))
    + mmap(QEMU_MAP) + END,
    "grub_efi": string(1, "") + string(2, "GRUB 2.06") + tag(12, struct.pack("<Q", 0x7fe8e000))
    + mmap(QEMU_MAP[:3]) + END,
    "two_modules": mmap(QEMU_MAP) + module(0x400000, 0x401000, "a") + module(0x402000, 0x402000, "")
    + string(1, "BOOT_IMAGE=/boot/kernel.elf quiet") + END,
    "no_mmap": string(1, "loglevel=7") + END,
    "mmap_wide_entries": tag(6, struct.pack("<II", 32, 0) + struct.pack("<QQIIQ", 0, 1 << 30, 1, 0, 0) * 3) + END,
}

if __name__ == "__main__":
    os.makedirs(HERE, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
