#include "jsontext.h"

#include <array>

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

void appendUtf8JsonString(QByteArray &out, QByteArrayView utf8)
{
    appendUtf8(out, utf8);
}

void appendJsonString(QByteArray &out, QByteArrayView bytes)
{
    if (bytes.isValidUtf8())
        appendUtf8(out, bytes);
    else
        appendLatin1(out, bytes);
}

} // namespace Session
