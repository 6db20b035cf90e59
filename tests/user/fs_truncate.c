/*
 * Truncating files, mapped and not (docs/linux-abi.md §2: 76 truncate,
 * 77 ftruncate, 9 mmap; §5 SIGBUS BUS_ADRERR).
 *   ftruncate grows a 10-byte file to 5000 (the new bytes read as zero),
 *   shrinks it to 4 (read returns 4 bytes), regrows to 8 (bytes 4..7 are
 *   zero, not the old data); truncate() by path works the same; 3 pages of
 *   0xaa cut to 6000 then regrown to 3 pages read 0xaa up to 6000 and zeros
 *   after (the partial page's tail was zeroed); -> 0 empties it.
 *   A 3-page MAP_SHARED mapping of a file whose pages hold 'A', 'B', 'C',
 *   ftruncate'd to 6144 (1.5 pages): the mapping's page 1 still shows 'B'
 *   up to offset 6143 and zeros from 6144 to the end of the page; reading
 *   and writing page 2 raise SIGBUS BUS_ADRERR at the exact address
 *   (printed as base+offset); after regrowing to 3 pages page 2 reads zero.
 *   A forked child ftruncates the file to 1 page and exits; then the
 *   parent's access to page 1 (mapped before) is SIGBUS BUS_ADRERR, while
 *   page 0 still reads 'A'.
 */
#include "fsutil.h"

static void fsize(int fd, const char *label)
{
	struct stat st;

	fstat(fd, &st);
	printf("%s: st_size %lld\n", label, (long long)st.st_size);
}

/* The outcome of one access: ok, or the signal, code and address offset. */
static void access_report(const char *label, int sig, uintptr_t base)
{
	if (!sig) {
		printf("%s: ok\n", label);
		return;
	}
	printf("%s: %s %s addr base+0x%lx\n", label, sig_name(sig),
	       code_name(sig, fault.code), (unsigned long)(fault.addr - base));
}

int main(void)
{
	char dir[64], path[96], buf[8192];
	int fd, v;

	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	make_tmpdir(dir, sizeof dir, "fs_truncate");
	path_in(path, sizeof path, dir, "f");

	/* grow, shrink, regrow */
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(fd, "0123456789", 10);
	SHOW("ftruncate 5000", ftruncate(fd, 5000));
	fsize(fd, "after grow");
	memset(buf, 0x55, sizeof buf);
	SHOWN("pread all", pread(fd, buf, sizeof buf, 0));
	CHECK("old bytes kept", memcmp(buf, "0123456789", 10) == 0);
	CHECK("grown part reads zero", all_bytes(buf + 10, 5000 - 10, 0));
	SHOW("ftruncate 4", ftruncate(fd, 4));
	fsize(fd, "after shrink");
	memset(buf, 0, sizeof buf);
	SHOWN("pread after shrink", pread(fd, buf, sizeof buf, 0));
	printf("contents \"%s\"\n", buf);
	SHOW("ftruncate 8", ftruncate(fd, 8));
	memset(buf, 0x55, sizeof buf);
	SHOWN("pread after regrow", pread(fd, buf, sizeof buf, 0));
	CHECK("bytes 4..7 are zero, not 4567", all_bytes(buf + 4, 4, 0));
	SHOW("truncate by path 3", truncate(path, 3));
	fsize(fd, "after truncate");
	SHOW("truncate by path 12305", truncate(path, 3 * PAGE_SIZE + 17));
	fsize(fd, "after truncate");
	memset(buf, 0x55, sizeof buf);
	pread(fd, buf, sizeof buf, 0);
	CHECK("012 then zeros", memcmp(buf, "012", 3) == 0 && all_bytes(buf + 3, sizeof buf - 3, 0));

	/* the tail of a partial page is zeroed */
	memset(buf, 0xaa, sizeof buf);
	pwrite(fd, buf, sizeof buf, 0);
	pwrite(fd, buf, PAGE_SIZE, 2 * PAGE_SIZE);
	SHOW("ftruncate 6000", ftruncate(fd, 6000));
	SHOW("ftruncate 12288", ftruncate(fd, 3 * PAGE_SIZE));
	char *b3 = malloc(3 * PAGE_SIZE);
	SHOWN("pread 3 pages", pread(fd, b3, 3 * PAGE_SIZE, 0));
	CHECK("0xaa up to 6000", all_bytes(b3, 6000, 0xaa));
	CHECK("zeros from 6000", all_bytes(b3 + 6000, 3 * PAGE_SIZE - 6000, 0));
	free(b3);
	SHOW("ftruncate 0", ftruncate(fd, 0));
	fsize(fd, "after ftruncate 0");
	SHOWN("read at 0", pread(fd, buf, 1, 0));

	/* truncating a mapped file */
	for (int i = 0; i < 3; i++) {
		memset(buf, 'A' + i, PAGE_SIZE);
		pwrite(fd, buf, PAGE_SIZE, i * PAGE_SIZE);
	}
	char *p = show_map("mmap 3 pages MAP_SHARED",
			 mmap(NULL, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	if (p == MAP_FAILED)
		goto out;
	uintptr_t base = (uintptr_t)p;
	access_report("read page 2 before", try_read32(base + 2 * PAGE_SIZE, &v), base);
	printf("page 2 holds 'C': %d\n", v == 0x43434343);
	SHOW("ftruncate 6144", ftruncate(fd, 6144));
	CHECK("page 1 'B' up to 6143", all_bytes(p + PAGE_SIZE, 2048, 'B'));
	CHECK("page 1 zero from 6144", all_bytes(p + 6144, 2048, 0));
	access_report("read page 2", try_read32(base + 2 * PAGE_SIZE + 8, NULL), base);
	access_report("write page 2", try_write32(base + 2 * PAGE_SIZE + 0x124, 1), base);
	SHOW("ftruncate 12288", ftruncate(fd, 3 * PAGE_SIZE));
	access_report("read page 2 after regrow", try_read32(base + 2 * PAGE_SIZE + 8, NULL), base);
	CHECK("page 2 reads zero", all_bytes(p + 2 * PAGE_SIZE, PAGE_SIZE, 0));
	CHECK("page 1 zero from 6144", all_bytes(p + 6144, 2048, 0));

	/* the truncate done by another process */
	pid_t pid = fork();
	if (pid == 0) {
		_exit(ftruncate(fd, PAGE_SIZE) == 0 ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	print_wait_status("child ftruncate 4096", status);
	fsize(fd, "after child");
	access_report("parent reads page 1", try_read32(base + PAGE_SIZE + 0x40, NULL), base);
	access_report("parent reads page 0", try_read32(base + 0xffc, &v), base);
	printf("page 0 holds 'A': %d\n", v == 0x41414141);
	SHOW("munmap", munmap(p, 3 * PAGE_SIZE));
out:
	close(fd);
	SHOW("unlink", unlink(path));
	SHOW("rmdir", rmdir(dir));
	cleanup(dir);
	return 0;
}
