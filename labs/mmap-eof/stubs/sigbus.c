	force_sig_fault(SIGBUS, SI_KERNEL, 0);	/* TODO (lab mmap-eof): say why (si_code) and where (si_addr) */
