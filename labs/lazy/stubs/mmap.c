	/* TODO (lab lazy): the starting point fills a private anonymous
	 * mapping now, as if MAP_POPULATE were given.  Delete this. */
	if (!file && (flags & MAP_TYPE) == MAP_PRIVATE && (prot & PROT_WRITE))
		populate_vma_page_range(find_vma(mm, addr), addr, addr + len, true);
