/*
 * mm/shmem.c - shared anonymous memory (mmap MAP_SHARED|MAP_ANONYMOUS).
 *
 * Such a mapping must keep its data when its PTEs go away (fork shares it,
 * MADV_DONTNEED drops only the PTEs: linux-abi §7), so, as Linux does with
 * shmem, it is backed by an unnamed in-memory file: an inode whose page
 * cache is the memory itself.  Its ->fault finds the page at pgoff or adds
 * a zeroed one; the pages live until the last mapping of the inode goes.
 */
#include <mm_types.h>
#include <pftrace.h>
#include <mm.h>
#include <fs.h>
#include <string.h>
#include <errno.h>

static vm_fault_t shmem_fault(struct vm_fault *vmf)
{
	struct inode *inode = vmf->vma->vm_file->f_inode;
	struct page *pg = find_get_page(&inode->i_mapping, vmf->pgoff);
	if (!pg) {
		pg = alloc_page(__GFP_ZERO | __GFP_USER);
		if (!pg)
			return VM_FAULT_OOM;
		if (add_to_page_cache(pg, &inode->i_mapping, vmf->pgoff)) {
			put_page(pg);
			return VM_FAULT_OOM;
		}
		trace_fault_step("shmem_fault (new zeroed page)");
	} else {
		trace_fault_step("shmem_fault (page cache)");
	}
	get_page(pg);
	vmf->page = pg;
	return 0;
}

static const struct vm_operations_struct shmem_vm_ops = { .fault = shmem_fault };

/* Give a new shared anonymous VMA its backing file (Linux: shmem_zero_setup). */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct inode *inode = new_inode_pseudo();
	struct file *f;
	if (!inode)
		return -ENOMEM;
	inode->i_mode = S_IFREG | 0600;
	inode->i_size = vma->vm_end - vma->vm_start;
	f = file_open_inode(inode, O_RDWR);
	iput(inode);                    /* the file holds it now */
	if (!f)
		return -ENOMEM;
	vma->vm_file = f;
	vma_link_file(vma);
	vma->vm_ops = &shmem_vm_ops;
	vma->vm_name = "/dev/zero (deleted)";
	return 0;
}
