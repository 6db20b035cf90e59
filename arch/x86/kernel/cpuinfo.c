/*
 * arch/x86/kernel/cpuinfo.c - /proc/cpuinfo (Linux: arch/x86/kernel/cpu/proc.c
 * show_cpuinfo), for the one CPU, from CPUID: vendor, family, model and
 * stepping (leaf 1, with the extended family and model as Linux adds
 * them), the brand string (0x80000002..4), the clock the TSC was
 * calibrated at, and the feature flags with Linux's names
 * (arch/x86/include/asm/cpufeatures.h) for the bits faultline names.
 */
#include <mm.h>
#include <proc_fs.h>
#include <init.h>
#include <string.h>
#include <time.h>
#include <asm/processor.h>

#define CPUID_EXT_BASE 0x80000000u
#define CPUID_BRAND_FIRST 0x80000002u
#define CPUID_BRAND_LAST 0x80000004u
#define CPUID_EXT_FEATURES 0x80000001u
#define CPUID_STRUCT_EXT 7u
#define CLFLUSH_SIZE_UNIT 8		/* leaf 1 EBX[15:8] is in 8-byte units */

/* One flag: CPUID word (0: 1.EDX, 1: 1.ECX, 2: 0x80000001.EDX, 3: 0x80000001.ECX, 4: 7.EBX), bit, name. */
struct cpu_flag { u8 word, bit; const char *name; };

/* In Linux's order: word by word, bit by bit (cpufeatures.h). */
static const struct cpu_flag cpu_flags[] = {
	{ 0, 0, "fpu" }, { 0, 1, "vme" }, { 0, 2, "de" }, { 0, 3, "pse" }, { 0, 4, "tsc" }, { 0, 5, "msr" },
	{ 0, 6, "pae" }, { 0, 7, "mce" }, { 0, 8, "cx8" }, { 0, 9, "apic" }, { 0, 11, "sep" }, { 0, 12, "mtrr" },
	{ 0, 13, "pge" }, { 0, 14, "mca" }, { 0, 15, "cmov" }, { 0, 16, "pat" }, { 0, 17, "pse36" },
	{ 0, 19, "clflush" }, { 0, 23, "mmx" }, { 0, 24, "fxsr" }, { 0, 25, "sse" }, { 0, 26, "sse2" },
	{ 0, 28, "ht" },
	{ 2, 11, "syscall" }, { 2, 20, "nx" }, { 2, 22, "mmxext" }, { 2, 25, "fxsr_opt" }, { 2, 26, "pdpe1gb" },
	{ 2, 27, "rdtscp" }, { 2, 29, "lm" },
	{ 1, 0, "pni" }, { 1, 1, "pclmulqdq" }, { 1, 9, "ssse3" }, { 1, 12, "fma" }, { 1, 13, "cx16" },
	{ 1, 19, "sse4_1" }, { 1, 20, "sse4_2" }, { 1, 21, "x2apic" }, { 1, 22, "movbe" }, { 1, 23, "popcnt" },
	{ 1, 25, "aes" }, { 1, 26, "xsave" }, { 1, 28, "avx" }, { 1, 29, "f16c" }, { 1, 30, "rdrand" },
	{ 1, 31, "hypervisor" },
	{ 3, 0, "lahf_lm" }, { 3, 5, "abm" }, { 3, 6, "sse4a" }, { 3, 8, "3dnowprefetch" },
	{ 4, 0, "fsgsbase" }, { 4, 3, "bmi1" }, { 4, 5, "avx2" }, { 4, 7, "smep" }, { 4, 8, "bmi2" },
	{ 4, 9, "erms" }, { 4, 10, "invpcid" }, { 4, 18, "rdseed" }, { 4, 19, "adx" }, { 4, 20, "smap" },
	{ 4, 23, "clflushopt" }, { 4, 24, "clwb" }, { 4, 29, "sha_ni" },
};

static void cpu_words(u32 w[5], u32 *ebx1, u32 *eax1)
{
	u32 a, b, c, d, max_ext;

	memset(w, 0, 5 * sizeof(u32));
	cpuid(1, 0, eax1, ebx1, &w[1], &w[0]);
	cpuid(CPUID_EXT_BASE, 0, &max_ext, &b, &c, &d);
	if (max_ext >= CPUID_EXT_FEATURES)
		cpuid(CPUID_EXT_FEATURES, 0, &a, &b, &w[3], &w[2]);
	cpuid(0, 0, &a, &b, &c, &d);
	if (a >= CPUID_STRUCT_EXT)
		cpuid(CPUID_STRUCT_EXT, 0, &a, &w[4], &c, &d);
}

static void show_model_name(struct seq_file *m)
{
	u32 regs[12], max_ext, b, c, d;
	char *s = (char *)regs;

	cpuid(CPUID_EXT_BASE, 0, &max_ext, &b, &c, &d);
	if (max_ext < CPUID_BRAND_LAST) {
		seq_printf(m, "model name\t: unknown\n");
		return;
	}
	for (u32 i = 0; i <= CPUID_BRAND_LAST - CPUID_BRAND_FIRST; i++)
		cpuid(CPUID_BRAND_FIRST + i, 0, &regs[4 * i], &regs[4 * i + 1], &regs[4 * i + 2], &regs[4 * i + 3]);
	s[47] = '\0';
	while (*s == ' ')
		s++;
	seq_printf(m, "model name\t: %s\n", s);
}

static void cpuinfo_show(struct seq_file *m)
{
	u32 w[5], eax1, ebx1, max, vendor[4] = { 0 };
	u32 family, model, khz = tsc_khz_value();

	cpuid(0, 0, &max, &vendor[0], &vendor[2], &vendor[1]);
	cpu_words(w, &ebx1, &eax1);
	family = (eax1 >> 8) & 0xf;
	model = (eax1 >> 4) & 0xf;
	if (family == 0xf)
		family += (eax1 >> 20) & 0xff;
	if (family >= 6)
		model |= ((eax1 >> 16) & 0xf) << 4;
	seq_printf(m, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n", (char *)vendor, family,
		   model);
	show_model_name(m);
	seq_printf(m, "stepping\t: %u\n", eax1 & 0xf);
	seq_printf(m, "cpu MHz\t\t: %u.%03u\n", khz / 1000, khz % 1000);
	seq_printf(m, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n");
	seq_printf(m, "apicid\t\t: 0\ninitial apicid\t: 0\nfpu\t\t: yes\nfpu_exception\t: yes\n");
	seq_printf(m, "cpuid level\t: %u\nwp\t\t: yes\nflags\t\t:", max);
	for (unsigned i = 0; i < sizeof(cpu_flags) / sizeof(cpu_flags[0]); i++)
		if (w[cpu_flags[i].word] & (1u << cpu_flags[i].bit))
			seq_printf(m, " %s", cpu_flags[i].name);
	seq_printf(m, "\nbogomips\t: %u.%02u\n", 2 * khz / 1000, (2 * khz / 10) % 100);
	seq_printf(m, "clflush size\t: %u\ncache_alignment\t: 64\n", ((ebx1 >> 8) & 0xff) * CLFLUSH_SIZE_UNIT);
	seq_printf(m, "address sizes\t: 48 bits physical, 48 bits virtual\npower management:\n\n");
}

static int proc_cpuinfo_init(void)
{
	return proc_create_single("cpuinfo", cpuinfo_show);
}
fs_initcall(proc_cpuinfo_init);
