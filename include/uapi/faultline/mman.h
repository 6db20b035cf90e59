/*
 * include/uapi/faultline/mman.h - faultline's own mmap flag, NOT Linux's.
 *
 * MAP_NOFAULT is OpenBSD's __MAP_NOFAULT (docs/scenarios/nofault.md): a file page that the
 * file cannot back (beyond EOF) is given a private zero page instead of
 * SIGBUS.  OpenBSD's value 0x2000 is Linux's MAP_LOCKED, so faultline puts
 * it on a bit Linux x86-64 leaves free (docs/linux-abi.md §7:
 * 0x400000-0x2000000 are free on every architecture).  Linux ignores the
 * bit with MAP_PRIVATE or MAP_SHARED.  This file defines nothing else, so
 * user programs can include it beside libc's <sys/mman.h>
 * (user/demos/nofault.c does).
 */
#ifndef _UAPI_FAULTLINE_MMAN_H
#define _UAPI_FAULTLINE_MMAN_H

#define MAP_NOFAULT 0x800000

#endif
