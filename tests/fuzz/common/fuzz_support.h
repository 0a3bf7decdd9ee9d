/*
 * fuzz_support.h - what every fuzz target shares.
 *
 * Each tests/fuzz/fuzz_NAME.c defines the two libFuzzer entry points. The
 * same file is linked either with libFuzzer (-DSG_FUZZ=ON, clang) or with
 * common/replay_main.c (any compiler), which feeds it the files of
 * tests/fuzz/regressions/NAME/ and tests/fuzz/corpus/NAME/ for ctest.
 */
#ifndef SG_FUZZ_SUPPORT_H
#define SG_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A private scratch folder for this process, made on first use and removed
 * (with what the harness wrote into it) at exit. */
const char *sgf_tmpdir(void);

/* sgf_tmpdir()/rel, as a string owned by the harness (valid until exit). The
 * parent folders of rel are created. */
const char *sgf_tmppath(const char *rel);

/* Writes data[0..size) to path; aborts when that fails, as no input can
 * be tested then. */
void sgf_write(const char *path, const uint8_t *data, size_t size);

/* The path of rel in the tests' content folder, tests/data/content/ (a copy
 * of the sample that users do not edit; heap: free it). */
char *sgf_content(const char *rel);

#endif
