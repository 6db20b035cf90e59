/*
 * A real static PIE (built with the recipe in docs/linux-abi.md §1, like
 * static_pie_hello) that has a PT_TLS segment and a large .bss.  musl's
 * rcrt1 relocates the image (R_X86_64_RELATIVE, also inside .tdata), then
 * finds PT_TLS through AT_PHDR/AT_PHNUM (§9: without them TLS initialisers
 * are lost) and copies the TLS image:
 *   __thread variables with initialisers read their initial values: an
 *   int, a 64-byte-aligned array, a string pointer and a pointer to a
 *   global (both need relocations applied inside .tdata);
 *   a __thread in .tbss reads 0; the thread pointer is 64-byte aligned
 *   enough for the aligned variable;
 *   %fs:0 holds the thread pointer itself (the TCB self-pointer);
 *   a 4 MiB .bss array reads 0 at its first, middle and last byte and is
 *   writable; an initialised 64 KiB .data array holds its values;
 *   after fork the child sees the parent's current TLS values, and its own
 *   writes do not reach the parent.
 * Standalone on purpose: only libc, no ftest.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int global = 7;
static __thread int t_int = 42;
static __thread long t_arr[8] __attribute__((aligned(64))) = { 1, 2, 3, 4, 5, 6, 7, 8 };
static __thread const char *t_str = "tls string";
static __thread int *t_ptr = &global;
static __thread long t_zero;
static __thread char t_zero_big[3000];

static char big_bss[4 << 20];
static int big_data[16384] = { [0] = 11, [8191] = 22, [16383] = 33 };

int main(void)
{
	void *tp;
	int status, zero = 1;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("t_int %d\n", t_int);
	printf("t_arr %ld %ld %ld, 64-byte aligned %d\n", t_arr[0], t_arr[3], t_arr[7],
	       ((uintptr_t)t_arr & 63) == 0);
	printf("t_str \"%s\"\n", t_str);
	printf("t_ptr points at global %d (*t_ptr %d)\n", t_ptr == &global, *t_ptr);
	for (unsigned i = 0; i < sizeof t_zero_big; i++)
		zero &= t_zero_big[i] == 0;
	printf("t_zero %ld, t_zero_big all zero %d\n", t_zero, zero);
	asm volatile("mov %%fs:0, %0" : "=r"(tp));
	printf("fs:0 is the thread pointer %d\n", (uintptr_t)tp != 0 &&
	       (uintptr_t)&t_int < (uintptr_t)tp && (uintptr_t)tp - (uintptr_t)&t_int < 65536);
	printf("big .bss: %d %d %d\n", big_bss[0], big_bss[sizeof big_bss / 2],
	       big_bss[sizeof big_bss - 1]);
	big_bss[sizeof big_bss - 1] = 9;
	printf("big .bss written: %d\n", big_bss[sizeof big_bss - 1]);
	printf("big .data: %d %d %d %d\n", big_data[0], big_data[8191], big_data[16383], big_data[100]);

	t_int = 100;
	pid_t pid = fork();
	if (pid == 0) {
		printf("child: t_int %d t_str \"%s\"\n", t_int, t_str);
		t_int = 200;
		t_arr[0] = -1;
		_exit(t_int == 200 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	printf("parent after child: t_int %d t_arr[0] %ld child exit %d\n", t_int, t_arr[0],
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}
