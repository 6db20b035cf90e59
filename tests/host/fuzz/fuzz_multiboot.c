/*
 * tests/host/fuzz/fuzz_multiboot.c - libFuzzer target: the multiboot2
 * information parser, arch/x86/kernel/setup.c parse_boot_info().
 *
 * The input is the information block after its 8-byte header (total_size,
 * reserved): the target writes a header whose total_size is the block's
 * real size, so the block is exactly what a loader could hand over, in a
 * heap buffer of that size (8-byte aligned, as the spec promises).
 * parse_boot_info() takes the physical address and reads it through __va();
 * the address given is the buffer's minus PAGE_OFFSET, so __va() lands on the
 * buffer.  boot_params is cleared before each input.  Whatever the tags say,
 * nothing outside the block may be read and boot_params must stay within its
 * arrays, with NUL-terminated strings.
 */
#include <asm/multiboot2.h>
#include <asm/page.h>
#include <string.h>

void *malloc(size_t size);
void free(void *p);
void abort(void);

#define MAX_INFO (64 << 10)

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u32 total;
	u8 *info;

	if (size > MAX_INFO)
		return -1;
	total = 8 + size;
	info = malloc(total);
	memcpy(info, &total, sizeof(total));
	memset(info + 4, 0, 4);
	memcpy(info + 8, data, size);
	memset(&boot_params, 0, sizeof(boot_params));
	parse_boot_info(MULTIBOOT2_BOOTLOADER_MAGIC, (u64)info - PAGE_OFFSET);
	if (boot_params.nr_modules > MAX_MODULES || boot_params.nr_memmap > MAX_MEMMAP ||
	    strnlen(boot_params.cmdline, COMMAND_LINE_SIZE) == COMMAND_LINE_SIZE ||
	    strnlen(boot_params.bootloader, sizeof(boot_params.bootloader)) == sizeof(boot_params.bootloader) ||
	    boot_params.info_end - boot_params.info_start != total)
		abort();
	for (int i = 0; i < boot_params.nr_modules; i++)
		if (strnlen(boot_params.modules[i].name, sizeof(boot_params.modules[i].name)) ==
		    sizeof(boot_params.modules[i].name))
			abort();
	free(info);
	return 0;
}
