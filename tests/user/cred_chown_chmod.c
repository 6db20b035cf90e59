/*
 * cred_chown_chmod - who may change a file's owner, mode and times (Linux
 * setattr_prepare, chown_ok, chgrp_ok, notify_change's ATTR_TOUCH): only
 * the owner (or CAP_FOWNER) may chmod; only root (CAP_CHOWN) may give a
 * file away, and an owner may change the group only to one of its own;
 * a chmod by someone outside the file's group drops S_ISGID; explicit
 * times need ownership (EPERM), "now" needs ownership or write permission
 * (EACCES). chown by root clears set-user-ID and group-executable
 * set-group-ID.
 */
#include "credutil.h"

static char dir[64], rootf[128], rootw[128], given[128], suid[128];

static void show_mode(const char *label, const char *path)
{
	struct stat st;

	if (stat(path, &st))
		printf("%s: stat %s\n", label, errno_name(errno));
	else
		printf("%s: %u:%u %04o\n", label, st.st_uid, st.st_gid, st.st_mode & 07777);
}

static void nobody_checks(void)
{
	struct timespec t[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	struct timespec now_omit[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	char mine[160];

	SHOW("chmod root's file", chmod(rootf, 0777));
	SHOW("chown root's file to nobody", chown(rootf, NOBODY, -1));
	SHOW("chgrp root's file to nogroup", chown(rootf, -1, NOBODY));
	SHOW("chown root's file -1 -1", chown(rootf, -1, -1));
	SHOW("utimensat root's 0644 file NULL", utimensat(AT_FDCWD, rootf, NULL, 0));
	SHOW("utimensat root's 0666 file NULL", utimensat(AT_FDCWD, rootw, NULL, 0));
	SHOW("utimensat root's 0666 file times", utimensat(AT_FDCWD, rootw, t, 0));
	SHOW("utimensat root's 0666 file NOW,OMIT", utimensat(AT_FDCWD, rootw, now_omit, 0));
	SHOW("chmod file given to nobody:root 02755", chmod(given, 02755));
	show_mode("after chmod", given);
	SHOW("chgrp it to root's group", chown(given, -1, 0));
	SHOW("chgrp it to nogroup", chown(given, -1, NOBODY));
	SHOW("chown it to nobody (itself)", chown(given, NOBODY, -1));
	SHOW("chown it to root", chown(given, 0, -1));
	SHOW("chmod it 02755 in its group", chmod(given, 02755));
	show_mode("after chmod", given);
	SHOW("utimensat own file times", utimensat(AT_FDCWD, given, t, 0));
	snprintf(mine, sizeof mine, "%s/mine", dir);
	SHOW("create own file", make_file(mine, 0600));
	SHOW("fchownat own file to root", fchownat(AT_FDCWD, mine, 0, -1, 0));
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	umask(0);
	make_tmpdir(dir, sizeof dir, "cred_chown_chmod");
	chmod(dir, 0777);
	make_file(path_in(rootf, sizeof rootf, dir, "rootf"), 0644);
	make_file(path_in(rootw, sizeof rootw, dir, "rootw"), 0666);
	make_file(path_in(given, sizeof given, dir, "given"), 0644);
	chown(given, NOBODY, 0);
	show_mode("given", given);
	as_nobody("nobody", nobody_checks);
	make_file(path_in(suid, sizeof suid, dir, "suid"), 0644);
	SHOW("root: chmod 06755", chmod(suid, 06755));
	show_mode("before chown", suid);
	SHOW("root: chown to nobody:nogroup", chown(suid, NOBODY, NOBODY));
	show_mode("after chown", suid);
	SHOW("root: chmod 02745 (setgid, no group x)", chmod(suid, 02745));
	SHOW("root: chown -1 -1", chown(suid, -1, -1));
	show_mode("after chown", suid);
	printf("cleanup: %d\n", rm_rf(dir));
	return 0;
}
