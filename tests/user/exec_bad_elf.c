/*
 * exec_bad_elf - execve() of broken ELF files and scripts (issue 13 §5).
 *
 * Each file is written by hand (no compiler output, no /proc/self/exe) into a
 * private mkdtemp("/tmp/exec_bad_elf.XXXXXX") directory, mode 0755, and
 * execve()d in a forked child.  The child prints the errno if execve returns;
 * the parent prints how the child ended.  The control is a minimal ET_EXEC:
 * one PT_LOAD (R+X, offset 0 at 0x400000, the whole file) whose code at file
 * offset 0x100 is
 *     mov $60, %eax; mov $42, %edi; syscall        (exit(42))
 * Every other case changes one thing in that file.
 *
 * What Linux (fs/binfmt_elf.c load_elf_binary, fs/binfmt_script.c,
 * fs/exec.c) does, recorded on the host:
 *  - Before the point of no return (execve returns an errno): a file too
 *    short or without the magic, a type that is not ET_EXEC/ET_DYN, a wrong
 *    e_machine, e_phentsize != 56, e_phnum 0 or more than 4096 bytes of
 *    phdrs, a phdr table past EOF: ENOEXEC.  A PT_INTERP naming a missing
 *    file, or a "#!" naming one: ENOENT.  Not executable: EACCES.
 *  - Linux does not look at EI_CLASS (the 64-bit loader only checks
 *    e_machine), EI_DATA, EI_VERSION, e_version, e_ehsize or p_align for
 *    ET_EXEC; overlapping PT_LOADs are mapped MAP_FIXED over each other; a
 *    program without PT_LOAD starts at an unmapped entry; zeroing the
 *    partial page after p_filesz may fail in a segment that is not writable
 *    (padzero's error is ignored then).
 *  - After the point of no return (begin_new_exec), a segment that cannot be
 *    mapped or checked (p_filesz > p_memsz, a kernel or past-the-top address,
 *    p_offset and p_vaddr not congruent modulo the page size, a writable
 *    .bss tail that cannot be zeroed, e_entry >= TASK_SIZE) kills the child
 *    with SIGSEGV; an entry nothing maps is an ordinary SIGSEGV, and code
 *    whose file page lies past EOF is SIGBUS.
 *
 * Left out: a real ELFCLASS32 EM_386 program.  Whether it runs on Linux
 * depends on the host kernel's CONFIG_IA32_EMULATION (and ia32_emulation=),
 * not on anything faultline models.
 */
#include "fsutil.h"
#include <elf.h>

#define BASE 0x400000UL
#define CODE_OFF 0x100
#define FILE_LEN (CODE_OFF + sizeof code)

static const unsigned char code[] = {
	0xb8, 60, 0, 0, 0,	/* mov $60, %eax (exit) */
	0xbf, 42, 0, 0, 0,	/* mov $42, %edi */
	0x0f, 0x05,		/* syscall */
};

struct img {
	unsigned char b[8192];
	size_t len;
};

static Elf64_Ehdr *eh(struct img *m) { return (Elf64_Ehdr *)m->b; }
static Elf64_Phdr *ph(struct img *m, int i) { return (Elf64_Phdr *)(m->b + 64 + 56 * i); }

/* The control: one PT_LOAD; room for 3 program headers before the code. */
static void good(struct img *m)
{
	Elf64_Ehdr *e = eh(m);
	Elf64_Phdr *p = ph(m, 0);

	memset(m, 0, sizeof *m);
	memcpy(e->e_ident, ELFMAG, SELFMAG);
	e->e_ident[EI_CLASS] = ELFCLASS64;
	e->e_ident[EI_DATA] = ELFDATA2LSB;
	e->e_ident[EI_VERSION] = EV_CURRENT;
	e->e_type = ET_EXEC;
	e->e_machine = EM_X86_64;
	e->e_version = EV_CURRENT;
	e->e_entry = BASE + CODE_OFF;
	e->e_phoff = 64;
	e->e_ehsize = sizeof(Elf64_Ehdr);
	e->e_phentsize = sizeof(Elf64_Phdr);
	e->e_phnum = 1;
	p->p_type = PT_LOAD;
	p->p_flags = PF_R | PF_X;
	p->p_offset = 0;
	p->p_vaddr = p->p_paddr = BASE;
	p->p_filesz = p->p_memsz = FILE_LEN;
	p->p_align = 0x1000;
	memcpy(m->b + CODE_OFF, code, sizeof code);
	m->len = FILE_LEN;
}

/* A second program header (index 1), a PT_LOAD unless changed. */
static Elf64_Phdr *second(struct img *m)
{
	Elf64_Phdr *p = ph(m, 1);

	*p = *ph(m, 0);
	eh(m)->e_phnum = 2;
	return p;
}

static char dir[64];
static char good_path[128];

static void write_file(const char *path, const void *buf, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || write(fd, buf, len) != (ssize_t)len || fchmod(fd, mode) < 0) {
		printf("writing a test file: %s\n", errno_name(errno));
		exit(1);
	}
	close(fd);
}

/* Write buf as NAME in the temp dir and execve it in a child. */
static void run_bytes(const char *label, const char *name, const void *buf, size_t len, mode_t mode)
{
	char path[128];
	int status;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	write_file(path, buf, len, mode);
	printf("%s:\n", label);
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = { path, NULL }, *envp[] = { NULL };

		execve(path, argv, envp);
		printf("  execve: %s\n", errno_name(errno));
		_exit(1);
	}
	waitpid(pid, &status, 0);
	print_wait_status("  status", status);
}

static void run(const char *label, const char *name, struct img *m)
{
	run_bytes(label, name, m->b, m->len, 0755);
}

int main(void)
{
	struct img m;
	Elf64_Phdr *p;

	setvbuf(stdout, NULL, _IONBF, 0);
	make_tmpdir(dir, sizeof dir, "exec_bad_elf");

	good(&m);
	snprintf(good_path, sizeof good_path, "%s/good", dir);
	run("good minimal ELF (control)", "good", &m);

	run_bytes("empty file", "empty", "", 0, 0755);
	run_bytes("first 10 bytes of the good ELF", "ten", m.b, 10, 0755);
	good(&m);
	run_bytes("good ELF with mode 0644", "noexec", m.b, m.len, 0644);

	good(&m);
	m.b[3] = 'G';
	run("bad magic (\\177ELG)", "badmagic", &m);

	good(&m);
	m.b[EI_CLASS] = ELFCLASS32;
	run("EI_CLASS = ELFCLASS32, the rest 64-bit", "class32", &m);

	good(&m);
	m.b[EI_CLASS] = ELFCLASSNONE;
	run("EI_CLASS = ELFCLASSNONE", "classnone", &m);

	good(&m);
	m.b[EI_DATA] = ELFDATA2MSB;
	run("EI_DATA = ELFDATA2MSB", "msb", &m);

	good(&m);
	m.b[EI_VERSION] = 0;
	eh(&m)->e_version = 0;
	run("EI_VERSION = 0 and e_version = 0", "version0", &m);

	good(&m);
	eh(&m)->e_machine = EM_386;
	run("e_machine = EM_386", "em386", &m);

	good(&m);
	eh(&m)->e_machine = EM_AARCH64;
	run("e_machine = EM_AARCH64", "emaarch64", &m);

	good(&m);
	eh(&m)->e_type = ET_REL;
	run("e_type = ET_REL", "etrel", &m);

	good(&m);
	eh(&m)->e_type = ET_DYN;
	run("e_type = ET_DYN (the code is position independent)", "etdyn", &m);

	good(&m);
	eh(&m)->e_ehsize = 12;
	run("e_ehsize = 12", "ehsize", &m);

	good(&m);
	eh(&m)->e_phentsize = 32;
	run("e_phentsize = 32", "phentsize", &m);

	good(&m);
	eh(&m)->e_phnum = 0;
	run("e_phnum = 0", "phnum0", &m);

	good(&m);
	eh(&m)->e_phnum = 0xffff;
	run("e_phnum = 0xffff", "phnumffff", &m);

	good(&m);
	eh(&m)->e_phoff = 0x10000;
	run("e_phoff past the end of the file", "phoffeof", &m);

	good(&m);
	eh(&m)->e_phoff = FILE_LEN - 20;
	run("program headers running past the end of the file", "phstraddle", &m);

	good(&m);
	ph(&m, 0)->p_type = PT_NULL;
	run("no PT_LOAD (one PT_NULL)", "noload", &m);

	good(&m);
	ph(&m, 0)->p_filesz = ph(&m, 0)->p_memsz + 1;
	run("PT_LOAD p_filesz > p_memsz", "filesz", &m);

	good(&m);
	p = second(&m);
	p->p_vaddr = p->p_paddr = 0xffff800000000000UL;
	run("second PT_LOAD at 0xffff800000000000 (kernel half)", "kernelseg", &m);

	good(&m);
	p = second(&m);
	p->p_vaddr = p->p_paddr = 0x7fffffffe000UL;
	p->p_memsz = 0x2000;
	p->p_flags = PF_R | PF_W;
	run("second PT_LOAD 0x7fffffffe000 + 0x2000 (past the top of user space)", "topseg", &m);

	good(&m);
	second(&m);
	run("two PT_LOADs at the same address (overlapping)", "overlap", &m);

	good(&m);
	p = second(&m);
	p->p_memsz = 0x3000;
	run("two overlapping PT_LOADs, the second with a .bss", "overlapbss", &m);

	good(&m);
	ph(&m, 0)->p_memsz = 0x3000;
	run("R+X PT_LOAD with p_memsz > p_filesz (a .bss tail it cannot write)", "robss", &m);

	good(&m);
	ph(&m, 0)->p_memsz = 0x3000;
	ph(&m, 0)->p_flags = PF_R | PF_W | PF_X;
	run("R+W+X PT_LOAD with p_memsz > p_filesz", "rwxbss", &m);

	good(&m);
	p = second(&m);
	p->p_offset = 0;
	p->p_vaddr = p->p_paddr = BASE + 0x1000;
	p->p_memsz = p->p_filesz;
	ph(&m, 0)->p_memsz = 0x1800;	/* the first one's .bss runs into the second */
	run("PT_LOAD whose .bss overlaps the next PT_LOAD", "bssoverlap", &m);

	good(&m);
	ph(&m, 0)->p_offset = 0x10000;
	run("code PT_LOAD with p_offset past EOF", "offeof", &m);

	good(&m);
	p = second(&m);
	p->p_offset = 0x10000;
	p->p_vaddr = p->p_paddr = BASE + 0x10000;
	p->p_filesz = 0x100;
	p->p_memsz = 0x2000;
	p->p_flags = PF_R | PF_W;
	run("writable PT_LOAD with p_offset past EOF and a .bss tail", "offeofbss", &m);

	good(&m);
	p = second(&m);
	p->p_offset = 0x10000;
	p->p_vaddr = p->p_paddr = BASE + 0x10000;
	p->p_filesz = 0x100;
	p->p_memsz = 0x100;
	p->p_flags = PF_R;
	run("read-only PT_LOAD with p_offset past EOF, never touched", "offeofro", &m);

	good(&m);
	ph(&m, 0)->p_offset = 0x10;
	ph(&m, 0)->p_filesz = ph(&m, 0)->p_memsz = FILE_LEN - 0x10;
	run("p_offset 0x10 with p_vaddr 0x400000 (not congruent)", "offmod", &m);

	good(&m);
	ph(&m, 0)->p_align = 3;
	run("p_align = 3 (not a power of two)", "align3", &m);

	good(&m);
	ph(&m, 0)->p_align = 0x200000;
	run("p_align = 0x200000 with p_vaddr 0x400000 + offset 0", "align2m", &m);

	good(&m);
	ph(&m, 0)->p_vaddr = ph(&m, 0)->p_paddr = BASE + 0x1000;
	ph(&m, 0)->p_align = 0x200000;
	eh(&m)->e_entry = BASE + 0x1000 + CODE_OFF;
	run("p_align = 0x200000 with p_vaddr 0x401000 (not a multiple)", "align2mmis", &m);

	{
		static const char interp[] = "/nonexistent/ld-linux-x86-64.so.2";

		good(&m);
		p = second(&m);
		*p = (Elf64_Phdr){ .p_type = PT_INTERP, .p_flags = PF_R, .p_offset = 0x180,
				   .p_filesz = sizeof interp, .p_memsz = sizeof interp, .p_align = 1 };
		*ph(&m, 0) = *ph(&m, 1);	/* PT_INTERP first, as linkers write it */
		*ph(&m, 1) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
					   .p_vaddr = BASE, .p_paddr = BASE, .p_align = 0x1000 };
		memcpy(m.b + 0x180, interp, sizeof interp);
		m.len = 0x180 + sizeof interp;
		ph(&m, 1)->p_filesz = ph(&m, 1)->p_memsz = m.len;
		run("PT_INTERP naming a missing interpreter", "interp", &m);

		ph(&m, 0)->p_filesz = ph(&m, 0)->p_memsz = sizeof interp - 1;
		run("PT_INTERP without its terminating NUL", "interpnonul", &m);
	}

	good(&m);
	eh(&m)->e_entry = 0;
	run("e_entry = 0", "entry0", &m);

	good(&m);
	eh(&m)->e_entry = 0x500000;
	run("e_entry = 0x500000 (outside every segment)", "entryout", &m);

	good(&m);
	eh(&m)->e_entry = 0xffffffff81000000UL;
	run("e_entry = 0xffffffff81000000 (kernel)", "entrykernel", &m);

	good(&m);
	eh(&m)->e_entry = 0x0000800000000000UL;
	run("e_entry = 0x0000800000000000 (non-canonical)", "entrynoncanon", &m);

	{
		static const char missing[] = "#!/nonexistent/interpreter\n";
		static const char empty[] = "#!\n";
		char script[256];
		int n;

		run_bytes("#! naming a missing interpreter", "script_missing", missing,
			  sizeof missing - 1, 0755);
		run_bytes("#! with no interpreter", "script_empty", empty, sizeof empty - 1, 0755);
		n = snprintf(script, sizeof script, "#!%s\n", good_path);
		run_bytes("#! naming the good ELF", "script_good", script, n, 0755);
	}

	cleanup(dir);
	return 0;
}
