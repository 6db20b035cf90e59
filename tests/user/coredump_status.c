/*
 * Core dumps and the wait status (docs/linux-abi.md §0.1; Linux fs/coredump.c,
 * LTP waitpid01, kill11, waitid10).  With core_pattern "core", a child
 * killed by a "core" signal writes ./core and its status has WCOREDUMP
 * (waitid: CLD_DUMPED) only if the dump was really begun:
 *   - RLIMIT_CORE 0 or 4095: no file, no flag;
 *   - RLIMIT_CORE 1 MiB: an ELF ET_CORE file (EM_X86_64) no longer than
 *     the limit, flag set; RLIMIT_CORE 4096: truncated, flag still set;
 *   - SIGTERM (default action "terminate"): no file, no flag;
 *   - "core" a symlink (O_NOFOLLOW) or a directory: no flag, nothing written;
 *   - a core file that has a second link: left alone, no flag.
 * Each case runs in a fresh directory under /tmp.
 */
#include "fsutil.h"
#include <elf.h>
#include <sys/resource.h>

static void set_core_limit(rlim_t cur)
{
	struct rlimit r;

	getrlimit(RLIMIT_CORE, &r);
	r.rlim_cur = cur;		/* the hard limit stays: no CAP_SYS_RESOURCE needed */
	setrlimit(RLIMIT_CORE, &r);
}

/* A child with RLIMIT_CORE @limit killed by @sig; the wait status. */
static int die_with(int sig, rlim_t limit)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		set_core_limit(limit);
		kill(getpid(), sig);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void describe_core(void)
{
	struct stat st;
	Elf64_Ehdr eh;
	int fd;

	if (lstat("core", &st) < 0) {
		printf("  no core file\n");
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		printf("  core is not a regular file (left alone)\n");
		return;
	}
	fd = open("core", O_RDONLY);
	memset(&eh, 0, sizeof eh);
	if (read(fd, &eh, sizeof eh) < 0)
		eh.e_type = 0;
	close(fd);
	printf("  core: ELF %d ET_CORE %d EM_X86_64 %d mode %o size>0 %d links %ld\n",
	       memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0, eh.e_type == ET_CORE, eh.e_machine == EM_X86_64,
	       st.st_mode & 07777, st.st_size > 0, (long)st.st_nlink);
}

static void run_case(const char *label, int sig, rlim_t limit)
{
	int status = die_with(sig, limit);
	struct stat st;

	printf("%s: WIFSIGNALED %d WTERMSIG %s WCOREDUMP %d\n", label, WIFSIGNALED(status),
	       sig_name(WTERMSIG(status)), WCOREDUMP(status) != 0);
	describe_core();
	if (stat("core", &st) == 0 && S_ISREG(st.st_mode))
		printf("  size within the limit %d\n", (rlim_t)st.st_size <= limit);
}

/* waitid's view of the same deaths. */
static void waitid_case(const char *label, int sig, rlim_t limit)
{
	siginfo_t si;
	pid_t pid = fork();

	if (pid == 0) {
		set_core_limit(limit);
		kill(getpid(), sig);
		_exit(99);
	}
	memset(&si, 0, sizeof si);
	waitid(P_PID, pid, &si, WEXITED);
	printf("%s: si_code %s si_status %s\n", label,
	       si.si_code == CLD_DUMPED ? "CLD_DUMPED" : si.si_code == CLD_KILLED ? "CLD_KILLED" : "other",
	       sig_name(si.si_status));
}

static void fresh_dir(char *dir)
{
	strcpy(dir, "/tmp/coreXXXXXX");
	if (!mkdtemp(dir) || chdir(dir) < 0)
		printf("mkdtemp/chdir failed\n");
}

static void clean_dir(const char *dir)
{
	unlink("core");
	unlink("core2");
	rmdir("core");
	chdir("/");
	rmdir(dir);
}

int main(void)
{
	char dir[32];

	setvbuf(stdout, NULL, _IONBF, 0);
	fresh_dir(dir);
	run_case("SIGQUIT, RLIMIT_CORE 0", SIGQUIT, 0);
	run_case("SIGSEGV, RLIMIT_CORE 4095", SIGSEGV, 4095);
	run_case("SIGTERM, RLIMIT_CORE 1M", SIGTERM, 1 << 20);
	run_case("SIGABRT, RLIMIT_CORE 1M", SIGABRT, 1 << 20);
	unlink("core");
	run_case("SIGFPE, RLIMIT_CORE 4096 (truncated)", SIGFPE, 4096);
	unlink("core");
	waitid_case("waitid SIGILL, RLIMIT_CORE 1M", SIGILL, 1 << 20);
	unlink("core");
	waitid_case("waitid SIGILL, RLIMIT_CORE 0", SIGILL, 0);

	symlink("/tmp/core-target-nonexistent", "core");
	run_case("SIGQUIT, core is a symlink", SIGQUIT, 1 << 20);
	printf("  symlink target created %d\n", access("/tmp/core-target-nonexistent", F_OK) == 0);
	unlink("core");

	mkdir("core", 0755);
	run_case("SIGQUIT, core is a directory", SIGQUIT, 1 << 20);
	rmdir("core");

	close(open("core", O_CREAT | O_WRONLY, 0600));
	link("core", "core2");
	run_case("SIGQUIT, core has two links", SIGQUIT, 1 << 20);
	clean_dir(dir);
	return 0;
}
