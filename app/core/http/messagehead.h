#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Http {

/// Where one field line's name and value sit inside the bytes that carried it.
struct FieldSpan
{
    quint32 nameOffset = 0;
    quint32 nameLength = 0;
    quint32 valueOffset = 0;
    quint32 valueLength = 0;
};

/// A name/value view into a message's own bytes; valid while the message lives.
struct Field
{
    QByteArrayView name;
    QByteArrayView value;
};

/// The bytes [offset, offset + length) of `bytes`: how a message's parts point into its head.
inline QByteArrayView sliceOf(const QByteArray &bytes, quint32 offset, quint32 length)
{
    return QByteArrayView(bytes).sliced(offset, length);
}

/// The value of the first of `fields` in `bytes` whose name matches case-insensitively, or null.
QByteArrayView firstValueOf(const QByteArray &bytes, const QList<FieldSpan> &fields, QByteArrayView name);

/// The field line a span marks in `bytes` (a request's or a response's head, or their trailers).
inline Field fieldOf(const QByteArray &bytes, const FieldSpan &s)
{
    return {sliceOf(bytes, s.nameOffset, s.nameLength), sliceOf(bytes, s.valueOffset, s.valueLength)};
}

/// Case-insensitive ASCII comparison, the way HTTP compares field names and tokens.
bool equalsIgnoreCase(QByteArrayView a, QByteArrayView b);

/**
 * The head of an HTTP/1.x message as it was received, in either direction: the start line and the
 * header section byte for byte, and where each header field sits in them.
 *
 * Names keep their case and order and duplicates stay separate, because every field is a view
 * into the raw bytes rather than a copy. Request (what the listener reads) and ReceivedResponse
 * (what the sender reads) are both made of one; their readers fill it.
 */
class MessageHead
{
public:
    /// The start line, the header lines and the empty line, exactly as received.
    const QByteArray &rawHead() const { return m_rawHead; }

    qsizetype headerCount() const { return m_headers.size(); }
    Field header(qsizetype i) const { return fieldOf(m_rawHead, m_headers.at(i)); }
    /// The first header whose name matches case-insensitively, or a null view.
    QByteArrayView headerValue(QByteArrayView name) const { return firstValueOf(m_rawHead, m_headers, name); }

protected:
    QByteArray m_rawHead;
    QList<FieldSpan> m_headers;
};

} // namespace Http
