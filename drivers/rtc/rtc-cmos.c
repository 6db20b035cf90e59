/*
 * drivers/rtc/rtc-cmos.c - the PC's MC146818 real-time clock in CMOS RAM,
 * read once at boot (Linux: drivers/rtc/rtc-mc146818-lib.c mc146818_get_time).
 *
 * The chip is reached through an index port and a data port.  Its date
 * registers are BCD unless status register B says binary, the hour may be
 * on a 12-hour clock with bit 7 for PM, and the century is in register 0x32
 * (the ACPI FADT's usual "century" offset; QEMU keeps it there).  The chip
 * updates its registers once a second; reading while it does can mix two
 * seconds, so we wait for "update in progress" to clear and read until two
 * passes agree.
 */
#include <rtc.h>
#include <errno.h>
#include <string.h>
#include <asm/io.h>

#define RTC_INDEX_PORT 0x70
#define RTC_DATA_PORT 0x71
#define RTC_NMI_DISABLE 0x80            /* bit 7 of the index: keep NMIs masked while we talk */
#define RTC_SECONDS 0x00
#define RTC_MINUTES 0x02
#define RTC_HOURS 0x04
#define RTC_DAY_OF_MONTH 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_REG_A 0x0a
#define RTC_REG_B 0x0b
#define RTC_CENTURY 0x32
#define RTC_UIP 0x80                    /* register A: an update is in progress */
#define RTC_24H 0x02                    /* register B: 24-hour clock */
#define RTC_DM_BINARY 0x04              /* register B: binary, not BCD */
#define RTC_HOUR_PM 0x80                /* 12-hour clock: the PM bit of the hour */
#define RTC_UIP_POLLS 100000            /* an update lasts under 2 ms */
#define RTC_READ_TRIES 5

static u8 cmos_read(u8 reg)
{
	outb(RTC_INDEX_PORT, RTC_NMI_DISABLE | reg);
	return inb(RTC_DATA_PORT);
}

static int bcd2bin(u8 v) { return (v & 0x0f) + (v >> 4) * 10; }

static bool wait_for_update_end(void)
{
	for (int i = 0; i < RTC_UIP_POLLS; i++)
		if (!(cmos_read(RTC_REG_A) & RTC_UIP))
			return true;
	return false;
}

/* The raw registers, in the chip's own format: sec min hour mday mon year century. */
static void read_raw(u8 raw[7])
{
	static const u8 regs[7] = { RTC_SECONDS, RTC_MINUTES, RTC_HOURS, RTC_DAY_OF_MONTH,
				    RTC_MONTH, RTC_YEAR, RTC_CENTURY };
	for (int i = 0; i < 7; i++)
		raw[i] = cmos_read(regs[i]);
}

/* The hour register in 0..23, from a 12- or 24-hour clock, BCD or binary. */
static int decode_hour(u8 raw, u8 reg_b)
{
	bool pm = !(reg_b & RTC_24H) && (raw & RTC_HOUR_PM);
	int hour = raw & ~RTC_HOUR_PM;

	if (!(reg_b & RTC_DM_BINARY))
		hour = bcd2bin(hour);
	if (!(reg_b & RTC_24H))
		hour = hour % 12 + (pm ? 12 : 0);       /* 12 AM is 0, 12 PM is 12 */
	return hour;
}

int rtc_cmos_read_time(struct rtc_time *tm)
{
	u8 raw[7], again[7], reg_b;
	int tries = 0;

	do {
		if (!wait_for_update_end())
			return -ENODEV;
		read_raw(raw);
		if (!wait_for_update_end())
			return -ENODEV;
		read_raw(again);
	} while (memcmp(raw, again, sizeof(raw)) && ++tries < RTC_READ_TRIES);
	reg_b = cmos_read(RTC_REG_B);
	for (int i = 0; i < 7; i++)
		if (i != 2 && !(reg_b & RTC_DM_BINARY))
			raw[i] = bcd2bin(raw[i]);
	tm->tm_sec = raw[0];
	tm->tm_min = raw[1];
	tm->tm_hour = decode_hour(raw[2], reg_b);
	tm->tm_mday = raw[3];
	tm->tm_mon = raw[4] - 1;
	/* No century register (0): years 70..99 are 19xx, the rest 20xx (Linux does the same). */
	tm->tm_year = (raw[6] ? raw[6] * 100 : raw[5] < 70 ? 2000 : 1900) + raw[5] - 1900;
	return rtc_valid_tm(tm) ? 0 : -EINVAL;
}
