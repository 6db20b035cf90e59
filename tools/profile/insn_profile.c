/*
 * tools/profile/insn_profile.c - a QEMU TCG plugin that counts, for every
 * guest instruction address, how many times it ran inside the measured
 * sections of a benchmark (make profile; tools/profile/README.md).
 *
 * The measured section is what a benchmark's rdtsc pair encloses
 * (user/bench/bench.h: t0 = rdtsc(); the operations; t1 = rdtsc()): the
 * plugin watches for rdtsc executed in user space (addresses below the
 * canonical hole; the kernel's own rdtsc calls do not count) and switches
 * counting on at the first of a pair and off at the second.  The first
 * pair is the untimed warm-up round, so it is skipped, as the benchmark
 * skips it.  Every instruction in between is counted, user and kernel,
 * of any process: exactly the instructions the rdtsc delta counts under
 * -icount shift=0.
 *
 * At exit the plugin writes to the file given as "out=PATH":
 *     windows N              the number of measured sections
 *     total T                the instructions counted in them
 *     ADDRESS COUNT          one line per instruction address that ran
 * tools/profile/profile turns that into a table per function.
 *
 * Build: gcc -shared -fPIC -O2 insn_profile.c -o insn_profile.so
 * Run:   qemu-system-x86_64 ... -plugin ./insn_profile.so,out=FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qemu_plugin_api.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_API_VERSION;

/*
 * One counter per instruction address, found through an open-addressing
 * hash table.  Counters never move: a translated block keeps pointers to
 * them.  A kernel plus one static program runs well under a million
 * distinct instruction addresses.
 */
#define SLOTS (1u << 21)
#define USER_TOP 0x0000800000000000ull	/* x86-64: user addresses are below */

struct slot {
	uint64_t addr;			/* 0: free */
	uint64_t count;
};

static struct slot *slots;
static unsigned long used;
static int kernel_seen;			/* an instruction of the kernel's half */
static int measuring;			/* inside a measured section */
static unsigned long rdtsc_seen;	/* user-space rdtsc executions */
static uint64_t total;
static char out_path[4096];

static struct slot *slot_for(uint64_t addr)
{
	uint64_t h = (addr * 0x9e3779b97f4a7c15ull) >> 43;	/* 21 bits */
	for (;;) {
		struct slot *s = &slots[h & (SLOTS - 1)];
		if (s->addr == addr)
			return s;
		if (s->addr == 0) {
			if (++used > SLOTS / 2) {
				fprintf(stderr, "insn_profile: more than %u addresses\n", SLOTS / 2);
				exit(1);
			}
			s->addr = addr;
			return s;
		}
		h++;
	}
}

static void count_insn(unsigned int vcpu, void *udata)
{
	if (measuring) {
		((struct slot *)udata)->count++;
		total++;
	}
}

/* rdtsc in user space: the odd ones open a section, the even ones close it;
 * the first pair (the warm-up round) is not counted. */
static void saw_rdtsc(unsigned int vcpu, void *udata)
{
	rdtsc_seen++;
	measuring = rdtsc_seen >= 3 && (rdtsc_seen & 1);
}

/*
 * Low addresses are user space only once the kernel runs in its upper
 * half: before that GRUB runs there, and it calls rdtsc too (to calibrate
 * its timer).  No GRUB block is translated after the kernel's first one.
 */
static int is_user_rdtsc(struct qemu_plugin_insn *insn)
{
	const unsigned char *b = qemu_plugin_insn_data(insn);
	if (qemu_plugin_insn_vaddr(insn) >= USER_TOP)
		kernel_seen = 1;
	return kernel_seen && qemu_plugin_insn_vaddr(insn) < USER_TOP &&
	       qemu_plugin_insn_size(insn) == 2 && b[0] == 0x0f && b[1] == 0x31;
}

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		/* Counted first: the closing rdtsc itself is counted, the
		 * opening one is not (it ran before counting started). */
		qemu_plugin_register_vcpu_insn_exec_cb(insn, count_insn, QEMU_PLUGIN_CB_NO_REGS,
						       slot_for(qemu_plugin_insn_vaddr(insn)));
		if (is_user_rdtsc(insn))
			qemu_plugin_register_vcpu_insn_exec_cb(insn, saw_rdtsc,
							       QEMU_PLUGIN_CB_NO_REGS, NULL);
	}
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
	FILE *f = fopen(out_path, "w");
	if (!f) {
		perror(out_path);
		return;
	}
	unsigned long windows = rdtsc_seen >= 2 ? (rdtsc_seen - 2) / 2 : 0;
	fprintf(f, "windows %lu\ntotal %llu\n", windows, (unsigned long long)total);
	for (unsigned long i = 0; i < SLOTS; i++)
		if (slots[i].count)
			fprintf(f, "%llx %llu\n", (unsigned long long)slots[i].addr,
				(unsigned long long)slots[i].count);
	fclose(f);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (strncmp(argv[i], "out=", 4) == 0)
			snprintf(out_path, sizeof(out_path), "%s", argv[i] + 4);
	if (!out_path[0]) {
		qemu_plugin_outs("insn_profile: say where to write: -plugin insn_profile.so,out=FILE\n");
		return -1;
	}
	slots = calloc(SLOTS, sizeof(*slots));
	if (!slots)
		return -1;
	qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
