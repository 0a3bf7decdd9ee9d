#include "base/date.h"

#include <string.h>

static bool S_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int S_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && S_leap(y) ? 29 : days[m - 1];
}

bool sg_date_parse(const char *s, sg_date *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < SG_DATE_MIN_YEAR || m < 1 || m > 12 || d < 1 || d > S_days_in_month(y, m))
		return false;
	out->year = y;
	out->month = m;
	out->day = d;
	return true;
}

bool sg_date_is_set(sg_date d)
{
	return d.year != 0;
}

/* Howard Hinnant's days_from_civil. */
int64_t sg_date_to_days(sg_date d)
{
	int64_t y = d.year - (d.month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (d.month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

sg_date sg_date_from_days(int64_t z)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	sg_date out = {(int)(y + (m <= 2)), (int)m, (int)d};
	return out;
}

sg_date sg_date_from_unix(int64_t seconds)
{
	int64_t days = seconds / 86400;
	if (seconds % 86400 < 0)
		days--;
	return sg_date_from_days(days);
}

int sg_date_cmp(sg_date a, sg_date b)
{
	int64_t x = sg_date_to_days(a), y = sg_date_to_days(b);
	return x < y ? -1 : x > y;
}

bool sg_date_valid(sg_date d)
{
	return d.year >= SG_DATE_MIN_YEAR && d.year <= SG_DATE_MAX_YEAR && d.month >= 1 &&
	       d.month <= 12 && d.day >= 1 && d.day <= S_days_in_month(d.year, d.month);
}

/* Days since 1970-01-01 of the first and last days a date may be. */
static int64_t S_first_day(void)
{
	return sg_date_to_days((sg_date){SG_DATE_MIN_YEAR, 1, 1});
}

static int64_t S_last_day(void)
{
	return sg_date_to_days((sg_date){SG_DATE_MAX_YEAR, 12, 31});
}

bool sg_date_add_days_checked(sg_date d, int64_t days, sg_date *out)
{
	if (!sg_date_valid(d))
		return false;
	int64_t z;
	if (__builtin_add_overflow(sg_date_to_days(d), days, &z) || z < S_first_day() ||
	    z > S_last_day())
		return false;
	*out = sg_date_from_days(z);
	return true;
}

bool sg_date_from_unix_checked(int64_t seconds, sg_date *out)
{
	int64_t days = seconds / 86400 - (seconds % 86400 < 0);
	if (days < S_first_day() || days > S_last_day())
		return false;
	*out = sg_date_from_days(days);
	return true;
}

void sg_date_iso(sg_date d, char *out)
{
	unsigned y = (unsigned)d.year % 10000, m = (unsigned)d.month % 100, day = (unsigned)d.day % 100;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + day / 10);
	out[9] = (char)('0' + day % 10);
	out[10] = '\0';
}
