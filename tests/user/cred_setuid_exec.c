/*
 * cred_setuid_exec - execve of a set-user-ID / set-group-ID file (Linux
 * bprm_fill_uid, cap_bprm_creds_from_file): the program runs with the
 * file's owner as effective and saved uid (its group as effective and
 * saved gid, if group-executable), the real ids stay, and AT_SECURE is 1;
 * a plain file resets the saved ids to the effective ones and AT_SECURE is
 * 0. The program copies itself (argv[0]) and runs the copies with an
 * argument that makes them report.
 */
#include "credutil.h"
#include <sys/auxv.h>

static char dir[64], suid_nobody[128], sgid_nogroup[128], suid_root[128], plain[128];

static void report_ids(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;

	getresuid(&r, &e, &s);
	getresgid(&gr, &ge, &gs);
	printf("  uids %u %u %u  gids %u %u %u  AT_SECURE %lu\n", r, e, s, gr, ge, gs, getauxval(AT_SECURE));
}

static int copy_self(const char *self, const char *to, mode_t mode, uid_t uid, gid_t gid)
{
	char buf[4096];
	int in = open(self, O_RDONLY), out = open(to, O_CREAT | O_WRONLY | O_TRUNC, 0700);
	ssize_t n;

	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	close(out);
	if (chown(to, uid, gid))
		return -1;
	return chmod(to, mode);
}

static void run(const char *label, const char *prog, int as_nobody_too, uid_t ruid, uid_t euid)
{
	char *argv[] = { (char *)prog, "report", NULL };
	int status;
	pid_t pid;

	printf("%s:\n", label);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		if (as_nobody_too)
			become_nobody();
		else if (setresuid(ruid, euid, euid))
			_exit(2);
		execve(prog, argv, NULL);
		printf("  execve: %s\n", errno_name(errno));
		_exit(1);
	}
	waitpid(pid, &status, 0);
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		report_ids();
		return 0;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	umask(0);
	make_tmpdir(dir, sizeof dir, "cred_setuid_exec");
	chmod(dir, 0755);
	copy_self(argv[0], path_in(suid_nobody, sizeof suid_nobody, dir, "suid_nobody"), 04755, NOBODY, 0);
	copy_self(argv[0], path_in(sgid_nogroup, sizeof sgid_nogroup, dir, "sgid_nogroup"), 02755, 0, NOBODY);
	copy_self(argv[0], path_in(suid_root, sizeof suid_root, dir, "suid_root"), 04755, 0, 0);
	copy_self(argv[0], path_in(plain, sizeof plain, dir, "plain"), 0755, 0, 0);
	run("root runs a plain program", plain, 0, 0, 0);
	run("root runs a setuid-nobody program", suid_nobody, 0, 0, 0);
	run("root runs a setgid-nogroup program", sgid_nogroup, 0, 0, 0);
	run("nobody runs a setuid-root program", suid_root, 1, 0, 0);
	run("nobody runs a setgid-nogroup program", sgid_nogroup, 1, 0, 0);
	run("nobody runs a plain program", plain, 1, 0, 0);
	run("uids 1000/0/0 run a plain program", plain, 0, 1000, 0);
	chmod(sgid_nogroup, 02745);
	run("root runs setgid without group x", sgid_nogroup, 0, 0, 0);
	printf("cleanup: %d\n", rm_rf(dir));
	return 0;
}
