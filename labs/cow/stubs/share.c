	/* TODO (lab cow): the starting point copies every private writable
	 * page now, as xv6's uvmcopy does.  Share it instead, read-only in
	 * both processes, so the first write copies it (do_wp_page). */
	if (!(vma->vm_flags & VM_SHARED) && (*pte & _PAGE_RW)) {
		struct page *copy = alloc_page(__GFP_USER);

		if (!copy) {
			c->err = -ENOMEM;
			return;
		}
		copy_page(page_address(copy), page_address(pg));
		page_add_rmap(copy);
		mm_rss_add(c->dst, 1);
		*dpte = page_to_phys(copy) | (*pte & PTE_FLAGS_MASK);
		return;
	}
