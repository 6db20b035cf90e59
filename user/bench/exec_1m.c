/*
 * Instructions per fork() + execve() of a 1 MiB static program + waitpid(),
 * counting the parent, the child and the kernel (one CPU: the TSC counts
 * all of them).
 *
 * The program executed is this one: `pad` below is 1 MiB of initialized
 * data (nonzero, so it lives in the file's .data, not in .bss), which makes
 * the binary about 1.1 MiB.  First the program copies itself (argv[0]) to
 * bench_dir(), so that the executed file is on the ext2 file system on both
 * kernels (Linux keeps /bench in its initramfs, on ramfs), then each
 * iteration forks a child that execve()s that copy with the argument
 * "child".  The child reads one byte of every page of `pad`, so the whole
 * 1 MiB is faulted in from the page cache (read faults on the MAP_PRIVATE
 * data segment: 16 of them with fault-around), then exits; as a real
 * program would use most of what it loads.  The file is in the page cache
 * from the warm-up round on: nothing is read from the disk while timed.
 */
#include "bench.h"
#include <sys/stat.h>
#include <sys/wait.h>

#define NAME "exec_1m"
#define PAD (1UL << 20)
#define ITERS 8
#define ROUNDS 7

static char pad[PAD] = { 1 };

static int child(void)
{
	unsigned long sum = 0;
	for (unsigned long i = 0; i < PAD; i += PAGE)
		sum += ((volatile char *)pad)[i];
	return sum != 1;
}

/* argv[0] -> DIR/exec_1m.child, executable. */
static void copy_self(const char *self, const char *path)
{
	static char buf[64 * 1024];
	ssize_t n;
	int in = open(self, O_RDONLY);
	int out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (in < 0 || out < 0)
		bench_die(NAME, "opening argv[0] or the copy");
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			bench_die(NAME, "writing the copy");
	if (n < 0 || fsync(out) || close(out) || close(in))
		bench_die(NAME, "copying argv[0]");
}

int main(int argc, char **argv)
{
	extern char **environ;
	uint64_t d[ROUNDS];
	char path[256];
	if (argc > 1)
		return child();
	snprintf(path, sizeof(path), "%s/%s.child", bench_dir(), NAME);
	copy_self(argv[0], path);
	for (int r = -1; r < ROUNDS; r++) {
		uint64_t t0 = rdtsc();
		for (int i = 0; i < ITERS; i++) {
			char *cargv[] = { path, "child", NULL };
			int st;
			pid_t pid = fork();
			if (pid == 0) {
				execve(path, cargv, environ);
				_exit(127);
			}
			if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
			    WEXITSTATUS(st)) {
				unlink(path);
				bench_die(NAME, "fork/execve/waitpid of the 1 MiB program");
			}
		}
		uint64_t t1 = rdtsc();
		if (r >= 0)
			d[r] = t1 - t0;
	}
	unlink(path);
	bench_report(NAME, ITERS, d, ROUNDS);
	return 0;
}
