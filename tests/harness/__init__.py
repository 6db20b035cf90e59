"""The `make test` harness (tests/run_tests.py is its entry point).

What is checked, and where:

  ktest.py      ktest=all, 64 MiB BIOS / 8 GiB BIOS / 256 MiB UEFI: the KTAP
                output; every "ok N name" / "not ok N name" line is one result
  oops.py       crash=NAME panic=1: the oops, line by line, against
                kernel.elf itself (docs/linux-abi.md §13): the
                symbol and offset of RIP, the 64 Code: bytes, the page walk,
                CR2, the call trace, the panic, exit status 35
                (scenarios.py: what each scenario must say; pagewalk.py: the
                PGD..PTE line)
  badinput.py   unknown ktest / crash names, a command line over 2048 bytes,
                loglevel=abc, CPUs without long mode or NX, a truncated RAM disk
  compare.py    the user programs against their Linux output, twice (default
                CPU, and -cpu max with SMEP+SMAP)
  diskcheck.py  the default-CPU run's RAM disk, saved after it (brd.save,
                qemu-boot --save-disk): e2fsck -fn is clean, and the file
                tests/user/disk_hostcheck wrote reads back on the host
  pftrace.py    tools/qrun --cmdline pftrace names each fault's path
  faultline_only.py  tests/faultline/*.c (MAP_NOFAULT...) through qrun, against
                hand-written expected output
  gdb.py        gdb in batch mode through QEMU's stub: bt through the trap frame,
                every fl- command of tools/gdb/faultline.py, decode-oops on fl-oops
  decode.py     tools/decode-oops resolves a saved oops to crash.c
  infotlb.py    the oops's page walk against QEMU's own view (info tlb)
  host.py       tests/host/run.sh: the ext2 and ELF parsers, the VMA tree
                and the XArray, on the host under ASan/UBSan; include/uapi's
                mmap, fcntl and stat numbers against the host's headers
  labs.py       tools/lab check: every lab (docs/labs) scores full marks on
                this tree and zero on a copy with the solutions stubbed out
  layout.py     tools/check-layout: the layering rules of docs/layout.md,
                every header compiling alone among them

and the machinery: config.py (paths, timeouts, exit codes), elf.py
(kernel.elf's bytes and symbols), logs.py (cleaning COM1 logs), boot.py (one
QEMU boot through tools/qemu-boot), images.py (the ISOs and RAM disks), runner.py (two at
a time, progress), results.py (counting, "N passed, N failed"), suite.py
(the list of tests, -k).

Timestamps ("[    0.123456] ") and GRUB's escape sequences are removed
before any line is matched.
"""
