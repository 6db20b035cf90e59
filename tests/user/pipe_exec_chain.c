/*
 * The shell pattern that once corrupted faultline's kernel heap (issue 13):
 * fork + execve + waitpid, then pipe + fork + execve with the child's stdout
 * on the pipe, the parent reading it.  glibc's static start-up mprotect()s
 * its RELRO part of the data segment read-only, which splits a file-backed
 * VMA; split_vma shared the VMA's struct file without taking a reference, so
 * the first exit freed the file while the other half still pointed at it,
 * and the next kmalloc met a corrupt free list.  musl's start-up does no
 * such mprotect, so this program splits a file mapping itself (munmap of
 * the middle page) before forking, to catch the same bug class in both
 * builds.  It is built twice, with musl and glibc (see below).
 *
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <stdlib.h>

#define ROUNDS 8
#define FILE_PAGES 3

extern char **environ;

/* Child mode: say who we are on stdout (maybe the pipe) and exit 5. */
static int child_mode(const char *what)
{
	printf("child %s\n", what);
	return 5;
}

static pid_t spawn(char *self, char *what, int out_fd)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (out_fd >= 0 && dup2(out_fd, 1) < 0)
			_exit(126);
		char *args[] = { self, "child", what, NULL };
		execve(self, args, environ);
		_exit(127);
	}
	return pid;
}

/* A file mapping split in two by munmap of its middle page, its fd closed:
 * only the two VMAs keep the struct file alive. */
static char *split_file_mapping(void)
{
	char path[] = "/tmp/pipe_exec_chain.XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || ftruncate(fd, FILE_PAGES * PAGE_SIZE) < 0)
		return NULL;
	char *p = mmap(NULL, FILE_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	unlink(path);
	if (p == MAP_FAILED)
		return NULL;
	p[0] = 'a';
	p[2 * PAGE_SIZE] = 'c';
	munmap(p + PAGE_SIZE, PAGE_SIZE);
	return p;
}

static void one_round(char *self, int round)
{
	int status, fds[2];
	char buf[64];

	pid_t pid = spawn(self, "plain", -1);
	waitpid(pid, &status, 0);
	if (round == 0)
		print_wait_status("plain child", status);
	if (pipe(fds) < 0) {
		printf("pipe: %s\n", errno_name(errno));
		return;
	}
	pid = spawn(self, "piped", fds[1]);
	close(fds[1]);
	ssize_t n = read(fds[0], buf, sizeof buf - 1);
	close(fds[0]);
	buf[n > 0 ? n : 0] = '\0';
	waitpid(pid, &status, 0);
	if (round == 0) {
		printf("read from the pipe: %s", buf);
		print_wait_status("piped child", status);
	} else if (strcmp(buf, "child piped\n") != 0 || !WIFEXITED(status)) {
		printf("round %d: read '%s', status %#x\n", round, buf, status);
	}
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return child_mode(argv[2]);

	char *p = split_file_mapping();
	printf("file mapping split: %s\n", p ? "yes" : "no");
	for (int round = 0; round < ROUNDS; round++)
		one_round(argv[0], round);
	if (p)
		printf("both halves still read back: %c %c\n", p[0], p[2 * PAGE_SIZE]);
	printf("%d rounds done\n", ROUNDS);
	return 0;
}
