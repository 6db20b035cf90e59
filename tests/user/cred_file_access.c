/*
 * cred_file_access - the mode bits against an unprivileged user (Linux
 * generic_permission, may_lookup, may_create, may_delete): nobody cannot
 * read root's 0600 file, write a 0444 file, search a 0700 directory, list
 * or enter it, create or remove names in root's 0755 directory, truncate
 * what it cannot write, or execute a file without x bits (EACCES each);
 * in a sticky 1777 directory it may remove its own file but not root's
 * (EPERM). Root passes every read and write check (CAP_DAC_OVERRIDE) but
 * still cannot execute a file no one may execute. access() answers with
 * the same rules. A file nobody creates belongs to nobody:nogroup.
 */
#include "credutil.h"

static char dir[64], secret[128], ro[128], priv[128], privfile[192], noexec[128], sticky[128], open_dir[128];

static void nobody_checks(void)
{
	char p[192], q[192];
	struct stat st;
	char *argv[] = { noexec, NULL };

	SHOW("open 0600 root file O_RDONLY", open(secret, O_RDONLY));
	SHOW("open 0444 file O_WRONLY", open(ro, O_WRONLY));
	SHOW("open 0444 file O_RDONLY", open(ro, O_RDONLY));
	SHOW("open 0444 file O_RDONLY|O_TRUNC", open(ro, O_RDONLY | O_TRUNC));
	SHOW("stat file in 0700 dir", stat(privfile, &st));
	SHOW("open 0700 dir O_DIRECTORY", open(priv, O_RDONLY | O_DIRECTORY));
	SHOW("chdir 0700 dir", chdir(priv));
	SHOW("stat 0700 dir itself", stat(priv, &st));
	SHOW("access 0600 R_OK", access(secret, R_OK));
	SHOW("access 0600 F_OK", access(secret, F_OK));
	SHOW("access 0444 R_OK", access(ro, R_OK));
	SHOW("access 0444 W_OK", access(ro, W_OK));
	SHOW("access file in 0700 dir F_OK", access(privfile, F_OK));
	SHOW("create in root's 0755 dir", open(path_in(p, sizeof p, dir, "new"), O_CREAT | O_WRONLY, 0644));
	SHOW("mkdir in root's 0755 dir", mkdir(path_in(p, sizeof p, dir, "newdir"), 0755));
	SHOW("unlink in root's 0755 dir", unlink(ro));
	SHOW("rename in root's 0755 dir", rename(ro, path_in(q, sizeof q, dir, "moved")));
	SHOW("truncate 0444 file", truncate(ro, 0));
	SHOW("execve 0644 file", execve(noexec, argv, NULL));
	SHOW("access 0644 X_OK", access(noexec, X_OK));

	SHOW("create own file in 1777 dir", make_file(path_in(p, sizeof p, sticky, "mine"), 0644));
	if (stat(p, &st) == 0)
		printf("own file owner: %u:%u\n", st.st_uid, st.st_gid);
	SHOW("unlink own file in 1777 dir", unlink(p));
	SHOW("unlink root's file in 1777 dir", unlink(path_in(p, sizeof p, sticky, "roots")));
	SHOW("rename root's file in 1777 dir", rename(p, path_in(q, sizeof q, sticky, "x")));
	SHOW("open root's 0666 file in 1777 dir", open(path_in(p, sizeof p, sticky, "roots"), O_RDWR));
	SHOW("create in 0777 dir", make_file(path_in(p, sizeof p, open_dir, "made"), 0600));
	if (stat(p, &st) == 0)
		printf("made file owner: %u:%u mode %o\n", st.st_uid, st.st_gid, st.st_mode & 07777);
}

int main(void)
{
	char *argv[2] = { NULL, NULL };
	char p[192];
	struct stat st;

	setvbuf(stdout, NULL, _IONBF, 0);
	umask(0);
	make_tmpdir(dir, sizeof dir, "cred_file_access");
	chmod(dir, 0755);
	make_file(path_in(secret, sizeof secret, dir, "secret"), 0600);
	make_file(path_in(ro, sizeof ro, dir, "ro"), 0444);
	make_file(path_in(noexec, sizeof noexec, dir, "noexec"), 0644);
	mkdir(path_in(priv, sizeof priv, dir, "priv"), 0700);
	make_file(path_in(privfile, sizeof privfile, priv, "file"), 0644);
	mkdir(path_in(sticky, sizeof sticky, dir, "sticky"), 01777);
	chmod(sticky, 01777);
	make_file(path_in(p, sizeof p, sticky, "roots"), 0666);
	mkdir(path_in(open_dir, sizeof open_dir, dir, "open"), 0777);

	as_nobody("nobody", nobody_checks);

	/* root: read and write past the mode bits, but exec needs an x bit */
	SHOW("root: open 0444 file O_WRONLY", open(ro, O_WRONLY));
	SHOW("root: access 0444 W_OK", access(ro, W_OK));
	SHOW("root: stat file in 0700 dir", stat(privfile, &st));
	argv[0] = noexec;
	SHOW("root: execve 0644 file", execve(noexec, argv, NULL));
	SHOW("root: access 0644 X_OK", access(noexec, X_OK));
	SHOW("root: access 0700 dir X_OK", access(priv, X_OK));
	chmod(noexec, 0744);
	SHOW("root: access 0744 X_OK", access(noexec, X_OK));
	SHOW("root: unlink nobody's file", unlink(path_in(p, sizeof p, open_dir, "made")));
	printf("cleanup: %d\n", rm_rf(dir));
	return 0;
}
