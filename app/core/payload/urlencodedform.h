#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Payload {

/// One name=value pair of an application/x-www-form-urlencoded body.
struct FormField
{
    QByteArray rawName;  ///< as sent
    QByteArray rawValue; ///< as sent; empty when there was no '='
    QString name;        ///< '+' → space, %XX → byte, then UTF-8 (or the given charset)
    QString value;
    qsizetype offset = 0;   ///< where the pair starts in the body
    bool hasEquals = false; ///< "a=" rather than "a"
    bool malformed = false; ///< a '%' not followed by two hex digits (kept as written)

    friend bool operator==(const FormField &, const FormField &) = default;
};

/**
 * The pairs of a form body in order, duplicates kept (WHATWG URL §5.1): split on '&', empty
 * pieces skipped, each split at its first '='. Percent escapes that are not two hex digits are
 * kept as written. Decoded bytes are read as UTF-8 unless `charset` names another charset.
 */
QList<FormField> parseUrlEncodedForm(QByteArrayView body, QByteArrayView charset = {});

/// Undoes %XX escapes (and '+' when `plusIsSpace`), keeping malformed escapes as written; sets
/// `*malformed` when there was one.
QByteArray percentDecode(QByteArrayView text, bool plusIsSpace, bool *malformed = nullptr);

} // namespace Payload
