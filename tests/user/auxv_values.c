/*
 * The auxiliary vector and the top of the initial stack (docs/linux-abi.md §1,
 * §9), read with getauxval() and checked against the program's own ELF
 * header (read from argv[0] with open/read):
 *   AT_PAGESZ 4096, AT_CLKTCK 100, AT_PHENT 56, AT_PHNUM = e_phnum,
 *   AT_PHDR = 0x400000 + e_phoff (ET_EXEC at 0x400000), AT_ENTRY = e_entry,
 *   AT_BASE 0, AT_FLAGS 0, AT_UID/EUID/GID/EGID = getuid()..., AT_SECURE 0;
 *   AT_RANDOM non-NULL, 16 bytes not all zero, lying above the auxv and below
 *   the argv strings; AT_PLATFORM "x86_64"; AT_EXECFN is the string equal
 *   to argv[0] (the path passed to execve), stored above argv[0]'s string,
 *   and followed by exactly 8 zero bytes up to the page-aligned stack top.
 */
#include "ftest.h"
#include <elf.h>
#include <fcntl.h>
#include <sys/auxv.h>

int main(int argc, char **argv)
{
	Elf64_Ehdr eh;
	char **p;

	setvbuf(stdout, NULL, _IONBF, 0);
	int fd = open(argv[0], O_RDONLY);
	if (fd < 0 || read(fd, &eh, sizeof eh) != sizeof eh) {
		printf("cannot read own ELF header %s\n", errno_name(errno));
		return 1;
	}
	close(fd);

	printf("AT_PAGESZ %lu\n", getauxval(AT_PAGESZ));
	printf("AT_CLKTCK %lu\n", getauxval(AT_CLKTCK));
	printf("AT_PHENT %lu\n", getauxval(AT_PHENT));
	printf("AT_PHNUM equals e_phnum (%d) %d\n", eh.e_phnum,
	       getauxval(AT_PHNUM) == eh.e_phnum);
	printf("AT_PHDR equals 0x400000 + e_phoff %d\n",
	       getauxval(AT_PHDR) == 0x400000 + eh.e_phoff);
	printf("AT_ENTRY equals e_entry %d\n", getauxval(AT_ENTRY) == eh.e_entry);
	printf("AT_BASE %lu AT_FLAGS %lu\n", getauxval(AT_BASE),
	       getauxval(AT_FLAGS));
	printf("AT_UID %d AT_EUID %d AT_GID %d AT_EGID %d (match getuid etc.)\n",
	       getauxval(AT_UID) == getuid(), getauxval(AT_EUID) == geteuid(),
	       getauxval(AT_GID) == getgid(), getauxval(AT_EGID) == getegid());
	printf("AT_SECURE %lu\n", getauxval(AT_SECURE));

	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	int nonzero = 0;
	for (int i = 0; rnd && i < 16; i++)
		nonzero |= rnd[i];
	printf("AT_RANDOM non-NULL %d not all zero %d\n", rnd != NULL, nonzero != 0);
	for (p = argv + argc + 1; *p; p++)	/* skip envp */
		;
	uintptr_t auxv_start = (uintptr_t)(p + 1);
	printf("AT_RANDOM above auxv %d below argv[0] %d\n",
	       (uintptr_t)rnd > auxv_start, (uintptr_t)rnd + 16 <= (uintptr_t)argv[0]);

	const char *plat = (const char *)getauxval(AT_PLATFORM);
	printf("AT_PLATFORM \"%s\"\n", plat ? plat : "(none)");

	const char *fn = (const char *)getauxval(AT_EXECFN);
	printf("AT_EXECFN non-NULL %d\n", fn != NULL);
	if (!fn)
		return 0;
	printf("AT_EXECFN equals argv[0] %d\n", strcmp(fn, argv[0]) == 0);
	printf("AT_EXECFN is not argv[0] itself %d\n", fn != argv[0]);
	printf("AT_EXECFN above argv[0] %d\n", fn > argv[0]);
	uintptr_t end = (uintptr_t)fn + strlen(fn) + 1;
	uint64_t tail;
	memcpy(&tail, (void *)end, 8);
	printf("8 bytes after AT_EXECFN are zero %d\n", tail == 0);
	printf("stack top page-aligned right after them %d\n",
	       (end + 8) % PAGE_SIZE == 0);
	return 0;
}
