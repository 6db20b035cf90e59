/*
 * prctl's smaller options (Linux kernel/sys.c prctl; fs/proc/base.c
 * timerslack_ns_show/_write):
 *   - PR_GET_TIMERSLACK is 50000 ns at first; a value set reads back, and
 *     0 restores the default; a fork child starts with its parent's slack,
 *     which is also the default its own 0 restores;
 *   - /proc/self/timerslack_ns shows the same number; a decimal written
 *     there ("+" and one newline allowed) sets it, 0 the default; anything
 *     else is EINVAL; another process's file opens for anyone (mode 0666)
 *     but reading or writing it needs CAP_SYS_NICE: EPERM for nobody;
 *   - PR_GET_TIMING is 0 (statistical), PR_SET_TIMING takes only 0;
 *   - PR_GET_TID_ADDRESS gives the pointer set_tid_address stored;
 *   - PR_SET_THP_DISABLE takes (on/off, 0, 0, 0), PR_GET_THP_DISABLE
 *     (0, 0, 0, 0); the flag is kept by fork and by exec;
 *   - an unknown option is EINVAL.
 */
#include "credutil.h"
#include <sys/prctl.h>

static void show(const char *what, long r)
{
	printf("%s: %ld %s\n", what, r, r < 0 ? errno_name(errno) : "");
}

static void proc_read(const char *label, const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0) {
		printf("%s: open %s\n", label, errno_name(errno));
		return;
	}
	n = read(fd, buf, sizeof buf - 1);
	printf("%s: %s", label, n < 0 ? errno_name(errno) : buf);
	if (n < 0)
		printf("\n");
	close(fd);
}

static void proc_write(const char *label, const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0) {
		printf("%s: open %s\n", label, errno_name(errno));
		return;
	}
	n = write(fd, text, strlen(text));
	printf("%s: %s, slack now %d\n", label, n < 0 ? errno_name(errno) : "ok", prctl(PR_GET_TIMERSLACK));
	close(fd);
}

/* THP_DISABLE in a child, which then forks and execs itself. */
static void thp_disable(char *self)
{
	int status;
	pid_t pid;

	show("GET_THP_DISABLE", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0));
	show("GET_THP_DISABLE 1", prctl(PR_GET_THP_DISABLE, 1, 0, 0, 0));
	show("SET_THP_DISABLE 0, 1", prctl(PR_SET_THP_DISABLE, 0, 1, 0, 0));
	if ((pid = fork()) == 0) {
		char *argv[] = { self, "thp", NULL };

		show("SET_THP_DISABLE 1", prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0));
		show("GET_THP_DISABLE", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0));
		if (fork() == 0) {
			show("fork child GET_THP_DISABLE", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0));
			_exit(0);
		}
		wait(NULL);
		execv(self, argv);
		_exit(1);
	}
	waitpid(pid, &status, 0);
}

int main(int argc, char **argv)
{
	const char *self = "/proc/self/timerslack_ns";
	char parent_path[64];
	int tid_word, *tid_addr = NULL, status;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1) {
		show("after exec GET_THP_DISABLE", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0));
		return 0;
	}
	show("GET_TIMERSLACK", prctl(PR_GET_TIMERSLACK));
	show("SET_TIMERSLACK 70000", prctl(PR_SET_TIMERSLACK, 70000));
	show("GET_TIMERSLACK", prctl(PR_GET_TIMERSLACK));
	proc_read("read /proc/self", self);
	if ((pid = fork()) == 0) {
		show("fork child GET_TIMERSLACK", prctl(PR_GET_TIMERSLACK));
		prctl(PR_SET_TIMERSLACK, 5);
		show("child SET_TIMERSLACK 0 restores", (prctl(PR_SET_TIMERSLACK, 0), prctl(PR_GET_TIMERSLACK)));
		_exit(0);
	}
	waitpid(pid, &status, 0);
	show("SET_TIMERSLACK 0 restores", (prctl(PR_SET_TIMERSLACK, 0), prctl(PR_GET_TIMERSLACK)));
	proc_write("write \"12345\\n\"", self, "12345\n");
	proc_read("read /proc/self", self);
	proc_write("write \"+7\"", self, "+7");
	proc_write("write \"0\"", self, "0");
	proc_write("write \"abc\"", self, "abc");
	proc_write("write \"-1\"", self, "-1");
	proc_write("write \"5 \"", self, "5 ");
	proc_write("write 2^64", self, "18446744073709551616");

	snprintf(parent_path, sizeof parent_path, "/proc/%d/timerslack_ns", getpid());
	if ((pid = fork()) == 0) {
		proc_read("root reads its parent's", parent_path);
		become_nobody();
		proc_read("nobody reads root's", parent_path);
		proc_write("nobody writes root's", parent_path, "1");
		proc_read("nobody reads its own", self);
		_exit(0);
	}
	waitpid(pid, &status, 0);

	show("GET_TIMING", prctl(PR_GET_TIMING));
	show("SET_TIMING 1", prctl(PR_SET_TIMING, 1));
	show("SET_TIMING 0", prctl(PR_SET_TIMING, 0));
	if ((pid = fork()) == 0) {
		syscall(SYS_set_tid_address, &tid_word);
		show("GET_TID_ADDRESS", prctl(PR_GET_TID_ADDRESS, &tid_addr));
		printf("  is set_tid_address's pointer: %d\n", tid_addr == &tid_word);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	thp_disable(argv[0]);
	show("option 999", prctl(999, 0, 0, 0, 0));
	return 0;
}
