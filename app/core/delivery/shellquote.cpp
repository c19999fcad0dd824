#include "shellquote.h"

#include <QChar>
#include <QString>

#include <algorithm>

namespace Delivery::Shell {

namespace {

struct CodePoint
{
    char32_t value = 0;
    int length = 0; ///< 0: the bytes at this place are not UTF-8
};

// Strict: overlong forms, surrogates and values past U+10FFFF are not UTF-8.
CodePoint decodeUtf8(QByteArrayView s, qsizetype i)
{
    const auto lead = static_cast<uchar>(s[i]);
    if (lead < 0x80)
        return {lead, 1};
    int length = 0;
    char32_t value = 0;
    char32_t smallest = 0;
    if ((lead & 0xe0) == 0xc0) {
        length = 2;
        value = lead & 0x1fu;
        smallest = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
        length = 3;
        value = lead & 0x0fu;
        smallest = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
        length = 4;
        value = lead & 0x07u;
        smallest = 0x10000;
    } else {
        return {};
    }
    if (i + length > s.size())
        return {};
    for (int k = 1; k < length; ++k) {
        const auto b = static_cast<uchar>(s[i + k]);
        if ((b & 0xc0) != 0x80)
            return {};
        value = (value << 6) | (b & 0x3fu);
    }
    if (value < smallest || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
        return {};
    return {value, length};
}

// Whether a character reads as itself in the command. Controls are escaped because a pasted ESC
// can end a terminal's bracketed paste and run the rest as typed; invisible, look-alike spacing
// and bidi characters because they make the command read differently from what it sends.
bool showsAsItself(char32_t c)
{
    if (c < 0x80)
        return c >= 0x20 && c != 0x7f;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}

// Calls shown(QByteArrayView character) for each character that can stay as it is, and
// escaped(uchar byte) for each byte of everything else.
template<typename Shown, typename Escaped>
void forEachCharacter(QByteArrayView s, Shown shown, Escaped escaped)
{
    qsizetype i = 0;
    while (i < s.size()) {
        const CodePoint c = decodeUtf8(s, i);
        if (c.length == 0) {
            escaped(static_cast<uchar>(s[i]));
            ++i;
            continue;
        }
        if (showsAsItself(c.value)) {
            shown(s.sliced(i, c.length));
        } else {
            for (int k = 0; k < c.length; ++k)
                escaped(static_cast<uchar>(s[i + k]));
        }
        i += c.length;
    }
}

bool isBareWordChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("_-./@%+=,").contains(c);
}

// \t, \n and \r, which $'...' and printf both know; false for any other byte.
bool appendNamedEscape(QByteArray &out, uchar b)
{
    const char *escape = b == '\t' ? "\\t" : b == '\n' ? "\\n" : b == '\r' ? "\\r" : nullptr;
    if (escape)
        out += escape;
    return escape != nullptr;
}

void appendHex(QByteArray &out, uchar b)
{
    static constexpr char digits[] = "0123456789abcdef";
    out += "\\x";
    out += digits[b >> 4];
    out += digits[b & 0xf];
}

} // namespace

bool isPrintableText(QByteArrayView s, bool allowNewline)
{
    bool printable = true;
    forEachCharacter(
        s, [](QByteArrayView) {}, [&](uchar b) { printable = printable && allowNewline && b == '\n'; });
    return printable;
}

QByteArray word(QByteArrayView s, bool allowNewline)
{
    if (!s.isEmpty() && s.front() != '=' && std::all_of(s.begin(), s.end(), isBareWordChar))
        return s.toByteArray();
    if (isPrintableText(s, allowNewline))
        return '\'' + s.toByteArray().replace('\'', "'\\''") + '\'';
    QByteArray out = "$'";
    forEachCharacter(
        s,
        [&](QByteArrayView c) {
            if (c == "\\" || c == "'")
                out += '\\';
            out += c;
        },
        [&](uchar b) {
            if (!appendNamedEscape(out, b))
                appendHex(out, b);
        });
    out += '\'';
    return out;
}

QByteArray printfFormat(QByteArrayView bytes)
{
    QByteArray out = "'";
    forEachCharacter(
        bytes,
        [&](QByteArrayView c) {
            if (c == "\\")
                out += "\\\\";
            else if (c == "%")
                out += "%%";
            else if (c == "'")
                out += "\\047";
            else if (c == "-" && out.size() == 1)
                out += "\\055"; // a leading '-' would be read as an option
            else
                out += c;
        },
        [&](uchar b) {
            if (!appendNamedEscape(out, b)) {
                out += '\\';
                out += char('0' + (b >> 6));
                out += char('0' + ((b >> 3) & 7));
                out += char('0' + (b & 7));
            }
        });
    out += '\'';
    return out;
}

} // namespace Delivery::Shell
