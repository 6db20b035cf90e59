/*
 * execve argument limits and odd argument vectors (docs/linux-abi.md §9 "stack
 * image": argv/envp strings, AT_EXECFN = the path passed to execve; §3
 * E2BIG 7, EFAULT 14, EACCES 13).  Linux limits (fs/exec.c): each string
 * at most MAX_ARG_STRLEN = 32 pages = 131072 bytes including its NUL, and
 * all strings plus pointers at most RLIMIT_STACK/4 = 2 MiB (the harness
 * runs with the 8 MiB default); there is no separate count limit.  Since
 * Linux 5.18 an empty argv (argv == NULL) is replaced by { "" }, so the
 * program sees argc 1 and argv[0] "".  Each case forks a child that
 * execve()s argv[0] (re-entering this program in a "child mode" chosen by
 * argv[1], or by the environment when there is no argv[1]); the child
 * prints what it got and exits 0; a failed execve prints its errno:
 *   1000 arguments; 100 environment strings; argv[0] "renamed" (differs
 *   from the path; AT_EXECFN is still the path); one 100 KiB argument;
 *   one of 131071 bytes (the largest allowed); one of 131072 -> E2BIG;
 *   one of 200 KiB -> E2BIG; 8 arguments of 100 KiB (800 KiB in all);
 *   5000 one-byte arguments; 30 arguments of 100 KiB (3 MiB) -> E2BIG;
 *   argv NULL; envp NULL; a 600-byte path ("/./././..." prefix);
 *   /dev/null -> EACCES; argv = (char **)8 -> EFAULT; an argv element
 *   pointing at address 8 -> EFAULT.
 * Finally the failed execve()s above were also tried in the parent itself
 * (not in a child): afterwards its globals, its SIGUSR1 handler and an open
 * pipe still work.
 */
#include "ftest.h"
#include <stdlib.h>
#include <sys/auxv.h>

extern char **environ;

static unsigned hash_str(unsigned h, const char *s)
{
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h * 16777619u;
}

static int child_mode(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : getenv("MODE");
	int n = 0;

	if (!mode)
		mode = "(none)";
	printf("  child: mode %s argc %d", mode, argc);
	if (strcmp(mode, "args") == 0) {
		unsigned h = 2166136261u;
		for (int i = 0; i < argc; i++)
			if (i != 0)
				h = hash_str(h, argv[i]);
		printf(" hash 0x%08x", h);
	} else if (strcmp(mode, "env") == 0) {
		int ok = 1;
		char want[32];
		for (char **e = environ; *e; e++, n++) {
			snprintf(want, sizeof want, "V%d=%d", n, n * n);
			ok &= strcmp(*e, want) == 0;
		}
		printf(" envc %d all match %d", n, ok);
	} else if (strcmp(mode, "argv0") == 0) {
		const char *fn = (const char *)getauxval(AT_EXECFN);
		printf(" argv[0] \"%s\" execfn is path %d", argv[0],
		       fn && argc > 2 && strcmp(fn, argv[2]) == 0);
	} else if (strcmp(mode, "big") == 0) {
		for (int i = 2; i < argc; i++) {
			size_t len = strlen(argv[i]), bad = 0;
			for (size_t j = 0; j < len; j++)
				bad += argv[i][j] != (char)('a' + (j + i) % 26);
			printf(" [%zu%s]", len, bad ? " BAD" : "");
		}
	} else if (strcmp(mode, "ones") == 0) {
		int ok = 1;
		for (int i = 2; i < argc; i++)
			ok &= argv[i][0] == 'x' && argv[i][1] == 0;
		printf(" all \"x\" %d", ok);
	} else if (strcmp(mode, "argvnull") == 0) {
		printf(" argv[0] %s", argv[0] == NULL ? "NULL" : argv[0][0] ? "non-empty" : "\"\"");
	} else if (strcmp(mode, "longpath") == 0) {
		const char *fn = (const char *)getauxval(AT_EXECFN);
		printf(" execfn longer than 600 %d, equal to argv[0] %d", fn && strlen(fn) > 600,
		       fn && strcmp(fn, argv[0]) == 0);
	}
	for (char **e = environ; *e; e++)
		n++;
	if (strcmp(mode, "env") != 0)
		printf(" envc %d", n);
	printf("\n");
	return 0;
}

static char *self;
static char **volatile bad_argv = (char **)8;

static void run(const char *label, const char *path, char **args, char **env)
{
	int status;

	printf("%s:\n", label);
	pid_t pid = fork();
	if (pid == 0) {
		execve(path, args, env);
		printf("  execve failed: %s\n", errno_name(errno));
		_exit(1);
	}
	waitpid(pid, &status, 0);
	print_wait_status("  status", status);
}

static char *big(size_t len, int idx)
{
	char *s = malloc(len + 1);

	for (size_t j = 0; j < len; j++)
		s[j] = (char)('a' + (j + idx) % 26);
	s[len] = 0;
	return s;
}

static volatile int usr1;
static void on_usr1(int sig) { (void)sig; usr1++; }
static int global_value = 1234;

int main(int argc, char **argv)
{
	static char *args[5010];
	char *noenv[] = { NULL };

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 || getenv("MODE"))
		return child_mode(argc, argv);
	if (argc < 1)
		return child_mode(argc, argv);
	self = argv[0];

	/* 1000 arguments */
	args[0] = self;
	args[1] = "args";
	for (int i = 2; i < 1000; i++) {
		char tmp[16];
		snprintf(tmp, sizeof tmp, "a%d", i);
		args[i] = strdup(tmp);
	}
	args[1000] = NULL;
	{
		unsigned h = 2166136261u;
		for (int i = 1; i < 1000; i++)
			h = hash_str(h, args[i]);
		printf("expected hash of 1000 arguments: 0x%08x\n", h);
	}
	run("1000 arguments", self, args, noenv);

	/* 100 environment strings */
	{
		static char *env[101];
		char *a[] = { self, "env", NULL };
		for (int i = 0; i < 100; i++) {
			char tmp[32];
			snprintf(tmp, sizeof tmp, "V%d=%d", i, i * i);
			env[i] = strdup(tmp);
		}
		env[100] = NULL;
		run("100 environment strings", self, a, env);
	}

	{
		char *a[] = { "renamed", "argv0", self, NULL };
		run("argv[0] differs from the path", self, a, noenv);
	}

	{
		char *a[] = { self, "big", big(100 * 1024, 2), NULL };
		run("one 100 KiB argument", self, a, noenv);
		free(a[2]);
	}
	{
		char *a[] = { self, "big", big(131071, 2), NULL };
		run("one argument of 131071 bytes (+NUL = MAX_ARG_STRLEN)", self, a, noenv);
		free(a[2]);
	}
	{
		char *a[] = { self, "big", big(131072, 2), NULL };
		run("one argument of 131072 bytes", self, a, noenv);
		free(a[2]);
	}
	{
		char *a[] = { self, "big", big(200 * 1024, 2), NULL };
		run("one 200 KiB argument", self, a, noenv);
		free(a[2]);
	}
	{
		char *a[11] = { self, "big" };
		for (int i = 2; i < 10; i++)
			a[i] = big(100 * 1024, i);
		a[10] = NULL;
		run("8 arguments of 100 KiB", self, a, noenv);
		for (int i = 2; i < 10; i++)
			free(a[i]);
	}
	{
		args[0] = self;
		args[1] = "ones";
		for (int i = 2; i < 5002; i++)
			args[i] = "x";
		args[5002] = NULL;
		run("5000 one-byte arguments", self, args, noenv);
	}
	{
		char *a[33] = { self, "big" };
		for (int i = 2; i < 32; i++)
			a[i] = big(100 * 1024, i);
		a[32] = NULL;
		run("30 arguments of 100 KiB", self, a, noenv);
		for (int i = 2; i < 32; i++)
			free(a[i]);
	}
	{
		char *env[] = { "MODE=argvnull", NULL };
		run("argv NULL", self, NULL, env);
	}
	{
		char *a[] = { self, "envnull", NULL };
		run("envp NULL", self, a, NULL);
	}
	{
		char *path = malloc(4096), *p = path;
		const char *rest = self;

		if (*rest == '/') {
			*p++ = '/';
			rest++;
		}
		for (int i = 0; i < 300; i++) {
			*p++ = '.';
			*p++ = '/';
		}
		strcpy(p, rest);
		char *a[] = { path, "longpath", NULL };
		printf("long path longer than 600: %d\n", strlen(path) > 600);
		run("a 600-byte path", path, a, noenv);
		free(path);
	}

	{
		char *a[] = { "/dev/null", NULL };
		run("/dev/null", "/dev/null", a, noenv);
		run("argv = (char **)8", self, bad_argv, noenv);
		char *b[] = { self, (char *)8, NULL };
		run("argv[1] = (char *)8", self, b, noenv);
	}

	/* Failed execve in this very process. */
	{
		int p[2];
		char c = 0;
		char *a[] = { "/dev/null", NULL };
		char *b[] = { self, "big", big(200 * 1024, 2), NULL };

		signal(SIGUSR1, on_usr1);
		pipe(p);
		write(p[1], "k", 1);
		int r;
		ssize_t n;

		errno = 0;
		r = execve("/dev/null", a, noenv);
		printf("in-process execve /dev/null: %d %s\n", r, errno_name(errno));
		errno = 0;
		r = execve(self, b, noenv);
		printf("in-process execve 200 KiB arg: %d %s\n", r, errno_name(errno));
		errno = 0;
		r = execve(self, bad_argv, noenv);
		printf("in-process execve bad argv: %d %s\n", r, errno_name(errno));
		raise(SIGUSR1);
		n = read(p[0], &c, 1);
		printf("still here: global %d handler ran %d pipe read %zd '%c'\n", global_value, usr1,
		       n, c);
	}
	return 0;
}
