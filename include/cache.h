#ifndef _FAULTLINE_CACHE_H
#define _FAULTLINE_CACHE_H
/* Data written only during init, then made read-only (Linux: include/linux/cache.h). */
#define __ro_after_init __attribute__((section(".data..ro_after_init")))
#endif
