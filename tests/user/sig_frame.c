/*
 * The signal frame of a SIGSEGV from a write fault, as the handler's first
 * instruction sees it (docs/linux-abi.md §6): rsp % 16 == 8 at entry; the
 * ucontext at rsp+8 and the siginfo at rsp+312 (rdx, rsi); pretcode at rsp+0
 * is sa_restorer, musl's "mov $15,%rax; syscall"; the frame is placed below
 * the 128-byte red zone.  The saved registers say cs 0x33, ss 0x2b,
 * REG_ERR 0x6, REG_TRAPNO 14, REG_CR2 == si_addr, REG_RIP == the store.
 * The handler then sets REG_RIP past the store and returns: rt_sigreturn
 * honours the new RIP, so main continues without retrying the store.
 */
#include "ftest.h"

#define OFF 0x24
#define RED_ZONE 128
#define USER_CS 0x33
#define USER_SS 0x2b

/* frame_entry records %rsp before any compiler prologue can move it. */
asm(".text\n"
    ".globl frame_entry\n"
    "frame_entry:\n"
    "	movq %rsp, entry_rsp(%rip)\n"
    "	jmp frame_handler\n"
    ".globl fault_store, store_insn, store_end\n"
    "fault_store:\n"		/* void fault_store(uintptr_t addr, int v) */
    "store_insn:\n"
    "	movl %esi, (%rdi)\n"
    "store_end:\n"
    "	ret\n");
void frame_entry(int, siginfo_t *, void *);
void fault_store(uintptr_t addr, int v);
extern const char store_insn[], store_end[];

uintptr_t entry_rsp;
static const unsigned char restore_rt[] = {	/* mov $15,%rax; syscall */
	0x48, 0xc7, 0xc0, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05 };
static volatile long uc_off, info_off, pretcode_ok, below_red_zone, rip_ok;
static volatile long cs, ss;

void frame_handler(int sig, siginfo_t *si, void *ctx)
{
	greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;

	fault_record(sig, si, ctx);
	uc_off = (uintptr_t)ctx - entry_rsp;
	info_off = (uintptr_t)si - entry_rsp;
	pretcode_ok = !memcmp(*(void **)entry_rsp, restore_rt, sizeof restore_rt);
	below_red_zone = (uintptr_t)g[REG_RSP] - entry_rsp > RED_ZONE;
	cs = g[REG_CSGSFS] & 0xffff;
	ss = (g[REG_CSGSFS] >> 48) & 0xffff;
	rip_ok = g[REG_RIP] == (greg_t)store_insn;
	g[REG_RIP] = (greg_t)store_end;		/* skip the faulting store */
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = frame_entry, .sa_flags = SA_SIGINFO };

	setvbuf(stdout, NULL, _IONBF, 0);
	sigaction(SIGSEGV, &sa, NULL);
	uintptr_t base = map_anon(1, PROT_READ);

	fault_store(base + OFF, 1);
	printf("resumed after the store\n");
	report("store to PROT_READ", fault.signo, base);
	printf("rsp%%16 at entry %ld\n", (long)(entry_rsp % 16));
	printf("uc at rsp+%ld, info at rsp+%ld\n", uc_off, info_off);
	printf("pretcode is restore_rt %ld\n", pretcode_ok);
	printf("frame below red zone %ld\n", below_red_zone);
	printf("cs 0x%lx (USER_CS %d) ss 0x%lx (USER_DS %d)\n", cs,
	       cs == USER_CS, ss, ss == USER_SS);
	printf("rip is the store %ld\n", rip_ok);
	return 0;
}
