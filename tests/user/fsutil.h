/*
 * fsutil.h - helpers for the file-system tests in tests/pending (and, once
 * they move, tests/user): ftest.h plus a private temporary directory, a
 * result line per call and a recursive remove for the cleanup.
 *
 * Every program works only inside its own mkdtemp("/tmp/NAME.XXXXXX")
 * directory, whose name it never prints, and removes it before exiting.
 */
#ifndef FSUTIL_H
#define FSUTIL_H

#include "ftest.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

/* "label: ok" or "label: ENAME" for a call that returns < 0 on error. */
#define SHOW(label, expr) do { errno = 0; long _r = (long)(expr); \
	printf("%s: %s\n", label, _r < 0 ? errno_name(errno) : "ok"); } while (0)

/* "label: N" or "label: ENAME" for a call whose result is a count. */
#define SHOWN(label, expr) do { errno = 0; long _r = (long)(expr); \
	if (_r < 0) printf("%s: %s\n", label, errno_name(errno)); \
	else printf("%s: %ld\n", label, _r); } while (0)

/* "label: 1" if the condition holds, "label: 0" if not. */
#define CHECK(label, cond) printf("%s: %d\n", label, (cond) ? 1 : 0)

/* "label: ok" or "label: ENAME" for mmap's result p, which it returns. */
FT_UNUSED static void *show_map(const char *label, void *p)
{
	printf("%s: %s\n", label, p == MAP_FAILED ? errno_name(errno) : "ok");
	return p;
}

/* Make /tmp/NAME.XXXXXX (mode 0700) into dir[]; exit 1 if that fails. */
FT_UNUSED static void make_tmpdir(char *dir, size_t size, const char *name)
{
	snprintf(dir, size, "/tmp/%s.XXXXXX", name);
	if (!mkdtemp(dir)) {
		printf("mkdtemp /tmp/%s.XXXXXX: %s\n", name, errno_name(errno));
		exit(1);
	}
}

/* dir/name into buf (a static buffer per call site is the caller's). */
FT_UNUSED static char *path_in(char *buf, size_t size, const char *dir,
			       const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
	return buf;
}

/* rm -rf path, without following symlinks; returns 0 if path is gone. */
FT_UNUSED static int rm_rf(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		char sub[4096];

		if (d) {
			while ((e = readdir(d))) {
				if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
					continue;
				snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
				rm_rf(sub);
			}
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
	return lstat(path, &st) < 0 && errno == ENOENT ? 0 : -1;
}

/* The last line before exit: the temp dir and all in it are gone. */
FT_UNUSED static void cleanup(const char *dir)
{
	printf("cleanup: %s\n", rm_rf(dir) == 0 ? "ok" : "FAILED");
}

/* Every byte of buf[0..n) is c. */
FT_UNUSED static int all_bytes(const void *buf, size_t n, int c)
{
	const unsigned char *p = buf;

	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)c)
			return 0;
	return 1;
}

#endif /* FSUTIL_H */
