#include "displayline.h"

#include <algorithm>

namespace Gui {

namespace {

bool isContinuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

} // namespace

int utf8CharLength(QByteArrayView bytes, qsizetype pos)
{
    const auto at = [&](qsizetype i) { return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : 0; };
    const unsigned char c = at(pos);
    if (c < 0xC2 || c > 0xF4)
        return 1;
    // RFC 3629 §4: the second byte's range depends on the lead (no overlongs, surrogates or > U+10FFFF).
    unsigned char lo = 0x80, hi = 0xBF;
    int length = 2;
    if (c >= 0xE0) {
        length = c >= 0xF0 ? 4 : 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
        else if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    }
    const unsigned char second = at(pos + 1);
    if (second < lo || second > hi)
        return 1;
    for (int i = 2; i < length; ++i) {
        if (!isContinuation(at(pos + i)))
            return 1;
    }
    return length;
}

qsizetype utf8PreviousChar(QByteArrayView bytes, qsizetype pos)
{
    if (pos <= 0)
        return 0;
    // The longest candidate first: an invalid lone continuation byte is also a one-byte "character".
    for (qsizetype k = std::min<qsizetype>(4, pos); k > 1; --k) {
        if (utf8CharLength(bytes, pos - k) == k)
            return pos - k;
    }
    return pos - 1;
}

DisplayLine DisplayLine::decode(QByteArrayView line, int maxColumns)
{
    DisplayLine d;
    const qsizetype limit = std::min<qsizetype>(line.size(), maxColumns);
    const auto isPlainAscii = [](char c) { return c >= 0x20 && c < 0x7F; };
    if (std::all_of(line.begin(), line.begin() + limit, isPlainAscii)) {
        d.text = QString::fromLatin1(line.first(limit));
        d.bytes = limit;
        d.truncated = limit < line.size();
        return d;
    }

    d.text.reserve(limit);
    d.columnOfByte.reserve(limit + 1);
    qsizetype i = 0;
    while (i < line.size() && d.text.size() < maxColumns) {
        const int column = int(d.text.size());
        const auto c = static_cast<unsigned char>(line[i]);
        int length = 1;
        if (c == '\t') {
            d.text.append(QString(tabWidth - column % tabWidth, QLatin1Char(' ')));
        } else if (c < 0x20 || c == 0x7F) {
            d.text.append(controlPlaceholder);
        } else if (c < 0x80) {
            d.text.append(QLatin1Char(char(c)));
        } else {
            length = utf8CharLength(line, i);
            if (length == 1) {
                d.text.append(QChar::ReplacementCharacter);
            } else {
                char32_t cp = c & (0xFF >> (length + 1));
                for (int k = 1; k < length; ++k)
                    cp = (cp << 6) | (static_cast<unsigned char>(line[i + k]) & 0x3F);
                // C1 controls, and invisible formatting (bidi overrides, zero-width characters, a
                // BOM) or line separators: an inspector shows that they are there.
                const QChar::Category category = QChar::category(cp);
                if (cp < 0xA0 || category == QChar::Other_Format || category == QChar::Separator_Line ||
                    category == QChar::Separator_Paragraph)
                    d.text.append(controlPlaceholder);
                else
                    d.text.append(QChar::fromUcs4(cp));
            }
        }
        for (int k = 0; k < length; ++k)
            d.columnOfByte.append(column);
        i += length;
    }
    d.columnOfByte.append(int(d.text.size()));
    d.bytes = i;
    d.truncated = i < line.size();
    return d;
}

int DisplayLine::columnOf(qsizetype byte) const
{
    byte = std::clamp<qsizetype>(byte, 0, bytes);
    return columnOfByte.isEmpty() ? int(byte) : columnOfByte[byte];
}

qsizetype DisplayLine::byteAt(int column) const
{
    if (column <= 0)
        return 0;
    if (columnOfByte.isEmpty())
        return std::min<qsizetype>(column, bytes);
    const auto it = std::lower_bound(columnOfByte.begin(), columnOfByte.end(), column);
    return it == columnOfByte.end() ? bytes : qsizetype(it - columnOfByte.begin());
}

} // namespace Gui
