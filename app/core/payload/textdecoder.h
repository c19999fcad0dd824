#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Payload {

struct DecodedText
{
    QString text;
    /// The charset used, as Qt names it ("UTF-8", "ISO-8859-1", "Shift_JIS", ...).
    QByteArray charset;
    /// Byte sequences that were invalid in that charset, each shown as U+FFFD.
    qsizetype replacements = 0;
    /// The declared charset is not one Qt (with ICU) knows; the text was decoded as UTF-8.
    bool unknownCharset = false;
    /// A byte order mark chose the charset instead of the declaration (WHATWG Encoding §6 "decode").
    bool bomOverrode = false;
};

/**
 * Decodes a body in its declared charset (the Content-Type charset parameter, any spelling Qt
 * or ICU knows, e.g. "utf-8", "latin1", "shift_jis", "windows-1252"); UTF-8 when none is given
 * (the default of RFC 8259 §8.1 and what most senders mean). A leading byte order mark names the
 * charset and is not shown. Invalid bytes come out as U+FFFD and are counted; nothing is dropped.
 */
DecodedText decodeText(QByteArrayView bytes, QByteArrayView charset = {});

} // namespace Payload
