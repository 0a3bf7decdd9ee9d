/*
 * shard.h - `--shard K/N`: a stable 1/N of the outputs.
 *
 * An output belongs to shard K of N when the FNV-1a 64-bit hash of its path
 * (relative to the output folder, as in the manifest) modulo N is K-1. The
 * hash depends only on the name, never on the order or number of targets, so
 * N machines building shards 1..N of one content build every output exactly
 * once, and an output stays in its shard as customers come and go.
 */
#ifndef SG_ENGINE_SHARD_H
#define SG_ENGINE_SHARD_H

#include <stdbool.h>
#include <stdint.h>

typedef struct sg_shard {
	unsigned index; /* 1-based K; 0 when not sharded */
	unsigned count; /* N; 0 when not sharded */
} sg_shard;

/* Parses "K/N" with 1 <= K <= N <= 100000, digits only. Returns 0, or -1
 * with *why set to a message. */
int sg_shard_parse(sg_shard *out, const char *s, const char **why);

/* FNV-1a, 64 bits, over the bytes of name. */
uint64_t sg_shard_hash(const char *name);

/* True when name belongs to shard s (always, when s is not sharded). */
bool sg_shard_has(sg_shard s, const char *name);

/* The manifest's file name for s: "manifest" or "manifest-K-of-N"; out must
 * hold 48 bytes. prefix replaces "manifest" (e.g. "cache", "tmp"). */
void sg_shard_file(sg_shard s, const char *prefix, char *out, unsigned long size);

#endif
