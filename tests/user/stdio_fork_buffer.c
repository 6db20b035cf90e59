/*
 * stdio buffering when stdout is not a terminal (docs/linux-abi.md §1 "stdout,
 * first write": ioctl(1, TIOCGWINSZ) fails on a pipe, so musl buffers stdout
 * fully; "exit / return from main": flush, then exit_group).  No setvbuf:
 * this test is about the buffer.  Expected, in order:
 *   isatty(1) is 0, so nothing reaches fd 1 until a flush;
 *   text printf()ed before fork() is still in the buffer, so the child
 *     inherits a copy: the child's exit() writes it together with its own
 *     line, and the parent's later flush writes it again;
 *   write(1, ...) bypasses the buffer, so it appears before text that was
 *     printf()ed earlier but not yet flushed;
 *   a child that _exit()s loses what it buffered; one that dies of abort()
 *     (SIGABRT, no flush in musl) loses it too; one that returns from main
 *     flushes it;
 *   more than BUFSIZ (1024 in musl) of output is written in pieces, each
 *     whole line still in order;
 *   setvbuf(_IOLBF) then makes every '\n' flush, so line-buffered text and
 *     write(1) interleave in program order;
 *   atexit handlers run in reverse order of registration, after main's
 *     exit(3) call and before the final flush; their output is buffered
 *     too, and the status is 3.
 * Every child is waited for before the parent writes again, so the order
 * is fixed.
 */
#include "ftest.h"
#include <stdlib.h>

static int return_from_main;

static void at1(void) { printf("atexit 1 (registered first, runs last)\n"); }
static void at2(void) { printf("atexit 2\n"); }
static void at3(void) { printf("atexit 3 (registered last, runs first)\n"); }

static void wait_child(pid_t pid, const char *label)
{
	int status;
	char line[128];

	waitpid(pid, &status, 0);
	/* Report through write(1) so the parent's own buffer is not disturbed. */
	if (WIFEXITED(status))
		snprintf(line, sizeof line, "[%s: exit %d]\n", label, WEXITSTATUS(status));
	else
		snprintf(line, sizeof line, "[%s: signal %d]\n", label, WTERMSIG(status));
	write(1, line, strlen(line));
}

int main(void)
{
	pid_t pid;

	if (return_from_main)
		return 0;

	printf("isatty(1) %d\n", isatty(1));
	printf("buffered before fork\n");
	pid = fork();
	if (pid == 0) {
		printf("child 1: exit() flushes the inherited copy\n");
		exit(0);
	}
	wait_child(pid, "child 1");
	write(1, "write(1): direct, before the parent's buffer\n", 45);
	printf("parent: first flush\n");
	fflush(stdout);

	printf("parent: buffered, then fork\n");
	pid = fork();
	if (pid == 0) {
		printf("child 2: _exit loses this\n");
		_exit(0);
	}
	wait_child(pid, "child 2");
	pid = fork();
	if (pid == 0) {
		printf("child 3: abort loses this\n");
		abort();
	}
	wait_child(pid, "child 3");
	pid = fork();
	if (pid == 0) {
		printf("child 4: return from main flushes\n");
		return_from_main = 1;
		return main();
	}
	wait_child(pid, "child 4");
	fflush(stdout);

	/* 60 lines of 40 bytes: 2400 bytes, more than one buffer. */
	for (int i = 0; i < 60; i++)
		printf("long output line %02d ......................\n", i);
	write(1, "write(1): after the long output\n", 32);
	fflush(stdout);

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("line buffered: a ");
	write(1, "[w1]\n", 5);
	printf("b\n");
	write(1, "[w2]\n", 5);
	printf("line buffered: c\n");

	setvbuf(stdout, NULL, _IOFBF, 0);
	atexit(at1);
	atexit(at2);
	atexit(at3);
	printf("main: calling exit(3)\n");
	write(1, "write(1): before the exit flush\n", 32);
	exit(3);
}
