#pragma once

#include <QByteArrayView>

#include <array>

/// Character classes of HTTP (RFC 9110 §5.6), shared by everything that reads or writes it.
namespace Http::Syntax {

namespace Detail {
constexpr std::array<bool, 256> makeTokenTable()
{
    std::array<bool, 256> t{};
    for (int c = '0'; c <= '9'; ++c)
        t[c] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        t[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c)
        t[c] = true;
    for (char c : {'!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~'})
        t[static_cast<unsigned char>(c)] = true;
    return t;
}
inline constexpr std::array<bool, 256> kToken = makeTokenTable();
} // namespace Detail

/// RFC 9110 §5.6.2: tchar.
constexpr bool isTokenChar(char c)
{
    return Detail::kToken[static_cast<unsigned char>(c)];
}

/// A non-empty token: what method names and field names are.
constexpr bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

/// RFC 9110 §5.6.3: OWS is spaces and horizontal tabs.
constexpr bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

/// RFC 9110 §5.5: field-vchar, plus SP and HTAB inside a value.
constexpr bool isFieldValueChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

/// The value of a hexadecimal digit, or -1.
constexpr int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

inline QByteArrayView trimOws(QByteArrayView v)
{
    while (!v.isEmpty() && isOws(v.front()))
        v = v.sliced(1);
    while (!v.isEmpty() && isOws(v.back()))
        v.chop(1);
    return v;
}

/// Calls f(element) for every non-empty element of a comma-separated list (RFC 9110 §5.6.1);
/// stops and returns false as soon as f does.
template<typename F>
bool forEachListElement(QByteArrayView value, F &&f)
{
    qsizetype start = 0;
    while (start <= value.size()) {
        qsizetype comma = value.indexOf(',', start);
        if (comma < 0)
            comma = value.size();
        const QByteArrayView element = trimOws(value.sliced(start, comma - start));
        if (!element.isEmpty() && !f(element))
            return false;
        start = comma + 1;
    }
    return true;
}

} // namespace Http::Syntax
