/*
 * arch/x86/kernel/setup.c - copy what we need out of GRUB's multiboot2 information
 * (command line, memory map, modules) before the early identity map goes away.
 * Bad input is reported, never trusted: a wrong magic, a missing memory map or
 * an over-long command line each get a clear message.
 */
#include <asm/multiboot2.h>
#include <printk.h>
#include <string.h>
#include <asm/page.h>

struct boot_params boot_params;

static void take_cmdline(const struct mb2_tag_string *t)
{
	size_t n = strnlen(t->string, t->size - sizeof(*t));
	if (n >= COMMAND_LINE_SIZE) {
		boot_params.cmdline_truncated = true;
		n = COMMAND_LINE_SIZE - 1;
	}
	memcpy(boot_params.cmdline, t->string, n);
	boot_params.cmdline[n] = 0;
}

/* A string inside a tag: at most the tag's bytes, NUL or not. */
static void copy_tag_string(char *dst, size_t dsize, const char *src, size_t room)
{
	size_t n = MIN(strnlen(src, room), dsize - 1);
	memcpy(dst, src, n);
	dst[n] = 0;
}

static void take_module(const struct mb2_tag_module *t)
{
	struct boot_module *m;
	if (t->size < sizeof(*t))
		return;
	if (boot_params.nr_modules >= MAX_MODULES) {
		pr_warn("multiboot2: more than %d modules, ignoring the rest\n", MAX_MODULES);
		return;
	}
	m = &boot_params.modules[boot_params.nr_modules++];
	m->start = t->mod_start;
	m->end = t->mod_end;
	copy_tag_string(m->name, sizeof(m->name), t->cmdline, t->size - sizeof(*t));
}

static void take_mmap(const struct mb2_tag_mmap *t)
{
	const u8 *p = (const u8 *)t->entries, *end = (const u8 *)t + t->size;
	if (t->size < sizeof(*t) || t->entry_size < sizeof(struct mb2_mmap_entry))
		return;
	for (; (size_t)(end - p) >= t->entry_size; p += t->entry_size) {
		if (boot_params.nr_memmap >= MAX_MEMMAP)
			break;
		boot_params.memmap[boot_params.nr_memmap++] = *(const struct mb2_mmap_entry *)p;
	}
}

int parse_boot_info(u32 magic, u64 info_phys)
{
	const u8 *info;
	u32 total;

	if (magic != MULTIBOOT2_BOOTLOADER_MAGIC) {
		pr_emerg("faultline: not started by a multiboot2 loader (magic %#x, want %#x)\n",
			 magic, MULTIBOOT2_BOOTLOADER_MAGIC);
		return -1;
	}
	info = __va(info_phys);
	total = *(const u32 *)info;
	boot_params.info_start = info_phys;
	boot_params.info_end = info_phys + total;
	/* The block comes from the boot loader: every tag must lie inside it
	 * (a tag running past the end, or a size that wraps when rounded up,
	 * ends the walk) before anything in it is read. */
	for (u64 off = 8; off + sizeof(struct mb2_tag) <= total;) {
		const struct mb2_tag *t = (const void *)(info + off);
		if (t->type == MB2_TAG_END || t->size < sizeof(*t) || t->size > total - off)
			break;
		switch (t->type) {
		case MB2_TAG_CMDLINE: take_cmdline((const void *)t); break;
		case MB2_TAG_BOOTLOADER:
			copy_tag_string(boot_params.bootloader, sizeof(boot_params.bootloader),
					((const struct mb2_tag_string *)t)->string, t->size - sizeof(*t));
			break;
		case MB2_TAG_MODULE: take_module((const void *)t); break;
		case MB2_TAG_MMAP: take_mmap((const void *)t); break;
		case MB2_TAG_EFI64: boot_params.efi = true; break;
		}
		off += ALIGN_UP((u64)t->size, MB2_TAG_ALIGN);	/* u64: a u32 size near 4 GiB would round to 0 */
	}
	if (!boot_params.nr_memmap) {
		pr_emerg("faultline: the boot loader gave no memory map (multiboot2 tag 6); cannot continue\n");
		return -1;
	}
	return 0;
}
