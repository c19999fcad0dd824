#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace Payload {

/// An RFC 6901 JSON pointer: `/data/object/id`, `/items/0/name`, `""` for the whole document.
/// `~1` in a token is `/`, `~0` is `~`.
class JsonPointer
{
public:
    JsonPointer() = default;
    /// Null when `text` is neither empty nor starts with `/`, or holds a `~` not followed by 0 or 1.
    static std::optional<JsonPointer> parse(QStringView text);

    const QList<QByteArray> &tokens() const { return m_tokens; }
    QString toString() const;

private:
    QList<QByteArray> m_tokens; // UTF-8, unescaped
};

/// The value a pointer names in a JSON document, as one line of text: a string's value with its
/// escapes resolved, a number or literal as written, an object or array as its JSON text with
/// line breaks turned into spaces. At most `maxChars` characters (then cut, ending in "…").
/// Null when the body is not JSON as far as it was read, or nothing is at the pointer.
///
/// One pass over the bytes, without building a tree, stopping at the value: cheap enough to run
/// for every request that arrives.
std::optional<QString> jsonValueAt(QByteArrayView json, const JsonPointer &pointer, qsizetype maxChars = 256);

} // namespace Payload
