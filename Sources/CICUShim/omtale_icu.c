#include "omtale_icu.h"

#include <stdlib.h>
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
