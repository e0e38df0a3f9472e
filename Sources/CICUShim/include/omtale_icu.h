#ifndef OMTALE_ICU_H
#define OMTALE_ICU_H

/*
 * A deliberately small C surface over system ICU (libicuuc, libicui18n).
 * Only stdint types and opaque handles cross this boundary: ICU's own headers
 * are included in the .c file alone, so Swift never imports ICU's renamed
 * symbols or its UErrorCode (which clashes with Foundation's _FoundationICU).
 * Every function reports failure through its return value; a negative value
 * is an ICU error code (negated), never a crash.
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Kinds of break iterator. */
typedef enum {
    OMTALE_BREAK_WORD = 0,
    OMTALE_BREAK_SENTENCE = 1
} omtale_break_kind;

/** Rule-status ranges ICU assigns to word boundaries (see ubrk.h, UWordBreak). */
#define OMTALE_WORD_NONE_LIMIT 100
#define OMTALE_WORD_NUMBER_LIMIT 200
#define OMTALE_WORD_LETTER_LIMIT 300

typedef struct omtale_breaker omtale_breaker;

/** Opens a break iterator for `locale` (e.g. "da_DK"). Returns NULL and sets *status < 0 on failure. */
omtale_breaker *omtale_breaker_open(omtale_break_kind kind, const char *locale, int32_t *status);

/** Points the iterator at UTF-16 text. The text must stay alive while the iterator is used. Returns 0 or a negative status. */
int32_t omtale_breaker_set_text(omtale_breaker *breaker, const uint16_t *text, int32_t length);

/** Next boundary in UTF-16 units, or -1 at the end. */
int32_t omtale_breaker_next(omtale_breaker *breaker);

/** Rule status of the boundary last returned by omtale_breaker_next. */
int32_t omtale_breaker_rule_status(omtale_breaker *breaker);

void omtale_breaker_close(omtale_breaker *breaker);

/**
 * Full Unicode case folding (u_strFoldCase, default options).
 * Writes at most `capacity` units to `dest`; returns the folded length (which may
 * exceed capacity: call again with a larger buffer), or a negative status.
 */
int32_t omtale_fold_case(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity);

/**
 * NFC normalization. Same buffer contract as omtale_fold_case.
 */
int32_t omtale_normalize_nfc(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity);

/** 1 if the text is already in NFC (quick check "yes"), 0 otherwise, negative on error. */
int32_t omtale_is_nfc(const uint16_t *src, int32_t length);

/**
 * The benchmark floor (omtale-bench icu-floor): for each path, read the file with fread, convert it
 * with u_strFromUTF8 and run the da_DK word and sentence break iterators over it. Returns the number
 * of files read (negative status if the iterators cannot be opened); sets *bytes and *checksum.
 */
int32_t omtale_icu_floor(const char *const *paths, int32_t count, int64_t *bytes, int64_t *checksum);

/** Writes ICU's version ("72.1") into buf. */
void omtale_icu_version(char *buf, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
