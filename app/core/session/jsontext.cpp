#include "jsontext.h"

#include <array>
#include <cstring>

namespace Session {

namespace {

// RFC 8259 §7: the bytes below 0x80 that a JSON string must escape, and how ('u' = \u00XX). DEL
// is escaped too, as the NDJSON export does, so both write the same strings.
constexpr std::array<char, 128> makeEscapes()
{
    std::array<char, 128> t{};
    for (int c = 0; c < 0x20; ++c)
        t[c] = 'u';
    t[0x7f] = 'u';
    t['"'] = '"';
    t['\\'] = '\\';
    t['\n'] = 'n';
    t['\r'] = 'r';
    t['\t'] = 't';
    return t;
}
constexpr std::array<char, 128> kEscapes = makeEscapes();

// Appends bytes already known to be valid UTF-8 as a JSON string, copying unescaped runs whole.
void appendUtf8(QByteArray &out, QByteArrayView s)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    const char *p = s.data();
    const char *const end = p + s.size();
    const char *run = p;
    for (; p < end; ++p) {
        const auto u = static_cast<unsigned char>(*p);
        if (u >= 0x80 || kEscapes[u] == 0)
            continue;
        out.append(run, p - run);
        const char e = kEscapes[u];
        if (e == 'u') {
            const char seq[6] = {'\\', 'u', '0', '0', hex[u >> 4], hex[u & 0xf]};
            out.append(seq, 6);
        } else {
            const char seq[2] = {'\\', e};
            out.append(seq, 2);
        }
        run = p + 1;
    }
    out.append(run, end - run);
    out += '"';
}

void appendLatin1(QByteArray &out, QByteArrayView s)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) { // Latin-1: byte value = code point, written as UTF-8
            out += char(0xc0 | (u >> 6));
            out += char(0x80 | (u & 0x3f));
        } else if (kEscapes[u] == 'u') {
            const char seq[6] = {'\\', 'u', '0', '0', hex[u >> 4], hex[u & 0xf]};
            out.append(seq, 6);
        } else if (kEscapes[u] != 0) {
            const char seq[2] = {'\\', kEscapes[u]};
            out.append(seq, 2);
        } else {
            out += c;
        }
    }
    out += '"';
}

} // namespace

bool isValidUtf8(QByteArrayView s)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const auto *const end = p + s.size();
    while (p < end) {
        // Bodies are mostly ASCII: skip it eight bytes at a time.
        quint64 word;
        while (end - p >= 8 && (std::memcpy(&word, p, 8), (word & 0x8080808080808080ull) == 0))
            p += 8;
        if (p == end)
            break;
        const unsigned c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int extra;
        quint32 cp;
        if (c >= 0xc2 && c <= 0xdf) {
            extra = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            extra = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= extra)
            return false;
        for (int k = 1; k <= extra; ++k) {
            if ((p[k] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (p[k] & 0x3f);
        }
        // No overlong forms, no surrogates, nothing past U+10FFFF.
        if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        p += extra + 1;
    }
    return true;
}

void appendUtf8JsonString(QByteArray &out, QByteArrayView utf8)
{
    appendUtf8(out, utf8);
}

void appendJsonString(QByteArray &out, QByteArrayView bytes)
{
    if (isValidUtf8(bytes))
        appendUtf8(out, bytes);
    else
        appendLatin1(out, bytes);
}

} // namespace Session
