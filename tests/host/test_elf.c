/*
 * tests/host/test_elf.c - fs/binfmt_elf.c on real binaries and mutated headers.
 *
 * Usage: test_elf [--static F] [--pie F] [--dynamic F]...   (run by tests/host/run.sh)
 * Expectation: a static musl binary and a static PIE pass elf_check with the
 * facts readelf would show; dynamic programs (PT_INTERP) and every broken
 * header give -ENOEXEC; nothing is read outside the buffer (each call gets an
 * exact-size heap copy, so ASan sees any overread, and UBSan any misaligned load).
 * Prints "ok name" / "not ok name"; run.sh numbers them.
 */
#include "elf.h"
#include "errno.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SYN_PHNUM 4			/* synthetic program: 3 PT_LOAD + PT_GNU_STACK */
#define SYN_LEN (sizeof(Elf64_Ehdr) + SYN_PHNUM * sizeof(Elf64_Phdr))
#define BIG_LEN (sizeof(Elf64_Ehdr) + (ELF_MAX_PHNUM + 1) * sizeof(Elf64_Phdr) + 8)
#define FUZZ_ROUNDS 20000
#define EM_386 3

static void check(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s", ok ? "ok " : "not ok ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static u8 *load_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	u8 *buf;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*size = ftell(f);
	rewind(f);
	buf = malloc(*size);
	if (buf && fread(buf, 1, *size, f) != *size) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* elf_check on an exact-size heap copy of buf[0..len). */
static int check_copy(const u8 *buf, size_t len, struct elf_info *info)
{
	u8 *p = malloc(len ? len : 1);
	int r;

	memcpy(p, buf, len);
	r = elf_check(p, len, info);
	free(p);
	return r;
}

static Elf64_Ehdr *eh(u8 *b)
{
	return (Elf64_Ehdr *)b;
}

static Elf64_Phdr *ph(u8 *b, int i)
{
	return (Elf64_Phdr *)(b + eh(b)->e_phoff) + i;
}

static Elf64_Phdr *first_load(u8 *b)
{
	for (int i = 0; i < eh(b)->e_phnum; i++)
		if (ph(b, i)->p_type == PT_LOAD)
			return ph(b, i);
	abort();
}

static void set_phdr(Elf64_Phdr *p, u32 type, u32 flags, u64 off, u64 vaddr, u64 filesz, u64 memsz)
{
	*p = (Elf64_Phdr){ .p_type = type, .p_flags = flags, .p_offset = off, .p_vaddr = vaddr,
			   .p_paddr = vaddr, .p_filesz = filesz, .p_memsz = memsz, .p_align = ELF_EXEC_PAGESIZE };
}

/* The shape of a musl -static binary (docs/linux-abi.md §1), header and phdrs only. */
static void make_synthetic(u8 *b)
{
	Elf64_Ehdr *e = eh(b);

	memset(b, 0, SYN_LEN);
	memcpy(e->e_ident, ELFMAG, SELFMAG);
	e->e_ident[EI_CLASS] = ELFCLASS64;
	e->e_ident[EI_DATA] = ELFDATA2LSB;
	e->e_ident[EI_VERSION] = EV_CURRENT;
	e->e_type = ET_EXEC;
	e->e_machine = EM_X86_64;
	e->e_version = EV_CURRENT;
	e->e_entry = 0x401000;
	e->e_phoff = sizeof(Elf64_Ehdr);
	e->e_ehsize = sizeof(Elf64_Ehdr);
	e->e_phentsize = sizeof(Elf64_Phdr);
	e->e_phnum = SYN_PHNUM;
	set_phdr(ph(b, 0), PT_LOAD, PF_R, 0, 0x400000, 0x120, 0x120);
	set_phdr(ph(b, 1), PT_LOAD, PF_R | PF_X, 0x1000, 0x401000, 0x200, 0x200);
	set_phdr(ph(b, 2), PT_LOAD, PF_R | PF_W, 0x1fc0, 0x402fc0, 0x40, 0x1000);
	set_phdr(ph(b, 3), PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0);
}

/* ------------------------------------------------------------ mutations */

/*
 * Each breaks one rule; *len may shrink.  What Linux does with it decides
 * the expected result (fs/binfmt_elf.c's header comment): refused before
 * exec commits, a segment found bad after it, a dynamic program, or
 * accepted (Linux reads neither the class, byte order nor version bytes).
 */
enum outcome { REFUSED, BAD_LOAD, INTERP, ACCEPTED };

struct mutation {
	const char *name;
	void (*apply)(u8 *b, size_t *len);
	enum outcome want;
};

static void bad_magic(u8 *b, size_t *len) { b[EI_MAG1] = 'X'; (void)len; }
static void class32(u8 *b, size_t *len) { b[EI_CLASS] = ELFCLASS32; (void)len; }
static void big_endian(u8 *b, size_t *len) { b[EI_DATA] = ELFDATA2MSB; (void)len; }
static void ident_version(u8 *b, size_t *len) { b[EI_VERSION] = 0; (void)len; }
static void e_version(u8 *b, size_t *len) { eh(b)->e_version = 2; (void)len; }
static void machine_i386(u8 *b, size_t *len) { eh(b)->e_machine = EM_386; (void)len; }
static void type_rel(u8 *b, size_t *len) { eh(b)->e_type = ET_REL; (void)len; }
static void type_core(u8 *b, size_t *len) { eh(b)->e_type = ET_CORE; (void)len; }
static void phentsize(u8 *b, size_t *len) { eh(b)->e_phentsize = 32; (void)len; }
static void phnum_zero(u8 *b, size_t *len) { eh(b)->e_phnum = 0; (void)len; }
static void phnum_65(u8 *b, size_t *len) { eh(b)->e_phnum = ELF_MAX_PHNUM + 1; (void)len; }
static void phoff_past_end(u8 *b, size_t *len) { eh(b)->e_phoff = *len - eh(b)->e_phnum * sizeof(Elf64_Phdr) + 8; }
static void phoff_wraps(u8 *b, size_t *len) { eh(b)->e_phoff = ~0ULL - 0x3f; (void)len; }
static void header_cut(u8 *b, size_t *len) { *len = sizeof(Elf64_Ehdr) - 1; (void)b; }
static void table_cut(u8 *b, size_t *len) { *len = eh(b)->e_phoff + eh(b)->e_phnum * sizeof(Elf64_Phdr) - 1; }
static void filesz_gt_memsz(u8 *b, size_t *len) { first_load(b)->p_filesz = first_load(b)->p_memsz + 1; (void)len; }
static void misaligned_offset(u8 *b, size_t *len) { first_load(b)->p_offset += 4; (void)len; }
static void vaddr_wraps(u8 *b, size_t *len)
{
	Elf64_Phdr *p = first_load(b);
	p->p_vaddr = (~0ULL & ~0xfffULL) | (p->p_offset & 0xfff);
	p->p_memsz = p->p_filesz + 0x2000;
	(void)len;
}
static void above_user_top(u8 *b, size_t *len)
{
	Elf64_Phdr *p = first_load(b);
	p->p_vaddr = ELF_USER_TOP | (p->p_offset & 0xfff);
	p->p_memsz = p->p_filesz + 0x1000;
	(void)len;
}
static void offset_wraps(u8 *b, size_t *len)
{
	Elf64_Phdr *p = first_load(b);
	p->p_offset = (~0ULL & ~0xfffULL) | (p->p_vaddr & 0xfff);
	p->p_filesz = 0x2000;
	p->p_memsz = 0x2000;
	(void)len;
}
static void no_load(u8 *b, size_t *len)
{
	for (int i = 0; i < eh(b)->e_phnum; i++)
		if (ph(b, i)->p_type == PT_LOAD)
			ph(b, i)->p_type = PT_NOTE;
	(void)len;
}
static void add_interp(u8 *b, size_t *len)
{
	Elf64_Phdr *p = ph(b, eh(b)->e_phnum - 1);
	p->p_type = PT_INTERP;		/* "/lib64/ld-linux-x86-64.so.2" and its NUL: 28 bytes */
	p->p_offset = 0x100;
	p->p_filesz = 28;
	(void)len;
}
static void dyn_with_interp(u8 *b, size_t *len) { eh(b)->e_type = ET_DYN; add_interp(b, len); }

static const struct mutation mutations[] = {
	{ "bad magic", bad_magic, REFUSED },
	{ "ELFCLASS32", class32, ACCEPTED },
	{ "big endian", big_endian, ACCEPTED },
	{ "e_ident version 0", ident_version, ACCEPTED },
	{ "e_version 2", e_version, ACCEPTED },
	{ "machine i386", machine_i386, REFUSED },
	{ "type ET_REL", type_rel, REFUSED },
	{ "type ET_CORE", type_core, REFUSED },
	{ "phentsize 32", phentsize, REFUSED },
	{ "phnum 0", phnum_zero, REFUSED },
	{ "phnum 65", phnum_65, REFUSED },
	{ "phoff out of range", phoff_past_end, REFUSED },
	{ "phoff + table wraps around", phoff_wraps, REFUSED },
	{ "buffer shorter than the header", header_cut, REFUSED },
	{ "buffer cuts the phdr table", table_cut, REFUSED },
	{ "PT_LOAD filesz > memsz", filesz_gt_memsz, BAD_LOAD },
	{ "PT_LOAD offset and vaddr differ mod 4096", misaligned_offset, BAD_LOAD },
	{ "PT_LOAD vaddr + memsz wraps", vaddr_wraps, BAD_LOAD },
	{ "PT_LOAD above the user address space", above_user_top, BAD_LOAD },
	{ "PT_LOAD offset + filesz wraps", offset_wraps, BAD_LOAD },
	{ "no PT_LOAD", no_load, ACCEPTED },
	{ "PT_INTERP", add_interp, INTERP },
	{ "ET_DYN with PT_INTERP", dyn_with_interp, INTERP },
};

static const char *const outcome_names[] = { "-ENOEXEC", "bad_load", "has_interp", "accepted" };

static enum outcome outcome_of(int r, const struct elf_info *info)
{
	if (r)
		return REFUSED;
	if (info->bad_load)
		return BAD_LOAD;
	return info->has_interp ? INTERP : ACCEPTED;
}

static void test_mutations(const char *base_name, const u8 *base, size_t base_len)
{
	u8 *b = malloc(base_len);
	struct elf_info info;

	for (size_t i = 0; i < sizeof(mutations) / sizeof(mutations[0]); i++) {
		size_t len = base_len;
		int r;

		memcpy(b, base, base_len);
		mutations[i].apply(b, &len);
		r = check_copy(b, len, &info);
		check(outcome_of(r, &info) == mutations[i].want && (r == 0 || r == -ENOEXEC), "%s, %s -> %s",
		      base_name, mutations[i].name, outcome_names[mutations[i].want]);
		if (outcome_of(r, &info) != mutations[i].want)
			printf("#   got %d (%s)\n", r, outcome_names[outcome_of(r, &info)]);
	}
	free(b);
}

/* ------------------------------------------------------------ good headers */

static void test_synthetic(void)
{
	static u8 b[SYN_LEN];
	static u8 big[BIG_LEN] __attribute__((aligned(8)));
	struct elf_info info;
	int r;

	make_synthetic(b);
	r = check_copy(b, SYN_LEN, &info);
	check(r == 0 && info.type == ET_EXEC && info.entry == 0x401000 && info.phnum == SYN_PHNUM,
	      "synthetic ET_EXEC accepted");
	check(r == 0 && info.nload == 3 && info.load_lo == 0x400000 && info.load_hi == 0x403fc0,
	      "synthetic: 3 PT_LOAD from 0x400000 to 0x403fc0");
	check(r == 0 && info.phdr_vaddr == 0x400040 && !info.exec_stack && !info.has_tls && !info.has_dynamic,
	      "synthetic: AT_PHDR 0x400040, stack not executable");
	check(r == 0 && info.load[2].p_vaddr == 0x402fc0 && info.load[2].p_memsz == 0x1000,
	      "synthetic: PT_LOAD copies in file order");
	test_mutations("synthetic", b, SYN_LEN);

	make_synthetic(b);
	set_phdr(first_load(b), PT_LOAD, PF_R, 0, ELF_USER_TOP - 0x1000, 0x120, 0x1000);
	check(check_copy(b, SYN_LEN, &info) == 0 && info.load_hi == ELF_USER_TOP,
	      "PT_LOAD ending exactly at the user top accepted");

	make_synthetic(b);
	eh(b)->e_type = ET_DYN;
	for (int i = 0; i < 3; i++)
		ph(b, i)->p_vaddr -= 0x400000;
	eh(b)->e_entry -= 0x400000;
	r = check_copy(b, SYN_LEN, &info);
	check(r == 0 && info.type == ET_DYN && info.load_lo == 0 && info.phdr_vaddr == 0x40,
	      "synthetic ET_DYN (static PIE) at 0 accepted");

	make_synthetic(b);
	ph(b, 3)->p_flags |= PF_X;
	check(check_copy(b, SYN_LEN, &info) == 0 && info.exec_stack, "PT_GNU_STACK with PF_X: exec_stack");
	ph(b, 3)->p_type = PT_TLS;
	ph(b, 3)->p_memsz = 0x10;
	check(check_copy(b, SYN_LEN, &info) == 0 && info.has_tls && info.tls.p_memsz == 0x10, "PT_TLS recorded");

	/* the table one byte off alignment: UBSan would flag a direct struct load */
	memset(big, 0, sizeof(big));
	make_synthetic(b);
	memcpy(big, b, sizeof(Elf64_Ehdr));
	memcpy(big + sizeof(Elf64_Ehdr) + 1, b + sizeof(Elf64_Ehdr), SYN_PHNUM * sizeof(Elf64_Phdr));
	eh(big)->e_phoff += 1;
	r = check_copy(big, SYN_LEN + 1, &info);
	check(r == 0 && info.nload == 3 && info.phdr_vaddr == 0x400041, "unaligned phdr table read safely");

	/* ELF_MAX_PHNUM headers, padded with PT_NULL, is the most accepted */
	memset(big, 0, sizeof(big));
	make_synthetic(b);
	memcpy(big, b, SYN_LEN);
	eh(big)->e_phnum = ELF_MAX_PHNUM;
	r = check_copy(big, sizeof(Elf64_Ehdr) + ELF_MAX_PHNUM * sizeof(Elf64_Phdr), &info);
	check(r == 0 && info.nload == 3, "64 program headers accepted");

	/* more PT_LOADs than struct elf_info keeps */
	for (int i = 0; i <= ELF_MAX_LOAD; i++)
		set_phdr(ph(big, i), PT_LOAD, PF_R, 0x1000 * i, 0x400000 + 0x1000 * i, 0x10, 0x10);
	r = check_copy(big, sizeof(Elf64_Ehdr) + ELF_MAX_PHNUM * sizeof(Elf64_Phdr), &info);
	check(r == -ENOEXEC, "%d PT_LOAD segments -> -ENOEXEC", ELF_MAX_LOAD + 1);
}

/* ------------------------------------------------------------ real binaries */

static u8 *load_or_fail(const char *what, const char *path, size_t *len)
{
	u8 *b = load_file(path, len);

	check(b != NULL, "%s: read %s", what, path);
	return b;
}

/* What readelf -l shows, recomputed here from the raw table. */
static void check_against_table(const char *what, u8 *b, struct elf_info *info)
{
	u32 nload = 0, nexec = 0;
	u64 lo = ~0ULL, hi = 0;

	for (int i = 0; i < eh(b)->e_phnum; i++) {
		Elf64_Phdr *p = ph(b, i);
		if (p->p_type != PT_LOAD)
			continue;
		nload++;
		lo = p->p_vaddr < lo ? p->p_vaddr : lo;
		hi = p->p_vaddr + p->p_memsz > hi ? p->p_vaddr + p->p_memsz : hi;
		nexec += (p->p_flags & PF_X) && eh(b)->e_entry >= p->p_vaddr &&
			 eh(b)->e_entry < p->p_vaddr + p->p_memsz;
	}
	check(info->nload == nload && info->load_lo == lo && info->load_hi == hi,
	      "%s: %u PT_LOAD, 0x%llx..0x%llx", what, nload, (unsigned long long)lo, (unsigned long long)hi);
	check(nexec == 1 && info->entry == eh(b)->e_entry, "%s: entry 0x%llx in an executable segment", what,
	      (unsigned long long)info->entry);
}

static void test_static(const char *path)
{
	struct elf_info info;
	size_t len;
	u8 *b = load_or_fail("musl static", path, &len);
	int r;

	if (!b)
		return;
	r = check_copy(b, len, &info);
	check(r == 0 && info.type == ET_EXEC, "musl static: accepted as ET_EXEC");
	check(r == 0 && info.load_lo == 0x400000 && info.phdr_vaddr == 0x400040,
	      "musl static: based at 0x400000, AT_PHDR 0x400040");
	check(r == 0 && info.has_tls && !info.exec_stack && !info.has_dynamic,
	      "musl static: PT_TLS, non-executable stack, no PT_DYNAMIC");
	check_against_table("musl static", b, &info);
	test_mutations("musl static", b, len);
	free(b);
}

static void test_pie(const char *path)
{
	struct elf_info info;
	size_t len;
	u8 *b = load_or_fail("static PIE", path, &len);
	int r;

	if (!b)
		return;
	r = check_copy(b, len, &info);
	check(r == 0 && info.type == ET_DYN && info.load_lo == 0 && info.has_dynamic,
	      "static PIE: accepted as ET_DYN at 0 with PT_DYNAMIC");
	check_against_table("static PIE", b, &info);
	test_mutations("static PIE", b, len);
	free(b);
}

static void test_dynamic(const char *path)
{
	struct elf_info info;
	size_t len;
	u8 *b = load_or_fail("dynamic", path, &len);

	if (!b)
		return;
	check(check_copy(b, len, &info) == 0 && info.has_interp && info.interp_size >= 2,
	      "dynamic %s: PT_INTERP noted for exec", path);
	free(b);
}

/* ------------------------------------------------------------ fuzz */

/* What an accepted header must always satisfy, however it was made. */
static bool info_sane(const struct elf_info *info)
{
	if (info->nload > ELF_MAX_LOAD || info->load_lo > info->load_hi || info->load_hi > ELF_USER_TOP)
		return false;
	if (info->has_interp && (info->interp_size < 2 || info->interp_size > ELF_INTERP_MAX))
		return false;
	for (u32 i = 0; i < info->nload; i++) {
		const Elf64_Phdr *p = &info->load[i];
		if (p->p_filesz > p->p_memsz || p->p_offset % ELF_EXEC_PAGESIZE != p->p_vaddr % ELF_EXEC_PAGESIZE)
			return false;
	}
	return true;
}

static void test_fuzz(void)
{
	static u8 base[SYN_LEN], b[SYN_LEN];
	struct elf_info info;
	int accepted = 0, insane = 0;

	make_synthetic(base);
	srand(4242);
	for (int round = 0; round < FUZZ_ROUNDS; round++) {
		size_t len = rand() % 8 ? SYN_LEN : (size_t)rand() % (SYN_LEN + 1);

		memcpy(b, base, SYN_LEN);
		for (int i = 1 + rand() % 4; i > 0; i--)
			b[rand() % SYN_LEN] = rand() % 3 ? rand() : 0xff;
		if (check_copy(b, len, &info) == 0) {
			accepted++;
			insane += !info_sane(&info);
		}
	}
	check(insane == 0, "fuzz: %d mutated headers, %d accepted, all accepted ones sane", FUZZ_ROUNDS, accepted);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);	/* keep the checks made before a sanitizer abort */
	test_synthetic();
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--static"))
			test_static(argv[i + 1]);
		else if (!strcmp(argv[i], "--pie"))
			test_pie(argv[i + 1]);
		else if (!strcmp(argv[i], "--dynamic"))
			test_dynamic(argv[i + 1]);
		else
			check(false, "unknown argument %s", argv[i]);
	}
	test_fuzz();
	return 0;
}
