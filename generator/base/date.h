/*
 * date.h - calendar dates (no times, no zones): offers, renewals, events.
 */
#ifndef SG_BASE_DATE_H
#define SG_BASE_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct sg_date {
	int year; /* 0 when unset */
	int month;
	int day;
} sg_date;

/* The years a date may have: the ones that can be read and written as
 * YYYY-MM-DD (and that every document's formats can show). */
#define SG_DATE_MIN_YEAR 1900
#define SG_DATE_MAX_YEAR 9999

/* Parses exactly "YYYY-MM-DD" (a real calendar day, years 1900..9999). */
bool sg_date_parse(const char *s, sg_date *out);
bool sg_date_is_set(sg_date d);
/* Days since 1970-01-01 (negative before). */
int64_t sg_date_to_days(sg_date d);
sg_date sg_date_from_days(int64_t days);
/* The UTC calendar day of a Unix time. */
sg_date sg_date_from_unix(int64_t seconds);
int sg_date_cmp(sg_date a, sg_date b);
/* d plus days (days may be negative) into *out. False, leaving *out alone,
 * when d is not a real day of the years above or the result falls outside
 * 1900-01-01..9999-12-31: such a day cannot be written YYYY-MM-DD, and a
 * document would show it wrongly or not at all. */
bool sg_date_add_days_checked(sg_date d, int64_t days, sg_date *out);
/* The UTC day of a Unix time into *out; false (and *out alone) when that
 * day is outside 1900-01-01..9999-12-31. */
bool sg_date_from_unix_checked(int64_t seconds, sg_date *out);
/* Is d a real calendar day of the years SG_DATE_MIN_YEAR..SG_DATE_MAX_YEAR? */
bool sg_date_valid(sg_date d);
/* "2026-11-22" into out (at least 11 bytes). */
void sg_date_iso(sg_date d, char *out);

#endif
