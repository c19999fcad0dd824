#include "textdecoder.h"

#include <QStringDecoder>

#include <algorithm>
#include <cstring>

namespace Payload {

namespace {

qsizetype countOf(QByteArrayView haystack, QByteArrayView needle)
{
    qsizetype n = 0;
    for (qsizetype at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.size()))
        ++n;
    return n;
}

// U+FFFD characters that were in the input itself rather than made by the decoder.
qsizetype genuineReplacements(QByteArrayView bytes, QStringConverter::Encoding encoding)
{
    switch (encoding) {
    case QStringConverter::Utf8:
        return countOf(bytes, "\xef\xbf\xbd");
    case QStringConverter::Utf16LE:
        return countOf(bytes, QByteArrayView("\xfd\xff", 2));
    case QStringConverter::Utf16BE:
        return countOf(bytes, QByteArrayView("\xff\xfd", 2));
    default:
        return 0;
    }
}

// ICU's converters (Qt uses them for charsets it has no built-in codec for) mark a bad sequence
// with the charset's substitute character, often U+001A rather than U+FFFD, and drop an
// incomplete sequence at the very end. Decoding again with an ASCII line feed appended turns
// that tail into an ordinary bad sequence, and U+001A is shown as U+FFFD unless the input
// really has SUB bytes.
QString decodeWithIcu(const QByteArray &name, QByteArrayView bytes, qsizetype &replacements)
{
    QStringDecoder first(name.constData(), QStringConverter::Flag::Stateless);
    QString text = first.decode(bytes);
    if (!first.hasError())
        return text;
    QByteArray padded;
    padded.reserve(bytes.size() + 1);
    padded.append(bytes.data(), bytes.size());
    padded.append('\n');
    QStringDecoder second(name.constData(), QStringConverter::Flag::Stateless);
    text = second.decode(padded);
    if (text.endsWith(u'\n'))
        text.chop(1);
    if (!bytes.contains('\x1a'))
        text.replace(QChar(0x1a), QChar::ReplacementCharacter);
    replacements = qMax<qsizetype>(1, std::count(text.cbegin(), text.cend(), QChar::ReplacementCharacter));
    return text;
}

} // namespace

DecodedText decodeText(QByteArrayView bytes, QByteArrayView charset)
{
    DecodedText out;
    const QByteArrayView declared = charset.trimmed();
    std::optional<QStringConverter::Encoding> builtIn;
    // WHATWG Encoding §6 "decode": a BOM wins over the label.
    if (bytes.startsWith("\xef\xbb\xbf"))
        builtIn = QStringConverter::Utf8;
    else if (bytes.startsWith("\xff\xfe"))
        builtIn = QStringConverter::Utf16LE;
    else if (bytes.startsWith("\xfe\xff"))
        builtIn = QStringConverter::Utf16BE;
    if (builtIn) {
        const std::optional<QStringConverter::Encoding> named =
            declared.isEmpty() ? std::nullopt : QStringConverter::encodingForName(declared.toByteArray().constData());
        out.bomOverrode = !declared.isEmpty() && named != builtIn;
    } else if (declared.isEmpty()) {
        builtIn = QStringConverter::Utf8;
    } else {
        const QByteArray name = declared.toByteArray();
        builtIn = QStringConverter::encodingForName(name.constData());
        if (!builtIn) {
            QStringDecoder probe(name.constData());
            if (probe.isValid()) {
                out.charset = QByteArray(probe.name());
                out.text = decodeWithIcu(name, bytes, out.replacements);
                return out;
            }
            out.unknownCharset = true;
            builtIn = QStringConverter::Utf8;
        }
    }
    QStringDecoder decoder(*builtIn, QStringConverter::Flag::Stateless);
    out.charset = QByteArray(decoder.name());
    out.text = decoder.decode(bytes);
    if (decoder.hasError()) {
        const qsizetype made = std::count(out.text.cbegin(), out.text.cend(), QChar::ReplacementCharacter);
        out.replacements = qMax<qsizetype>(1, made - genuineReplacements(bytes, *builtIn));
    }
    return out;
}

} // namespace Payload
