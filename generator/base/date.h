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

/* Parses exactly "YYYY-MM-DD" (a real calendar day, years 1900..9999). */
bool sg_date_parse(const char *s, sg_date *out);
bool sg_date_is_set(sg_date d);
/* Days since 1970-01-01 (negative before). */
int64_t sg_date_to_days(sg_date d);
sg_date sg_date_from_days(int64_t days);
/* The UTC calendar day of a Unix time. */
sg_date sg_date_from_unix(int64_t seconds);
int sg_date_cmp(sg_date a, sg_date b);
sg_date sg_date_add_days(sg_date d, int64_t days);
/* "2026-11-22" into out (at least 11 bytes). */
void sg_date_iso(sg_date d, char *out);

#endif
