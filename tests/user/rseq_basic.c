/*
 * rseq_basic - restartable sequences (Linux kernel/rseq.c), through the
 * raw system call (musl does not register an area itself; glibc does):
 *   before anything is registered: a short length, a misaligned area,
 *     unknown flags: EINVAL; a kernel address: EFAULT;
 *   registering a 32-byte area: 0, and on the way back the kernel has
 *     written cpu_id (no longer RSEQ_CPU_ID_UNINITIALIZED) and cpu_id_start;
 *   again: EBUSY; with another signature: EPERM; another area: EINVAL;
 *   a signal taken inside a critical section sends the thread to the
 *     section's abort_ip (the handler runs first) and clears rseq_cs; a
 *     signal outside one leaves the code alone and also clears rseq_cs;
 *   a fork child keeps the registration (EBUSY), an exec'd program starts
 *     without one (0);
 *   unregistering: EPERM with another signature, EINVAL with another
 *     length, 0, then EINVAL.
 */
#include "ftest.h"
#include <stdint.h>

#define RSEQ_SIG 0x53053053		/* glibc's x86 signature: the 4 bytes before every abort_ip */
#define RSEQ_LEN 32
#define RSEQ_FLAG_UNREGISTER 1
#define RSEQ_CPU_ID_UNINITIALIZED ((uint32_t)-1)
#define KERNEL_ADDR 0xffff800000000000UL

struct rseq_area {
	uint32_t cpu_id_start, cpu_id;
	uint64_t rseq_cs;
	uint32_t flags, node_id, mm_cid;
	char pad[4];
} __attribute__((aligned(32)));

struct rseq_cs_desc {
	uint32_t version, flags;
	uint64_t start_ip, post_commit_offset, abort_ip;
} __attribute__((aligned(32)));

static struct rseq_area area, other;
static struct rseq_cs_desc desc;
static volatile int handled;

/*
 * section(&area.rseq_cs, &desc): arms the descriptor, then inside the
 * section sends itself SIGUSR1 with raw system calls.  Returns 1 if it ran
 * to the end of the section, 2 if it came back through cs_abort.
 */
extern char cs_start[], cs_end[], cs_abort[];
int section(uint64_t *cs_field, struct rseq_cs_desc *d);
__asm__(".text\n"
	".globl section\n"
	"section:\n"
	"	movq %rsi, (%rdi)\n"		/* rseq->rseq_cs = d: the section is armed */
	".globl cs_start\n"
	"cs_start:\n"
	"	movl $39, %eax\n"		/* getpid */
	"	syscall\n"
	"	movq %rax, %rdi\n"
	"	movl $10, %esi\n"		/* SIGUSR1 */
	"	movl $62, %eax\n"		/* kill: the signal is taken on this call's way out */
	"	syscall\n"
	"	movl $1, %eax\n"		/* reached only if nothing restarted the section */
	".globl cs_end\n"
	"cs_end:\n"
	"	ret\n"
	"	.long 0x53053053\n"		/* RSEQ_SIG, just before the abort handler */
	".globl cs_abort\n"
	"cs_abort:\n"
	"	movl $2, %eax\n"
	"	ret\n");

static long rseq(void *a, uint32_t len, int flags, uint32_t sig)
{
	return syscall(SYS_rseq, a, len, flags, sig);
}

static void show(const char *label, long r)
{
	if (r < 0)
		printf("%s: -1 %s\n", label, errno_name(errno));
	else
		printf("%s: %ld\n", label, r);
}

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static void registration(void)
{
	area.cpu_id = RSEQ_CPU_ID_UNINITIALIZED;
	show("register", rseq(&area, RSEQ_LEN, 0, RSEQ_SIG));
	printf("cpu_id written %d, cpu_id_start matches %d\n", area.cpu_id != RSEQ_CPU_ID_UNINITIALIZED,
	       area.cpu_id_start == area.cpu_id);
	show("again", rseq(&area, RSEQ_LEN, 0, RSEQ_SIG));
	show("again, other signature", rseq(&area, RSEQ_LEN, 0, RSEQ_SIG + 1));
	show("another area", rseq(&other, RSEQ_LEN, 0, RSEQ_SIG));
}

static void bad_arguments(void)
{
	show("short length", rseq(&other, 16, 0, RSEQ_SIG));
	show("misaligned", rseq((char *)&other + 4, RSEQ_LEN, 0, RSEQ_SIG));
	show("unknown flags", rseq(&other, RSEQ_LEN, 2, RSEQ_SIG));
	show("kernel address", rseq((void *)KERNEL_ADDR, RSEQ_LEN, 0, RSEQ_SIG));
}

static void critical_section(void)
{
	int r;

	signal(SIGUSR1, on_usr1);
	desc.start_ip = (uintptr_t)cs_start;
	desc.post_commit_offset = (uintptr_t)cs_end - (uintptr_t)cs_start;
	desc.abort_ip = (uintptr_t)cs_abort;
	r = section(&area.rseq_cs, &desc);
	printf("signal inside the section: %s, handler ran %d, rseq_cs cleared %d\n",
	       r == 2 ? "aborted" : r == 1 ? "ran to the end" : "?", handled, area.rseq_cs == 0);
	area.rseq_cs = (uintptr_t)&desc;
	raise(SIGUSR1);
	printf("signal outside: handler ran %d, rseq_cs cleared %d\n", handled, area.rseq_cs == 0);
}

static void inheritance(const char *self)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		printf("fork child registers again: %s\n",
		       rseq(&area, RSEQ_LEN, 0, RSEQ_SIG) < 0 ? errno_name(errno) : "0");
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl(self, self, "--exec", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &status, 0);
}

static void unregistering(void)
{
	show("unregister, other signature", rseq(&area, RSEQ_LEN, RSEQ_FLAG_UNREGISTER, RSEQ_SIG + 1));
	show("unregister, other length", rseq(&area, RSEQ_LEN + 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG));
	show("unregister", rseq(&area, RSEQ_LEN, RSEQ_FLAG_UNREGISTER, RSEQ_SIG));
	show("unregister again", rseq(&area, RSEQ_LEN, RSEQ_FLAG_UNREGISTER, RSEQ_SIG));
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exec")) {
		printf("exec'd program registers: %s\n",
		       rseq(&area, RSEQ_LEN, 0, RSEQ_SIG) < 0 ? errno_name(errno) : "0");
		return 0;
	}
	bad_arguments();
	registration();
	critical_section();
	inheritance(argv[0]);
	unregistering();
	return 0;
}
