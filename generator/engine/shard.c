/*
 * shard.c - stable shard membership by output name.
 */
#include "engine/shard.h"

#include <stdio.h>

static int S_number(const char **p, unsigned *out)
{
	unsigned long v = 0;
	const char *s = *p;
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 100000)
			return -1;
	}
	*out = (unsigned)v;
	*p = s;
	return 0;
}

int sg_shard_parse(sg_shard *out, const char *s, const char **why)
{
	sg_shard r = {0, 0};
	const char *p = s;
	if (S_number(&p, &r.index) != 0 || *p++ != '/' || S_number(&p, &r.count) != 0 || *p) {
		*why = "expected K/N, two whole numbers such as 2/5, with N from 1 to 100000";
		return -1;
	}
	if (r.count < 1) {
		*why = "N must be from 1 to 100000";
		return -1;
	}
	if (r.index < 1 || r.index > r.count) {
		*why = "K must be from 1 to N";
		return -1;
	}
	*out = r;
	return 0;
}

uint64_t sg_shard_hash(const char *name)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		h ^= *p;
		h *= 0x100000001b3ULL;
	}
	return h;
}

bool sg_shard_has(sg_shard s, const char *name)
{
	if (s.count == 0)
		return true;
	return sg_shard_hash(name) % s.count == s.index - 1;
}

void sg_shard_file(sg_shard s, const char *prefix, char *out, unsigned long size)
{
	if (s.count == 0)
		snprintf(out, size, "%s", prefix);
	else
		snprintf(out, size, "%s-%u-of-%u", prefix, s.index, s.count);
}
