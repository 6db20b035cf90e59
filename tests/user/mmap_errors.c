/*
 * mmap-family errors through the raw system call, bypassing musl's own checks
 * (docs/linux-abi.md §7, §0.7):
 *   mmap len 0 -> EINVAL; len -4096 -> ENOMEM; MAP_FIXED at an unaligned
 *   address -> EINVAL; neither MAP_SHARED nor MAP_PRIVATE -> EINVAL;
 *   a closed fd without MAP_ANONYMOUS -> EBADF (with it the fd is ignored);
 *   munmap of an already unmapped range -> 0, unaligned -> EINVAL, len 0 ->
 *   EINVAL; mprotect over a hole -> ENOMEM, unaligned -> EINVAL, len 0 -> 0.
 */
#include "ftest.h"

#define CLOSED_FD 100		/* never opened */
#define ANON_PRIV (MAP_ANONYMOUS | MAP_PRIVATE)
#define RW (PROT_READ | PROT_WRITE)

static void show(const char *label, long r)
{
	/* A successful mmap returns an address: print only "ok". */
	if (r == -1)
		printf("%s: -1 %s\n", label, errno_name(errno));
	else
		printf("%s: %s\n", label, r == 0 ? "0" : "ok");
}

static long sys_mmap(uintptr_t addr, size_t len, int prot, int flags, int fd)
{
	return syscall(SYS_mmap, addr, len, prot, flags, fd, 0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	uintptr_t base = map_anon(3, RW);

	show("mmap len 0", sys_mmap(0, 0, RW, ANON_PRIV, -1));
	show("mmap len -4096", sys_mmap(0, -PAGE_SIZE, RW, ANON_PRIV, -1));
	show("mmap MAP_FIXED unaligned",
	     sys_mmap(base + 1, PAGE_SIZE, RW, ANON_PRIV | MAP_FIXED, -1));
	show("mmap no SHARED/PRIVATE", sys_mmap(0, PAGE_SIZE, RW, MAP_ANONYMOUS, -1));
	show("mmap closed fd",
	     sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, CLOSED_FD));
	show("mmap closed fd + ANON",
	     sys_mmap(0, PAGE_SIZE, RW, ANON_PRIV, CLOSED_FD));

	show("munmap middle page", syscall(SYS_munmap, base + PAGE_SIZE, PAGE_SIZE));
	show("munmap it again", syscall(SYS_munmap, base + PAGE_SIZE, PAGE_SIZE));
	show("munmap unaligned", syscall(SYS_munmap, base + 1, PAGE_SIZE));
	show("munmap len 0", syscall(SYS_munmap, base, 0));

	show("mprotect over the hole",
	     syscall(SYS_mprotect, base, 3 * PAGE_SIZE, PROT_READ));
	show("mprotect starting in the hole",
	     syscall(SYS_mprotect, base + PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ));
	show("mprotect unaligned",
	     syscall(SYS_mprotect, base + 1, PAGE_SIZE, PROT_READ));
	show("mprotect len 0", syscall(SYS_mprotect, base, 0, PROT_READ));
	show("mprotect page 0", syscall(SYS_mprotect, base, PAGE_SIZE, PROT_READ));
	return 0;
}
