/*
 * The syscall register convention (docs/linux-abi.md §2: nr in rax, arguments
 * in rdi rsi rdx r10 r8 r9; `syscall` sets rcx = return RIP and r11 =
 * RFLAGS; every other register is preserved and the result is in rax).
 * Each case loads known values into rbx rbp rdi rsi rdx r8-r10 r12-r15 and
 * xmm0-xmm15, executes one raw `syscall`, and then checks:
 *   every preserved register still holds its value (count of 14 GPRs and
 *   16 xmm registers); rcx == the address just after the syscall
 *   instruction; r11 holds RFLAGS from before the syscall (CF set by an
 *   stc just before it, IF set);
 * for: getpid (39); sched_yield (24); a read() that blocks on an empty pipe
 * until a child writes (a context switch inside the syscall); kill(self,
 * SIGUSR1) with a handler that trashes all these registers (the return goes
 * through rt_sigreturn); nanosleep 10 ms; an unknown syscall (999 ->
 * -ENOSYS).
 * Also: Linux reads the syscall number as a 32-bit int, so rax =
 * 0x100000027 is getpid; rax = -1 -> -ENOSYS.
 */
#include "ftest.h"
#include <time.h>

struct regs {
	unsigned long rbx, rbp, rdi, rsi, rdx, r8, r9, r10, r12, r13, r14, r15;
	unsigned long rcx, r11, rax, flags_before, after_addr;
	unsigned long long xmm[16][2] __attribute__((aligned(16)));
};

struct regs sr_in, sr_out;
#define in sr_in
#define out sr_out

/*
 * Registers are loaded from `in`, the syscall made, everything stored to
 * `out`.  rdi/rsi/rdx/r10/r8/r9 carry the arguments, so those are what the
 * caller put in `in`.
 */
static void do_syscall(void)
{
	asm volatile(
		"push %%rbp\n\t"
		"push %%rbx\n\t"
		"lea sr_in(%%rip), %%rax\n\t"
		"movdqa 144(%%rax), %%xmm0\n\t" "movdqa 160(%%rax), %%xmm1\n\t"
		"movdqa 176(%%rax), %%xmm2\n\t" "movdqa 192(%%rax), %%xmm3\n\t"
		"movdqa 208(%%rax), %%xmm4\n\t" "movdqa 224(%%rax), %%xmm5\n\t"
		"movdqa 240(%%rax), %%xmm6\n\t" "movdqa 256(%%rax), %%xmm7\n\t"
		"movdqa 272(%%rax), %%xmm8\n\t" "movdqa 288(%%rax), %%xmm9\n\t"
		"movdqa 304(%%rax), %%xmm10\n\t" "movdqa 320(%%rax), %%xmm11\n\t"
		"movdqa 336(%%rax), %%xmm12\n\t" "movdqa 352(%%rax), %%xmm13\n\t"
		"movdqa 368(%%rax), %%xmm14\n\t" "movdqa 384(%%rax), %%xmm15\n\t"
		"mov 0(%%rax), %%rbx\n\t" "mov 8(%%rax), %%rbp\n\t"
		"mov 16(%%rax), %%rdi\n\t" "mov 24(%%rax), %%rsi\n\t"
		"mov 32(%%rax), %%rdx\n\t" "mov 40(%%rax), %%r8\n\t"
		"mov 48(%%rax), %%r9\n\t" "mov 56(%%rax), %%r10\n\t"
		"mov 64(%%rax), %%r12\n\t" "mov 72(%%rax), %%r13\n\t"
		"mov 80(%%rax), %%r14\n\t" "mov 88(%%rax), %%r15\n\t"
		"mov 112(%%rax), %%rax\n\t"		/* the syscall number */
		"stc\n\t"				/* CF=1 on entry */
		"syscall\n\t"
		"1:\n\t"
		"push %%rax\n\t"
		"lea sr_out(%%rip), %%rax\n\t"
		"mov %%rbx, 0(%%rax)\n\t" "mov %%rbp, 8(%%rax)\n\t"
		"mov %%rdi, 16(%%rax)\n\t" "mov %%rsi, 24(%%rax)\n\t"
		"mov %%rdx, 32(%%rax)\n\t" "mov %%r8, 40(%%rax)\n\t"
		"mov %%r9, 48(%%rax)\n\t" "mov %%r10, 56(%%rax)\n\t"
		"mov %%r12, 64(%%rax)\n\t" "mov %%r13, 72(%%rax)\n\t"
		"mov %%r14, 80(%%rax)\n\t" "mov %%r15, 88(%%rax)\n\t"
		"mov %%rcx, 96(%%rax)\n\t" "mov %%r11, 104(%%rax)\n\t"
		"pop %%rcx\n\t"
		"mov %%rcx, 112(%%rax)\n\t"
		"lea 1b(%%rip), %%rcx\n\t"
		"mov %%rcx, 128(%%rax)\n\t"
		"movdqa %%xmm0, 144(%%rax)\n\t" "movdqa %%xmm1, 160(%%rax)\n\t"
		"movdqa %%xmm2, 176(%%rax)\n\t" "movdqa %%xmm3, 192(%%rax)\n\t"
		"movdqa %%xmm4, 208(%%rax)\n\t" "movdqa %%xmm5, 224(%%rax)\n\t"
		"movdqa %%xmm6, 240(%%rax)\n\t" "movdqa %%xmm7, 256(%%rax)\n\t"
		"movdqa %%xmm8, 272(%%rax)\n\t" "movdqa %%xmm9, 288(%%rax)\n\t"
		"movdqa %%xmm10, 304(%%rax)\n\t" "movdqa %%xmm11, 320(%%rax)\n\t"
		"movdqa %%xmm12, 336(%%rax)\n\t" "movdqa %%xmm13, 352(%%rax)\n\t"
		"movdqa %%xmm14, 368(%%rax)\n\t" "movdqa %%xmm15, 384(%%rax)\n\t"
		"pop %%rbx\n\t"
		"pop %%rbp\n\t"
		:
		:
		: "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13",
		  "r14", "r15", "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",
		  "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14",
		  "xmm15");
}

static void fill(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
		 unsigned long a3)
{
	unsigned long *g = &in.rbx;

	for (int i = 0; i < 12; i++)
		g[i] = 0x1111111111111111UL * (i + 1) ^ 0x0123456789abcdefUL;
	in.rdi = a0;
	in.rsi = a1;
	in.rdx = a2;
	in.r10 = a3;
	in.rax = nr;
	for (int i = 0; i < 16; i++) {
		in.xmm[i][0] = 0x0f0f0f0f00000000ULL + i;
		in.xmm[i][1] = 0xa5a5a5a500000000ULL + 100 * i;
	}
}

static void check(const char *label)
{
	unsigned long *a = &in.rbx, *b = &out.rbx;
	int gprs = 0, xmms = 0;

	for (int i = 0; i < 12; i++)
		gprs += a[i] == b[i];
	for (int i = 0; i < 16; i++)
		xmms += memcmp(in.xmm[i], out.xmm[i], 16) == 0;
	printf("%s: rax %ld, preserved gprs %d/12 xmm %d/16, rcx = return rip %d, r11 CF %lu IF %lu\n",
	       label, (long)out.rax, gprs, xmms, out.rcx == out.after_addr, out.r11 & 1,
	       (out.r11 >> 9) & 1);
}

static void on_usr1(int sig)
{
	(void)sig;
	asm volatile("xor %%ebx, %%ebx\n\t" "xor %%r12d, %%r12d\n\t" "xor %%r13d, %%r13d\n\t"
		     "xor %%r14d, %%r14d\n\t" "xor %%r15d, %%r15d\n\t"
		     "pxor %%xmm0, %%xmm0\n\t" "pxor %%xmm7, %%xmm7\n\t" "pxor %%xmm15, %%xmm15\n\t"
		     : : : "rbx", "r12", "r13", "r14", "r15", "xmm0", "xmm7", "xmm15");
}

int main(void)
{
	int p[2], status;
	char c;

	setvbuf(stdout, NULL, _IONBF, 0);

	fill(39, 0, 0, 0, 0);
	do_syscall();
	printf("getpid matches: %d\n", (long)out.rax == getpid());
	out.rax = 0;
	check("getpid");

	fill(24, 0, 0, 0, 0);
	do_syscall();
	check("sched_yield");

	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		usleep(50000);
		write(p[1], "z", 1);
		_exit(0);
	}
	fill(0, p[0], (unsigned long)&c, 1, 0);
	do_syscall();
	check("blocking read");
	waitpid(pid, &status, 0);

	signal(SIGUSR1, on_usr1);
	fill(62, getpid(), SIGUSR1, 0, 0);
	do_syscall();
	check("kill(self) with a handler");

	struct timespec ts = { 0, 10000000 };
	fill(35, (unsigned long)&ts, 0, 0, 0);
	do_syscall();
	check("nanosleep 10 ms");

	fill(999, 0, 0, 0, 0);
	do_syscall();
	check("syscall 999");

	fill(0x100000027UL, 0, 0, 0, 0);
	do_syscall();
	printf("rax 0x100000027 is getpid: %d (rax %s)\n", (long)out.rax == getpid(),
	       (long)out.rax == -ENOSYS ? "-ENOSYS" : (long)out.rax > 0 ? "a pid" : "?");

	fill(-1UL, 0, 0, 0, 0);
	do_syscall();
	printf("rax -1: %s\n", (long)out.rax == -ENOSYS ? "-ENOSYS" : "other");
	return 0;
}
