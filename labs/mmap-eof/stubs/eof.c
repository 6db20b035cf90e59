	/* TODO (lab mmap-eof): a page wholly beyond end of file has no byte
	 * of the file in it.  The starting point calls a touch there a bad
	 * address, SIGSEGV; what do POSIX and Linux call it? */
	if (vmf->pgoff >= DIV_ROUND_UP(inode->i_size, PAGE_SIZE))
		return VM_FAULT_SIGSEGV;
