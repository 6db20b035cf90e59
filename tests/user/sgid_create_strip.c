/*
 * sgid_create_strip - S_ISGID on a new file in a setgid directory (Linux
 * vfs_prepare_mode: mode_strip_sgid looks at the mode the caller asked
 * for, before the umask is applied).  A creator outside the directory's
 * group, without CAP_FSETID, loses S_ISGID when the asked mode has both
 * S_ISGID and S_IXGRP, even if the umask then takes S_IXGRP away (LTP
 * creat09, CVE-2018-13405 and CVE-2021-4037).  Directories always inherit
 * S_ISGID from a setgid parent; mkdir's own S_ISGID bit is not kept.
 */
#include "credutil.h"
#include <sys/sysmacros.h>

#define OTHER_GID 3		/* a group nobody is not in */

static char dir[64], sgdir[128], plain[128];

static void show_mode(const char *label, const char *path)
{
	struct stat st;

	if (stat(path, &st))
		printf("%-36s stat %s\n", label, errno_name(errno));
	else
		printf("%-36s gid %u mode %04o\n", label, st.st_gid, st.st_mode & 07777);
}

static void make_all(const char *in, const char *tag)
{
	char p[192];
	int fd;

	snprintf(p, sizeof p, "%s/creat_%s", in, tag);
	fd = creat(p, 02777);
	if (fd >= 0)
		close(fd);
	show_mode(p + strlen(dir) + 1, p);
	snprintf(p, sizeof p, "%s/open_%s", in, tag);
	fd = open(p, O_CREAT | O_EXCL | O_RDWR, 02755);
	if (fd >= 0)
		close(fd);
	show_mode(p + strlen(dir) + 1, p);
	snprintf(p, sizeof p, "%s/nox_%s", in, tag);
	fd = open(p, O_CREAT | O_EXCL | O_RDWR, 02745);	/* no S_IXGRP asked: kept */
	if (fd >= 0)
		close(fd);
	show_mode(p + strlen(dir) + 1, p);
	snprintf(p, sizeof p, "%s/fifo_%s", in, tag);
	SHOW("mknod fifo", mknod(p, S_IFIFO | 02777, 0));
	show_mode(p + strlen(dir) + 1, p);
	snprintf(p, sizeof p, "%s/reg_%s", in, tag);
	SHOW("mknod reg", mknod(p, S_IFREG | 02777, 0));
	show_mode(p + strlen(dir) + 1, p);
	snprintf(p, sizeof p, "%s/dir_%s", in, tag);
	SHOW("mkdir", mkdir(p, 02777));
	show_mode(p + strlen(dir) + 1, p);
}

static void as_nobody_umask0(void)
{
	umask(0);
	make_all(sgdir, "nobody_u0");
	make_all(plain, "nobody_u0");
}

static void as_nobody_umask_xgrp(void)
{
	umask(S_IXGRP);
	make_all(sgdir, "nobody_ux");
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	umask(0);
	make_tmpdir(dir, sizeof dir, "sgid_create_strip");
	chmod(dir, 0777);
	path_in(sgdir, sizeof sgdir, dir, "sg");
	path_in(plain, sizeof plain, dir, "plain");
	SHOW("mkdir sg", mkdir(sgdir, 0777));
	SHOW("chown sg nobody:3", chown(sgdir, NOBODY, OTHER_GID));
	SHOW("chmod sg 02777", chmod(sgdir, 02777));
	show_mode("sg", sgdir);
	SHOW("mkdir plain", mkdir(plain, 0777));
	show_mode("plain", plain);
	as_nobody("umask 0", as_nobody_umask0);
	as_nobody("umask S_IXGRP", as_nobody_umask_xgrp);
	make_all(sgdir, "root_u0");		/* root: CAP_FSETID keeps it */
	umask(S_IXGRP);
	make_all(sgdir, "root_ux");
	printf("cleanup: %d\n", rm_rf(dir));
	return 0;
}
