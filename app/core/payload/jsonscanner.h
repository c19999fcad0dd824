#pragma once

// Internal: the one JSON grammar check shared by the formatter and the tree builder. It walks the
// bytes once and calls a handler for each token, so each user pays only for what it builds.

#include "jobcontrol.h"
#include "parseerror.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

namespace Payload {

/// The type of a JSON value (RFC 8259 §3).
enum class JsonType : quint8 { Object, Array, String, Number, True, False, Null };

namespace Detail {

enum class JsonScanStatus { Ok, Invalid, Cancelled };

struct JsonTables
{
    std::array<bool, 256> ws{};      // RFC 8259 §2: space, tab, LF, CR and nothing else
    std::array<bool, 256> special{}; // ends a run of plain string bytes: '"', '\\', controls
    std::array<bool, 256> digit{};
};

constexpr JsonTables makeJsonTables()
{
    JsonTables t;
    t.ws[' '] = t.ws['\t'] = t.ws['\n'] = t.ws['\r'] = true;
    for (int c = 0; c < 0x20; ++c)
        t.special[c] = true;
    t.special['"'] = t.special['\\'] = true;
    for (int c = '0'; c <= '9'; ++c)
        t.digit[c] = true;
    return t;
}
inline constexpr JsonTables kJson = makeJsonTables();

inline unsigned char byteAt(const char *p)
{
    return static_cast<unsigned char>(*p);
}

inline const char *skipJsonWs(const char *p, const char *end)
{
    while (p < end && kJson.ws[byteAt(p)])
        ++p;
    return p;
}

// True if any of the 8 bytes is '"', '\\' or below 0x20. The classic has-zero-byte trick: exact
// for "any", which is all we ask; the byte loop then finds which.
inline bool hasStringSpecial(std::uint64_t v)
{
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    const std::uint64_t q = v ^ (ones * '"');
    const std::uint64_t b = v ^ (ones * '\\');
    const std::uint64_t quote = (q - ones) & ~q;
    const std::uint64_t backslash = (b - ones) & ~b;
    const std::uint64_t control = (v - ones * 0x20) & ~v;
    return ((quote | backslash | control) & highs) != 0;
}

inline bool isHex(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

struct StringScan
{
    const char *end = nullptr; // after the closing quote; null on error
    const char *errorAt = nullptr;
    const char *reason = nullptr; // UTF-8 source text of a "Payload::Json" message, translated only on error
};

// p is at the opening quote. RFC 8259 §7: controls must be escaped, escapes are the eight
// one-letter ones or \u with four hex digits. Bytes from 0x80 are copied as sent and not
// checked as UTF-8: the text view shows invalid sequences as U+FFFD, which is more useful than
// refusing to format the body.
inline StringScan scanJsonString(const char *p, const char *end)
{
    const char *s = p + 1;
    for (;;) {
        while (end - s >= 8) {
            std::uint64_t v;
            std::memcpy(&v, s, 8);
            if (hasStringSpecial(v))
                break;
            s += 8;
        }
        while (s < end && !kJson.special[byteAt(s)])
            ++s;
        if (s == end)
            return {nullptr, end, QT_TRANSLATE_NOOP("Payload::Json", "unexpected end of input inside a string")};
        const char c = *s;
        if (c == '"')
            return {s + 1, nullptr, nullptr};
        if (c != '\\')
            return {
                nullptr, s,
                QT_TRANSLATE_NOOP("Payload::Json", "a control character in a string must be escaped (RFC 8259 §7)")};
        if (end - s < 2)
            return {nullptr, end, QT_TRANSLATE_NOOP("Payload::Json", "unexpected end of input inside a string")};
        switch (s[1]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            s += 2;
            break;
        case 'u':
            for (int i = 2; i < 6; ++i) {
                if (s + i >= end)
                    return {nullptr, end,
                            QT_TRANSLATE_NOOP("Payload::Json", "unexpected end of input inside a string")};
                if (!isHex(byteAt(s + i)))
                    return {nullptr, s + i, QT_TRANSLATE_NOOP("Payload::Json", "expected four hex digits after \\u")};
            }
            s += 6;
            break;
        default:
            return {nullptr, s + 1,
                    QT_TRANSLATE_NOOP("Payload::Json", "invalid escape sequence in a string (RFC 8259 §7)")};
        }
    }
}

// RFC 8259 §6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
inline StringScan scanJsonNumber(const char *p, const char *end)
{
    const char *s = p;
    if (*s == '-')
        ++s;
    if (s == end)
        return {nullptr, end, QT_TRANSLATE_NOOP("Payload::Json", "unexpected end of input inside a number")};
    if (*s == '0') {
        ++s;
        if (s < end && kJson.digit[byteAt(s)])
            return {nullptr, s,
                    QT_TRANSLATE_NOOP("Payload::Json", "a number must not have leading zeros (RFC 8259 §6)")};
    } else if (kJson.digit[byteAt(s)]) {
        while (s < end && kJson.digit[byteAt(s)])
            ++s;
    } else {
        return {nullptr, s, QT_TRANSLATE_NOOP("Payload::Json", "expected a digit after '-'")};
    }
    if (s < end && *s == '.') {
        ++s;
        if (s == end || !kJson.digit[byteAt(s)])
            return {nullptr, s, QT_TRANSLATE_NOOP("Payload::Json", "expected a digit after the decimal point")};
        while (s < end && kJson.digit[byteAt(s)])
            ++s;
    }
    if (s < end && (*s == 'e' || *s == 'E')) {
        ++s;
        if (s < end && (*s == '+' || *s == '-'))
            ++s;
        if (s == end || !kJson.digit[byteAt(s)])
            return {nullptr, s, QT_TRANSLATE_NOOP("Payload::Json", "expected a digit in the exponent")};
        while (s < end && kJson.digit[byteAt(s)])
            ++s;
    }
    return {s, nullptr, nullptr};
}

/**
 * Checks `input` against RFC 8259 and calls the handler for each token, in order:
 *   bool begin(JsonType, const char *open), bool end(JsonType, const char *close),
 *   bool key(const char *b, const char *e), bool scalar(JsonType, const char *b, const char *e)
 * Token ranges include quotes. A handler returning false stops the scan with its stopReason().
 * A leading UTF-8 byte order mark is skipped (RFC 8259 §8.1 allows ignoring it).
 */
template<class Handler>
JsonScanStatus scanJson(QByteArrayView input, Handler &h, const JobControl &control, ParseError &error)
{
    enum class State { Value, Key, AfterValue };
    const char *const begin = input.data();
    const char *const end = begin + input.size();
    const char *p = begin;
    Checkpoint checkpoint(control, input.size());
    std::vector<JsonType> stack;
    stack.reserve(64);

    auto fail = [&](const char *at, QString reason) {
        error = ParseError::at(input, at - begin, std::move(reason));
        return JsonScanStatus::Invalid;
    };
    auto stop = [&](const char *at) { return fail(at, h.stopReason()); };

    if (end - p >= 3 && std::memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;
    p = skipJsonWs(p, end);
    if (p == end)
        return fail(
            p, QCoreApplication::translate("Payload::Json", "no JSON value: the body is empty or only whitespace"));

    State state = State::Value;
    for (;;) {
        switch (state) {
        case State::Value: { // p < end, at a non-whitespace byte
            if (checkpoint.due(p - begin) && !checkpoint.pass(p - begin))
                return JsonScanStatus::Cancelled;
            const char c = *p;
            if (c == '{' || c == '[') {
                const JsonType type = c == '{' ? JsonType::Object : JsonType::Array;
                const char close = c == '{' ? '}' : ']';
                if (!h.begin(type, p))
                    return stop(p);
                p = skipJsonWs(p + 1, end);
                if (p == end)
                    return fail(p, type == JsonType::Object
                                       ? QCoreApplication::translate(
                                             "Payload::Json", "unexpected end of input: expected a member name or '}'")
                                       : QCoreApplication::translate(
                                             "Payload::Json", "unexpected end of input: expected a value or ']'"));
                if (*p == close) {
                    if (!h.end(type, p))
                        return stop(p);
                    ++p;
                    state = State::AfterValue;
                } else {
                    stack.push_back(type);
                    state = type == JsonType::Object ? State::Key : State::Value;
                }
                break;
            }
            StringScan scan;
            JsonType type;
            if (c == '"') {
                scan = scanJsonString(p, end);
                type = JsonType::String;
            } else if (c == '-' || kJson.digit[byteAt(p)]) {
                scan = scanJsonNumber(p, end);
                type = JsonType::Number;
            } else if (c == 't' || c == 'f' || c == 'n') {
                const char *word = c == 't' ? "true" : c == 'f' ? "false" : "null";
                const qsizetype n = qsizetype(std::strlen(word));
                type = c == 't' ? JsonType::True : c == 'f' ? JsonType::False : JsonType::Null;
                qsizetype i = 0;
                while (i < n && p + i < end && p[i] == word[i])
                    ++i;
                if (i < n)
                    return fail(p + i, p + i == end ? QCoreApplication::translate(
                                                          "Payload::Json", "unexpected end of input inside a literal")
                                                    : QCoreApplication::translate("Payload::Json",
                                                                                  "invalid literal: expected '%1'")
                                                          .arg(QLatin1StringView(word)));
                scan.end = p + n;
            } else if (c == '}' || c == ']') {
                return fail(
                    p,
                    QCoreApplication::translate("Payload::Json", "expected a value, found '%1'").arg(QLatin1Char(c)));
            } else {
                return fail(
                    p, QCoreApplication::translate(
                           "Payload::Json", "expected a value (object, array, string, number, true, false or null)"));
            }
            if (!scan.end)
                return fail(scan.errorAt, QCoreApplication::translate("Payload::Json", scan.reason));
            if (!h.scalar(type, p, scan.end))
                return stop(p);
            p = scan.end;
            state = State::AfterValue;
            break;
        }
        case State::Key: { // p < end, at a non-whitespace byte
            if (*p != '"')
                return fail(p, QCoreApplication::translate("Payload::Json", "expected a member name in double quotes"));
            const StringScan scan = scanJsonString(p, end);
            if (!scan.end)
                return fail(scan.errorAt, QCoreApplication::translate("Payload::Json", scan.reason));
            if (!h.key(p, scan.end))
                return stop(p);
            p = skipJsonWs(scan.end, end);
            if (p == end)
                return fail(p, QCoreApplication::translate(
                                   "Payload::Json", "unexpected end of input: expected ':' after the member name"));
            if (*p != ':')
                return fail(p, QCoreApplication::translate("Payload::Json", "expected ':' after the member name"));
            p = skipJsonWs(p + 1, end);
            if (p == end)
                return fail(p,
                            QCoreApplication::translate("Payload::Json", "unexpected end of input: expected a value"));
            state = State::Value;
            break;
        }
        case State::AfterValue: {
            p = skipJsonWs(p, end);
            if (stack.empty()) {
                if (p != end)
                    return fail(p,
                                QCoreApplication::translate("Payload::Json", "unexpected data after the JSON value"));
                checkpoint.finish();
                return JsonScanStatus::Ok;
            }
            const bool inObject = stack.back() == JsonType::Object;
            if (p == end)
                return fail(p, inObject ? QCoreApplication::translate("Payload::Json",
                                                                      "unexpected end of input: expected ',' or '}'")
                                        : QCoreApplication::translate("Payload::Json",
                                                                      "unexpected end of input: expected ',' or ']'"));
            if (*p == ',') {
                p = skipJsonWs(p + 1, end);
                if (p == end)
                    return fail(p, inObject ? QCoreApplication::translate(
                                                  "Payload::Json", "unexpected end of input: expected a member name")
                                            : QCoreApplication::translate("Payload::Json",
                                                                          "unexpected end of input: expected a value"));
                if (*p == (inObject ? '}' : ']'))
                    return fail(p, inObject ? QCoreApplication::translate(
                                                  "Payload::Json", "trailing comma: expected a member name after ','")
                                            : QCoreApplication::translate(
                                                  "Payload::Json", "trailing comma: expected a value after ','"));
                state = inObject ? State::Key : State::Value;
            } else if (*p == (inObject ? '}' : ']')) {
                if (!h.end(stack.back(), p))
                    return stop(p);
                stack.pop_back();
                ++p;
            } else {
                return fail(p, inObject ? QCoreApplication::translate("Payload::Json",
                                                                      "expected ',' or '}' after an object member")
                                        : QCoreApplication::translate("Payload::Json",
                                                                      "expected ',' or ']' after an array element"));
            }
            break;
        }
        }
    }
}

} // namespace Detail

} // namespace Payload
