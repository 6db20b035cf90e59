/*
 * rename and its relatives (docs/linux-abi.md §2: 82 rename, 264 renameat,
 * 316 renameat2).  In a fresh mkdtemp directory:
 *   a file to a new name (old name ENOENT, contents and st_ino kept);
 *   over an existing file (the source's contents win, the old target's
 *   inode is gone: an fd still open on it sees st_nlink 0);
 *   a directory onto an empty directory (ok, its files come along) and
 *   onto a non-empty one (ENOTEMPTY); a directory into its own subtree
 *   (EINVAL); a file over a directory (EISDIR); a directory over a file
 *   (ENOTDIR); a missing source (ENOENT); a name to itself (0, still
 *   there); between two hard links of one file (0, both names stay);
 *   moving a directory between parents moves one st_nlink between them;
 *   renameat with two directory fds; renameat2 RENAME_NOREPLACE onto an
 *   existing name -> EEXIST, onto a new one -> 0.
 */
#include "fsutil.h"

#define RENAME_NOREPLACE 1

static char dir[64];

static char *P(const char *name)
{
	static char bufs[4][256];
	static int i;
	char *b = bufs[i++ & 3];

	return path_in(b, 256, dir, name);
}

static void put(const char *name, const char *text)
{
	int fd = open(P(name), O_WRONLY | O_CREAT | O_TRUNC, 0600);
	write(fd, text, strlen(text));
	close(fd);
}

static void show_file(const char *label, const char *name)
{
	char buf[64] = { 0 };
	int fd = open(P(name), O_RDONLY);

	if (fd < 0) {
		printf("%s: %s\n", label, errno_name(errno));
		return;
	}
	read(fd, buf, sizeof buf - 1);
	close(fd);
	printf("%s: \"%s\"\n", label, buf);
}

static void nlink_of(const char *label, const char *name)
{
	struct stat st;

	stat(P(name), &st);
	printf("%s: nlink %ld\n", label, (long)st.st_nlink);
}

int main(void)
{
	struct stat st, st2;

	setvbuf(stdout, NULL, _IONBF, 0);
	make_tmpdir(dir, sizeof dir, "fs_rename");

	/* files */
	put("a", "alpha");
	stat(P("a"), &st);
	SHOW("rename a b", rename(P("a"), P("b")));
	SHOW("stat a", stat(P("a"), &st2));
	stat(P("b"), &st2);
	printf("b has a's st_ino: %d\n", st.st_ino == st2.st_ino);
	show_file("b", "b");
	put("c", "charlie");
	int oldc = open(P("c"), O_RDONLY);
	SHOW("rename b over c", rename(P("b"), P("c")));
	show_file("c", "c");
	SHOW("stat b", stat(P("b"), &st));
	fstat(oldc, &st);
	printf("old c's fd: nlink %ld size %lld\n", (long)st.st_nlink, (long long)st.st_size);
	close(oldc);
	SHOW("rename c c", rename(P("c"), P("c")));
	show_file("c after rename to itself", "c");
	SHOW("link c h", link(P("c"), P("h")));
	SHOW("rename c h (hard links)", rename(P("c"), P("h")));
	SHOW("stat c", stat(P("c"), &st));
	SHOW("stat h", stat(P("h"), &st2));
	printf("h nlink %ld\n", (long)st2.st_nlink);
	unlink(P("h"));
	SHOW("rename missing", rename(P("nothing"), P("x")));

	/* directories */
	mkdir(P("d1"), 0700);
	put("d1/f", "in d1");
	mkdir(P("empty"), 0700);
	SHOW("rename d1 onto empty dir", rename(P("d1"), P("empty")));
	SHOW("stat d1", stat(P("d1"), &st));
	show_file("empty/f", "empty/f");
	mkdir(P("full"), 0700);
	put("full/g", "g");
	SHOW("rename onto non-empty dir", rename(P("empty"), P("full")));
	mkdir(P("empty/sub"), 0700);
	SHOW("rename dir into its subtree", rename(P("empty"), P("empty/sub/x")));
	put("file", "file");
	SHOW("rename file over dir", rename(P("file"), P("full")));
	SHOW("rename dir over file", rename(P("full"), P("file")));
	SHOW("rename file/x", rename(P("file"), P("file/x")));
	nlink_of("empty before", "empty");
	nlink_of("full before", "full");
	SHOW("rename empty/sub full/sub", rename(P("empty/sub"), P("full/sub")));
	nlink_of("empty after", "empty");
	nlink_of("full after", "full");
	nlink_of("full/sub", "full/sub");
	show_file("full/sub/.. is full: full/sub/../g", "full/sub/../g");

	/* renameat and renameat2 */
	int d1 = open(P("empty"), O_RDONLY | O_DIRECTORY);
	int d2 = open(P("full"), O_RDONLY | O_DIRECTORY);
	SHOW("renameat(empty, f, full, f2)", renameat(d1, "f", d2, "f2"));
	show_file("full/f2", "full/f2");
	SHOW("renameat2 NOREPLACE onto g", syscall(SYS_renameat2, d2, "f2", d2, "g", RENAME_NOREPLACE));
	SHOW("renameat2 NOREPLACE to new", syscall(SYS_renameat2, d2, "f2", d1, "f3", RENAME_NOREPLACE));
	show_file("empty/f3", "empty/f3");
	show_file("full/g", "full/g");
	close(d1);
	close(d2);

	unlink(P("empty/f3"));
	unlink(P("full/g"));
	SHOW("rmdir full/sub", rmdir(P("full/sub")));
	SHOW("rmdir full", rmdir(P("full")));
	SHOW("rmdir empty", rmdir(P("empty")));
	SHOW("unlink file", unlink(P("file")));
	SHOW("unlink c", unlink(P("c")));
	SHOW("rmdir", rmdir(dir));
	cleanup(dir);
	return 0;
}
