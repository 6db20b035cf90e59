/*
 * /bin/fsh - a very small shell for the serial console, kept as a readable
 * example (/bin/sh is Debian's busybox ash; tools/qrun's images keep this
 * one as /bin/sh).
 *   sh -c 'CMD ARGS'  run one command line (what system() and popen() use)
 *   NAME [ARGS...]   run /bin/NAME, /demos/NAME or /tests/NAME (or a path)
 *   cd DIR, pwd, ls [DIR], help, exit [N]
 * A program killed by a signal is reported as dash reports it
 * ("Segmentation fault", "Bus error", ...; docs/linux-abi.md §4).
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGS 32
#define LINE_MAX_ 512

static const char *const search_path[] = { "/bin", "/demos", "/tests", NULL };

static const char *signal_words(int sig)
{
	switch (sig) {
	case SIGSEGV: return "Segmentation fault";
	case SIGBUS: return "Bus error";
	case SIGFPE: return "Floating point exception";
	case SIGILL: return "Illegal instruction";
	case SIGTRAP: return "Trace/breakpoint trap";
	case SIGABRT: return "Aborted";
	case SIGKILL: return "Killed";
	case SIGTERM: return "Terminated";
	default: return NULL;
	}
}

static int split(char *line, char **argv)
{
	int n = 0;
	for (char *tok = strtok(line, " \t\n"); tok && n < MAX_ARGS - 1; tok = strtok(NULL, " \t\n"))
		argv[n++] = tok;
	argv[n] = NULL;
	return n;
}

static void exec_search(char **argv)
{
	char path[256];
	if (strchr(argv[0], '/')) {
		execv(argv[0], argv);
	} else {
		for (int i = 0; search_path[i]; i++) {
			snprintf(path, sizeof(path), "%s/%s", search_path[i], argv[0]);
			execv(path, argv);
		}
	}
	fprintf(stderr, "sh: %s: not found\n", argv[0]);
	_exit(127);
}

static int run(char **argv)
{
	int st;
	pid_t pid = fork();
	if (pid < 0) {
		perror("sh: fork");
		return 1;
	}
	if (pid == 0)
		exec_search(argv);
	if (waitpid(pid, &st, 0) < 0)
		return 1;
	if (WIFSIGNALED(st)) {
		const char *w = signal_words(WTERMSIG(st));
		if (w)
			fprintf(stderr, "%s\n", w);
		return 128 + WTERMSIG(st);
	}
	return WEXITSTATUS(st);
}

static void ls(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d) {
		perror(dir);
		return;
	}
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			printf("%s%s\n", e->d_name, e->d_type == DT_DIR ? "/" : "");
	closedir(d);
}

static void help(void)
{
	printf("faultline shell. Programs live in /demos (one per seed scenario) and /tests.\n"
	       "  ls /demos        list the demos      cd DIR, pwd, exit [N]\n"
	       "  NAME [ARGS]      run a program       (boot with pftrace to see each fault's path)\n");
}

static int builtin(char **argv, int *status)
{
	if (!strcmp(argv[0], "exit"))
		exit(argv[1] ? atoi(argv[1]) : 0);
	if (!strcmp(argv[0], "cd"))
		*status = chdir(argv[1] ? argv[1] : "/") ? (perror("cd"), 1) : 0;
	else if (!strcmp(argv[0], "pwd")) {
		char buf[256];
		puts(getcwd(buf, sizeof(buf)) ? buf : "?");
	} else if (!strcmp(argv[0], "ls"))
		ls(argv[1] ? argv[1] : ".");
	else if (!strcmp(argv[0], "help"))
		help();
	else
		return 0;
	return 1;
}

static int run_line(char *line)
{
	char *argv[MAX_ARGS];
	int status = 0;
	if (!split(line, argv))
		return 0;
	if (!builtin(argv, &status))
		status = run(argv);
	return status;
}

int main(int argc, char **argv)
{
	char line[LINE_MAX_];
	int status = 0;
	if (argc >= 3 && !strcmp(argv[1], "-c")) {
		strncpy(line, argv[2], sizeof(line) - 1);
		line[sizeof(line) - 1] = 0;
		return run_line(line);
	}
	printf("\nfaultline: type 'help', or 'ls /demos' for the page-fault tour.\n");
	for (;;) {
		printf("faultline:%s# ", status ? "!" : "");
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			return 0;
		status = run_line(line);
	}
}
