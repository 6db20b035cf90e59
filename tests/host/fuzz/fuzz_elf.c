/*
 * tests/host/fuzz/fuzz_elf.c - libFuzzer target: fs/binfmt_elf.c elf_check()
 * on the first bytes of a file, as exec hands it the page it read.
 *
 * libFuzzer passes an exact-size heap copy, so ASan sees any read outside
 * [data, data + size).  On success the facts exec relies on are checked:
 * the program header table lies inside the buffer, at most ELF_MAX_LOAD
 * PT_LOAD entries were kept and each can be mapped (file size within memory
 * size, page offsets equal, no wrap, below ELF_USER_TOP) unless bad_load
 * says otherwise, load_lo/load_hi bound them, and a PT_INTERP path has a
 * sane length.  A broken fact is an abort, which libFuzzer reports as a crash.
 */
#include "elf.h"
#include "errno.h"
#include <stdio.h>
#include <stdlib.h>

#define FACT(cond)                                                                        \
	do {                                                                              \
		if (!(cond)) {                                                            \
			fprintf(stderr, "fuzz_elf: elf_check accepted a header where %s is false\n", #cond); \
			abort();                                                          \
		}                                                                         \
	} while (0)

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct elf_info info;
	int err = elf_check(data, size, &info);

	FACT(err == 0 || err == -ENOEXEC);
	if (err)
		return 0;
	FACT(info.type == ET_EXEC || info.type == ET_DYN);
	FACT(info.phnum >= 1 && info.phnum <= ELF_MAX_PHNUM);
	FACT((const u8 *)info.phdr_table >= data &&
	     (const u8 *)info.phdr_table + info.phnum * sizeof(Elf64_Phdr) <= data + size);
	FACT(info.nload <= ELF_MAX_LOAD);
	for (u32 i = 0; i < info.nload; i++) {
		const Elf64_Phdr *ph = &info.load[i];

		FACT(ph->p_type == PT_LOAD);
		FACT(ph->p_filesz <= ph->p_memsz);
		FACT(ph->p_offset % ELF_EXEC_PAGESIZE == ph->p_vaddr % ELF_EXEC_PAGESIZE);
		FACT(ph->p_vaddr + ph->p_memsz >= ph->p_vaddr);
		FACT(ph->p_vaddr + ph->p_memsz <= ELF_USER_TOP);
		FACT(info.load_lo <= ph->p_vaddr && ph->p_vaddr + ph->p_memsz <= info.load_hi);
	}
	if (info.has_interp)
		FACT(info.interp_size >= 2 && info.interp_size <= ELF_INTERP_MAX);
	return 0;
}
