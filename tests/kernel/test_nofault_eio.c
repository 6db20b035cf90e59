/*
 * In-kernel tests of a read error under a file mapping (mm/filemap.c,
 * mm/memory.c do_fault), the case OpenBSD left open (docs/scenarios/nofault.md): what does
 * MAP_NOFAULT do when the file is there but its page cannot be read?
 * The disk here never fails, so the file is a pseudo inode whose readpage
 * always returns -EIO (a dying disk, as far as the fault path can tell).
 * Expectation, as README's MAP_NOFAULT section answers it:
 *   - a plain MAP_SHARED mapping: the read error is VM_FAULT_SIGBUS
 *     (Linux: filemap_fault returns VM_FAULT_SIGBUS when readpage fails);
 *   - with MAP_NOFAULT: the same fault gets a private zero-filled page,
 *     exactly as for a page past EOF; no page is left in the cache.
 */
#include <ktest.h>
#include <fs.h>
#include <mm.h>
#include <mman.h>
#include <mm_types.h>
#include <errno.h>
#include <uapi/faultline/mman.h>

#define BASE 0x30000000UL

static int failing_readpage(struct file *file, struct page *page)
{
	return -EIO;
}

static const struct address_space_operations failing_aops = { .readpage = failing_readpage };

static bool all_zero(const u8 *p)
{
	for (u64 i = 0; i < PAGE_SIZE; i++)
		if (p[i])
			return false;
	return true;
}

static vm_fault_t read_fault_in(u64 extra_flags, bool *zero_filled)
{
	struct inode *inode = new_inode_pseudo();
	struct mm_struct *mm = mm_alloc();
	struct file *f;
	vm_fault_t ret;
	pteval_t *pte;

	inode->i_mode = S_IFREG | 0600;
	inode->i_size = 4 * PAGE_SIZE;
	inode->i_mapping.a_ops = &failing_aops;
	f = file_open_inode(inode, O_RDWR);
	iput(inode);				/* the file holds it */
	do_mmap(mm, BASE, 4 * PAGE_SIZE, PROT_READ, MAP_SHARED | MAP_FIXED | extra_flags, f, 0);
	fput(f);				/* the VMA holds it */
	ret = handle_mm_fault(find_vma(mm, BASE), BASE + 8, FAULT_FLAG_USER);
	pte = pt_walk(mm->pgd, BASE, PT_PTE, false, 0);
	*zero_filled = pte && (*pte & _PAGE_PRESENT) && all_zero(page_address(phys_to_page(pte_phys(*pte))));
	KTEST_EXPECT(f->f_inode->i_mapping.nrpages == 0);	/* the failed page did not stay */
	mmput(mm);
	return ret;
}

KTEST(read_error_is_sigbus)
{
	bool zero;
	KTEST_EXPECT(read_fault_in(0, &zero) & VM_FAULT_SIGBUS);
	KTEST_EXPECT(!zero);
}

KTEST(read_error_under_map_nofault_is_a_zero_page)
{
	bool zero;
	KTEST_EXPECT(read_fault_in(MAP_NOFAULT, &zero) == 0);
	KTEST_EXPECT(zero);
}
