/*
 * The puzzle of docs/scenarios/sigbus-beyond-eof.md: a shared file mapping longer than its file (docs/linux-abi.md §2:
 * 2 open, 77 ftruncate, 9 mmap; what a page past EOF does, mm/filemap.c).
 *   A new file in a mkdtemp directory, O_RDWR|O_CREAT|O_TRUNC, is
 *   ftruncate'd to 100 bytes and mapped 2 pages PROT_READ|PROT_WRITE
 *   MAP_SHARED.  The file and the directory are removed at once (a mapped,
 *   unlinked file stays alive), so nothing is left when the program dies.
 *   Page 0 works: a store at offset 0 is read back by pread, bytes 100..4095
 *   of page 0 read as zero, and a store at offset 200 (past EOF, inside the
 *   EOF page) leaves st_size at 100.  Touching page 1 (wholly past EOF)
 *   raises SIGBUS, which nobody handles: the program dies of signal 7 before
 *   "not reached" and the pause() after it.
 */
#include "fsutil.h"

int main(void)
{
	char dir[64], path[96], buf[8];
	struct stat st;

	setvbuf(stdout, NULL, _IONBF, 0);
	make_tmpdir(dir, sizeof dir, "seed000");
	path_in(path, sizeof path, dir, "file");

	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	SHOW("open O_RDWR|O_CREAT|O_TRUNC", fd);
	if (fd < 0) {
		rmdir(dir);
		return 1;
	}
	SHOW("ftruncate 100", ftruncate(fd, 100));
	char *p = show_map("mmap 2 pages MAP_SHARED",
			 mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	SHOW("unlink the mapped file", unlink(path));
	SHOW("rmdir its directory", rmdir(dir));
	if (p == MAP_FAILED)
		return 1;

	memcpy(p, "seed", 4);
	printf("store to page 0: ok\n");
	memset(buf, 0, sizeof buf);
	SHOWN("pread 4 at 0", pread(fd, buf, 4, 0));
	printf("pread sees the store: %d\n", memcmp(buf, "seed", 4) == 0);
	CHECK("page 0 past EOF reads zero", all_bytes(p + 100, PAGE_SIZE - 100, 0));
	p[200] = 'x';
	printf("store past EOF in page 0: ok\n");
	fstat(fd, &st);
	printf("st_size: %lld\n", (long long)st.st_size);

	printf("touching page 1 (beyond EOF)\n");
	fflush(stdout);
	*(volatile char *)(p + PAGE_SIZE) = 1;
	printf("not reached\n");
	fflush(stdout);
	pause();
	return 0;
}
