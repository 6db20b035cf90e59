/*
 * include/uapi/linux/timex.h - adjtimex(2) and clock_adjtime(2)'s struct
 * and bits, as Linux's include/uapi/linux/timex.h (x86-64 layout: 208
 * bytes, the same as the C library's struct timex).
 */
#ifndef _UAPI_LINUX_TIMEX_H
#define _UAPI_LINUX_TIMEX_H

#include "types.h"

struct __kernel_timex_timeval {
	s64 tv_sec;
	s64 tv_usec;		/* nanoseconds under STA_NANO / ADJ_NANO */
};

struct __kernel_timex {
	u32 modes;		/* ADJ_*: what to set */
	s32 pad0;
	s64 offset;		/* time offset (usec, or nsec under STA_NANO) */
	s64 freq;		/* frequency offset (ppm << 16) */
	s64 maxerror;		/* maximum error (usec) */
	s64 esterror;		/* estimated error (usec) */
	s32 status;		/* STA_* */
	s32 pad1;
	s64 constant;		/* PLL time constant (ADJ_TAI: the TAI offset) */
	s64 precision;		/* clock precision (usec), read only */
	s64 tolerance;		/* frequency tolerance (ppm << 16), read only */
	struct __kernel_timex_timeval time;	/* read only, except for ADJ_SETOFFSET */
	s64 tick;		/* microseconds between clock ticks */
	s64 ppsfreq;		/* the PPS fields: read only, no PPS here */
	s64 jitter;
	s32 shift;
	s32 pad2;
	s64 stabil;
	s64 jitcnt;
	s64 calcnt;
	s64 errcnt;
	s64 stbcnt;
	s32 tai;		/* TAI - UTC in seconds, read only */
	s32 pad3[11];
};

/* modes */
#define ADJ_OFFSET		0x0001
#define ADJ_FREQUENCY		0x0002
#define ADJ_MAXERROR		0x0004
#define ADJ_ESTERROR		0x0008
#define ADJ_STATUS		0x0010
#define ADJ_TIMECONST		0x0020
#define ADJ_TAI			0x0080
#define ADJ_SETOFFSET		0x0100
#define ADJ_MICRO		0x1000
#define ADJ_NANO		0x2000
#define ADJ_TICK		0x4000
#define ADJ_OFFSET_SINGLESHOT	0x8001	/* old adjtime() */
#define ADJ_OFFSET_SS_READ	0xa001	/* read only adjtime() */

/* status */
#define STA_PLL		0x0001
#define STA_PPSFREQ	0x0002
#define STA_PPSTIME	0x0004
#define STA_FLL		0x0008
#define STA_INS		0x0010
#define STA_DEL		0x0020
#define STA_UNSYNC	0x0040
#define STA_FREQHOLD	0x0080
#define STA_PPSSIGNAL	0x0100	/* read only from here on */
#define STA_PPSJITTER	0x0200
#define STA_PPSWANDER	0x0400
#define STA_PPSERROR	0x0800
#define STA_CLOCKERR	0x1000
#define STA_NANO	0x2000
#define STA_MODE	0x4000
#define STA_CLK		0x8000
#define STA_RONLY (STA_PPSSIGNAL | STA_PPSJITTER | STA_PPSWANDER | STA_PPSERROR | STA_CLOCKERR | STA_NANO | \
		   STA_MODE | STA_CLK)

/* clock states, adjtimex's return value */
#define TIME_OK		0
#define TIME_INS	1
#define TIME_DEL	2
#define TIME_OOP	3
#define TIME_WAIT	4
#define TIME_ERROR	5

#endif
