/*
 * proc_status_creds - /proc/PID/status shows the task's credentials as
 * Linux's task_state does: "Uid:" and "Gid:" give the real, effective,
 * saved and filesystem ids, "Groups:" the supplementary groups, each with
 * a space after it.  A root process changes its groups, gids and uids
 * step by step (setgroups, setresgid, setfsgid, setresuid, setfsuid) and
 * prints the lines after each; a thread's task/TID/status agrees (libc
 * changes every thread's ids).  Also: access() checks the real ids and
 * faccessat(AT_EACCESS) the effective ones; a zombie's status has no
 * memory lines (Linux prints them, CoreDumping, THP_enabled and
 * untag_mask only for a task with an mm); a live one has untag_mask, and
 * THP_enabled 1 until prctl(PR_SET_THP_DISABLE).
 *
 * build: musl glibc
 */
#define _GNU_SOURCE
#include "ftest.h"
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* The lines of @path's text that start with one of @keys (space-separated). */
static void show_lines(const char *what, const char *path, const char *keys)
{
	char buf[8192], *line, *save;

	ft_read_file(path, buf, sizeof buf);
	printf("%s:", what);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char key[64];
		const char *colon = strchr(line, ':');
		int len = colon ? (int)(colon - line) : 0;

		snprintf(key, sizeof key, " %.*s ", len, line);
		char spaced[256];
		snprintf(spaced, sizeof spaced, " %s ", keys);
		if (len && strstr(spaced, key))
			printf(" [%s]", line);
	}
	printf("\n");
}

static void ids(const char *what)
{
	char path[64];

	show_lines(what, "/proc/self/status", "Uid Gid Groups");
	snprintf(path, sizeof path, "/proc/self/task/%ld/status", (long)syscall(SYS_gettid));
	show_lines("  same in task/TID", path, "Uid Gid Groups");
}

static pthread_barrier_t go, done;
static char thread_path[64];

static void *thread(void *arg)
{
	snprintf(thread_path, sizeof thread_path, "/proc/self/task/%ld/status", (long)syscall(SYS_gettid));
	pthread_barrier_wait(&go);
	pthread_barrier_wait(&done);
	return NULL;
}

int main(void)
{
	gid_t groups[] = { 44, 7, 300 };
	pthread_t t;
	pid_t pid;
	int fd;

	setvbuf(stdout, NULL, _IONBF, 0);
	fd = open("/tmp/proc_status_creds.f", O_CREAT | O_WRONLY | O_TRUNC, 0640);
	fchown(fd, 1000, 2000);
	close(fd);

	pthread_barrier_init(&go, NULL, 2);
	pthread_barrier_init(&done, NULL, 2);
	pthread_create(&t, NULL, thread, NULL);
	pthread_barrier_wait(&go);

	ids("root");
	printf("setgroups: %d\n", setgroups(3, groups));
	ids("groups");
	printf("setgroups(0): %d\n", setgroups(0, NULL));
	show_lines("no groups", "/proc/self/status", "Groups");
	setgroups(3, groups);
	printf("setresgid(2000, 2001, 2002): %d\n", setresgid(2000, 2001, 2002));
	printf("setfsgid(2003) gave old %d\n", setfsgid(2003));
	ids("gids");
	printf("setresuid(1000, 1001, 0): %d\n", setresuid(1000, 1001, 0));
	printf("setfsuid(1000) gave old %d\n", setfsuid(1000));
	ids("uids");
	show_lines("thread", thread_path, "Uid Gid");

	/* real uid 1000 owns the file: access says yes to read; effective 1001 may not */
	printf("access(R_OK): %d\n", access("/tmp/proc_status_creds.f", R_OK));
	errno = 0;
	printf("faccessat(R_OK, AT_EACCESS): %d %s\n",
	       faccessat(AT_FDCWD, "/tmp/proc_status_creds.f", R_OK, AT_EACCESS), errno_name(errno));
	printf("setresuid(-1, 0, -1): %d\n", setresuid(-1, 0, -1));
	ids("euid 0 again");
	pthread_barrier_wait(&done);
	pthread_join(t, NULL);

	pid = fork();
	if (pid == 0)
		_exit(0);
	usleep(200000);
	{
		char path[64];

		snprintf(path, sizeof path, "/proc/%d/status", pid);
		show_lines("zombie", path, "State Uid VmSize CoreDumping THP_enabled untag_mask Threads");
	}
	waitpid(pid, NULL, 0);
	show_lines("self", "/proc/self/status", "CoreDumping THP_enabled untag_mask");
	printf("PR_SET_THP_DISABLE: %d\n", prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0));
	show_lines("self", "/proc/self/status", "THP_enabled");
	setresuid(0, 0, 0);
	unlink("/tmp/proc_status_creds.f");
	return 0;
}
