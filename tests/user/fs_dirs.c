/*
 * Making, listing and removing directories (docs/linux-abi.md §2: 83 mkdir,
 * 258 mkdirat, 84 rmdir, 217 getdents64, 80 chdir, 79 getcwd, 95 umask).
 *   mkdtemp gives a 0700 directory with st_nlink 2; mkdir with umask 0
 *   keeps 0755, with umask 022 turns 0777 into 0755; mkdir of an existing
 *   directory or file -> EEXIST; in a missing parent -> ENOENT; under a
 *   file -> ENOTDIR; a 255-byte name is fine, 256 -> ENAMETOOLONG; the
 *   parent's st_nlink counts subdirectories (2 + n).
 *   getdents64 of a directory with five files and a subdirectory: the
 *   sorted names with d_type (DT_REG / DT_DIR), "." and ".." present, then
 *   0 at the end.
 *   rmdir: non-empty -> ENOTEMPTY, a file -> ENOTDIR, "." and "d/." ->
 *   EINVAL, ".." -> ENOTEMPTY (Linux), missing -> ENOENT.
 *   chdir into the directory: getcwd is its path, relative mkdirat/openat/
 *   stat work; after rmdir of the cwd (allowed), getcwd -> ENOENT and
 *   creating a file in it -> ENOENT.
 */
#include "fsutil.h"

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void nlink_of(const char *label, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		printf("%s: %s\n", label, errno_name(errno));
	else
		printf("%s: nlink %ld\n", label, (long)st.st_nlink);
}

int main(void)
{
	static char buf[8192];
	char dir[64], path[512], cwd[4096], *names[32];
	struct stat st;
	int n = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	umask(0);
	make_tmpdir(dir, sizeof dir, "fs_dirs");
	stat(dir, &st);
	printf("mkdtemp: S_ISDIR %d mode 0%o\n", S_ISDIR(st.st_mode), st.st_mode & 07777);
	nlink_of("new dir", dir);

	SHOW("mkdir sub 0755", mkdir(path_in(path, sizeof path, dir, "sub"), 0755));
	stat(path, &st);
	printf("sub: S_ISDIR %d mode 0%o nlink %ld\n", S_ISDIR(st.st_mode),
	       st.st_mode & 07777, (long)st.st_nlink);
	SHOW("mkdir sub again", mkdir(path, 0755));
	umask(022);
	SHOW("mkdir other 0777 with umask 022", mkdir(path_in(path, sizeof path, dir, "other"), 0777));
	stat(path, &st);
	printf("other: mode 0%o\n", st.st_mode & 07777);
	umask(0);
	nlink_of("dir with 2 subdirs", dir);

	for (int i = 1; i <= 5; i++) {
		char name[32];
		snprintf(name, sizeof name, "sub/file%d", 6 - i);
		close(open(path_in(path, sizeof path, dir, name), O_WRONLY | O_CREAT | O_EXCL, 0644));
	}
	SHOW("mkdir sub/inner", mkdir(path_in(path, sizeof path, dir, "sub/inner"), 0700));
	SHOW("mkdir over a file", mkdir(path_in(path, sizeof path, dir, "sub/file1"), 0700));
	SHOW("mkdir under a file", mkdir(path_in(path, sizeof path, dir, "sub/file1/x"), 0700));
	SHOW("mkdir in a missing parent", mkdir(path_in(path, sizeof path, dir, "missing/x"), 0700));
	nlink_of("sub with 1 subdir", path_in(path, sizeof path, dir, "sub"));

	/* getdents64 */
	int fd = open(path_in(path, sizeof path, dir, "sub"), O_RDONLY | O_DIRECTORY);
	long r;
	int dot = 0, dotdot = 0;
	while ((r = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
		for (long off = 0; off < r;) {
			struct linux_dirent64 *e = (void *)(buf + off);
			off += e->d_reclen;
			if (!strcmp(e->d_name, ".")) {
				dot = 1;
				continue;
			}
			if (!strcmp(e->d_name, "..")) {
				dotdot = 1;
				continue;
			}
			if (n < 32) {
				names[n] = malloc(strlen(e->d_name) + 8);
				sprintf(names[n++], "%s %s", e->d_name,
					e->d_type == DT_REG ? "DT_REG" :
					e->d_type == DT_DIR ? "DT_DIR" : "other");
			}
		}
	}
	printf("getdents64 sub: last %ld \".\" %d \"..\" %d entries %d\n", r, dot, dotdot, n);
	qsort(names, n, sizeof names[0], cmp);
	for (int i = 0; i < n; i++) {
		printf("  %s\n", names[i]);
		free(names[i]);
	}
	close(fd);

	/* rmdir errors */
	SHOW("rmdir non-empty", rmdir(path_in(path, sizeof path, dir, "sub")));
	SHOW("rmdir a file", rmdir(path_in(path, sizeof path, dir, "sub/file1")));
	SHOW("rmdir sub/inner/.", rmdir(path_in(path, sizeof path, dir, "sub/inner/.")));
	SHOW("rmdir sub/inner/..", rmdir(path_in(path, sizeof path, dir, "sub/inner/..")));
	SHOW("rmdir missing", rmdir(path_in(path, sizeof path, dir, "sub/nothing")));
	SHOW("rmdir sub/inner", rmdir(path_in(path, sizeof path, dir, "sub/inner")));
	nlink_of("sub after rmdir inner", path_in(path, sizeof path, dir, "sub"));

	/* name lengths */
	char name[300];
	memset(name, 'n', sizeof name);
	strcpy(name + 255, "");
	SHOW("mkdir 255-byte name", mkdir(path_in(path, sizeof path, dir, name), 0700));
	SHOW("rmdir 255-byte name", rmdir(path));
	name[255] = 'n';
	name[256] = 0;
	SHOW("mkdir 256-byte name", mkdir(path_in(path, sizeof path, dir, name), 0700));
	SHOW("open O_CREAT 256-byte name", open(path, O_WRONLY | O_CREAT, 0600));

	/* relative paths from inside */
	SHOW("chdir into it", chdir(dir));
	printf("getcwd is the temp dir: %d\n", getcwd(cwd, sizeof cwd) && !strcmp(cwd, dir));
	SHOW("rmdir .", rmdir("."));
	SHOW("rmdir ..", rmdir(".."));
	SHOW("mkdirat(AT_FDCWD, rel)", mkdirat(AT_FDCWD, "rel", 0700));
	SHOW("stat sub/file3", stat("sub/file3", &st));
	fd = openat(AT_FDCWD, "rel/../sub/file2", O_RDONLY);
	SHOW("openat rel/../sub/file2", fd);
	close(fd);
	SHOW("chdir rel", chdir("rel"));
	SHOW("rmdir the cwd", rmdir(path_in(path, sizeof path, dir, "rel")));
	errno = 0;
	printf("getcwd in a removed dir: %s\n", getcwd(cwd, sizeof cwd) ? "ok" : errno_name(errno));
	SHOW("create a file in it", open("x", O_WRONLY | O_CREAT, 0600));
	SHOW("mkdir in it", mkdir("y", 0700));
	SHOW("chdir ..", chdir(".."));
	printf("back in the temp dir: %d\n", getcwd(cwd, sizeof cwd) && !strcmp(cwd, dir));
	SHOW("chdir /", chdir("/"));

	for (int i = 1; i <= 5; i++) {
		char fname[32];
		snprintf(fname, sizeof fname, "sub/file%d", i);
		unlink(path_in(path, sizeof path, dir, fname));
	}
	SHOW("rmdir sub (now empty)", rmdir(path_in(path, sizeof path, dir, "sub")));
	SHOW("rmdir other", rmdir(path_in(path, sizeof path, dir, "other")));
	nlink_of("temp dir at the end", dir);
	SHOW("rmdir temp dir", rmdir(dir));
	cleanup(dir);
	return 0;
}
