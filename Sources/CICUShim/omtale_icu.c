#include "omtale_icu.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

struct omtale_breaker {
    UBreakIterator *iterator;
};

static int32_t status_code(UErrorCode code) {
    return U_FAILURE(code) ? -(int32_t)code : 0;
}

omtale_breaker *omtale_breaker_open(omtale_break_kind kind, const char *locale, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UBreakIteratorType type = kind == OMTALE_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD;
    UBreakIterator *iterator = ubrk_open(type, locale, NULL, 0, &code);
    if (U_FAILURE(code) || iterator == NULL) {
        if (status) *status = U_FAILURE(code) ? -(int32_t)code : -1;
        return NULL;
    }
    omtale_breaker *breaker = malloc(sizeof(omtale_breaker));
    if (breaker == NULL) {
        ubrk_close(iterator);
        if (status) *status = -(int32_t)U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    breaker->iterator = iterator;
    if (status) *status = 0;
    return breaker;
}

int32_t omtale_breaker_set_text(omtale_breaker *breaker, const uint16_t *text, int32_t length) {
    if (breaker == NULL || length < 0) return -(int32_t)U_ILLEGAL_ARGUMENT_ERROR;
    UErrorCode code = U_ZERO_ERROR;
    /* ICU rejects a NULL pointer even for empty text. */
    static const UChar empty[1] = {0};
    ubrk_setText(breaker->iterator, text ? (const UChar *)text : empty, length, &code);
    return status_code(code);
}

int32_t omtale_breaker_next(omtale_breaker *breaker) {
    if (breaker == NULL) return -1;
    int32_t boundary = ubrk_next(breaker->iterator);
    return boundary == UBRK_DONE ? -1 : boundary;
}

int32_t omtale_breaker_rule_status(omtale_breaker *breaker) {
    if (breaker == NULL) return 0;
    return ubrk_getRuleStatus(breaker->iterator);
}

void omtale_breaker_close(omtale_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    free(breaker);
}

int32_t omtale_fold_case(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity) {
    UErrorCode code = U_ZERO_ERROR;
    int32_t result = u_strFoldCase((UChar *)dest, capacity, (const UChar *)src, length, U_FOLD_CASE_DEFAULT, &code);
    if (code == U_BUFFER_OVERFLOW_ERROR || code == U_STRING_NOT_TERMINATED_WARNING) return result;
    if (U_FAILURE(code)) return -(int32_t)code;
    return result;
}

int32_t omtale_normalize_nfc(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity) {
    UErrorCode code = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&code);
    if (U_FAILURE(code)) return -(int32_t)code;
    int32_t result = unorm2_normalize(nfc, (const UChar *)src, length, (UChar *)dest, capacity, &code);
    if (code == U_BUFFER_OVERFLOW_ERROR || code == U_STRING_NOT_TERMINATED_WARNING) return result;
    if (U_FAILURE(code)) return -(int32_t)code;
    return result;
}

int32_t omtale_is_nfc(const uint16_t *src, int32_t length) {
    UErrorCode code = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&code);
    if (U_FAILURE(code)) return -(int32_t)code;
    UNormalizationCheckResult check = unorm2_quickCheck(nfc, (const UChar *)src, length, &code);
    if (U_FAILURE(code)) return -(int32_t)code;
    return check == UNORM_YES ? 1 : 0;
}

void omtale_icu_version(char *buf, int32_t capacity) {
    if (buf == NULL || capacity <= 0) return;
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    strncpy(buf, text, (size_t)capacity - 1);
    buf[capacity - 1] = '\0';
}

/*
 * The benchmark floor: what any ICU-based checker must at least do per file, in plain C.
 * fread the whole file, u_strFromUTF8 into one UTF-16 buffer (grown, never shrunk), and run the
 * same two da_DK break iterators Omtale uses over it.
 */
int32_t omtale_icu_floor(const char *const *paths, int32_t count, int64_t *bytes, int64_t *checksum) {
    int32_t status = 0;
    omtale_breaker *words = omtale_breaker_open(OMTALE_BREAK_WORD, "da_DK", &status);
    if (words == NULL) return status;
    omtale_breaker *sentences = omtale_breaker_open(OMTALE_BREAK_SENTENCE, "da_DK", &status);
    if (sentences == NULL) { omtale_breaker_close(words); return status; }
    char *input = NULL;
    size_t inputCapacity = 0;
    UChar *units = NULL;
    int32_t unitCapacity = 0;
    int32_t files = 0;
    int64_t total = 0, sum = 0;
    for (int32_t i = 0; i < count; i++) {
        FILE *file = fopen(paths[i], "rb");
        if (file == NULL) continue;
        size_t length = 0;
        for (;;) {
            if (inputCapacity - length < 65536) {
                size_t grown = inputCapacity ? inputCapacity * 2 : 65536;
                char *next = realloc(input, grown);
                if (next == NULL) break;
                input = next;
                inputCapacity = grown;
            }
            size_t got = fread(input + length, 1, inputCapacity - length, file);
            length += got;
            if (got == 0) break;
        }
        fclose(file);
        if (length > INT32_MAX / 2) continue;
        UErrorCode code = U_ZERO_ERROR;
        int32_t needed = 0;
        if ((int32_t)length + 1 > unitCapacity) {
            unitCapacity = (int32_t)length + 1;
            free(units);
            units = malloc(sizeof(UChar) * (size_t)unitCapacity);
            if (units == NULL) { unitCapacity = 0; continue; }
        }
        u_strFromUTF8WithSub(units, unitCapacity, &needed, input, (int32_t)length, 0xFFFD, NULL, &code);
        if (U_FAILURE(code)) continue;
        omtale_breaker *breakers[2] = {words, sentences};
        for (int b = 0; b < 2; b++) {
            UErrorCode setCode = U_ZERO_ERROR;
            ubrk_setText(breakers[b]->iterator, units, needed, &setCode);
            if (U_FAILURE(setCode)) continue;
            int32_t boundary;
            while ((boundary = ubrk_next(breakers[b]->iterator)) != UBRK_DONE) {
                sum += boundary + ubrk_getRuleStatus(breakers[b]->iterator);
            }
        }
        files += 1;
        total += (int64_t)length;
    }
    free(input);
    free(units);
    omtale_breaker_close(words);
    omtale_breaker_close(sentences);
    if (bytes) *bytes = total;
    if (checksum) *checksum = sum;
    return files;
}
