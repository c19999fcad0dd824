#pragma once

#include "request.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QList>

namespace Http {

/**
 * One HTTP/1.x response exactly as a destination sent it (what ResponseReader reads).
 *
 * Like Request, the head is kept byte for byte and the version, status code, reason phrase and
 * every header field are views into it: names keep their case and order, duplicates stay
 * separate. The body is the payload after de-chunking; for chunked responses the chunk-size lines
 * and the trailer section are kept too, so wireBytes() rebuilds exactly what was received.
 * Interim (1xx) responses that came before this one are kept as their raw heads.
 */
class ReceivedResponse : public MessageHead
{
public:
    /// True once a valid status line was read (a partial response may lack one).
    bool hasStatusLine() const { return m_status != 0; }
    int status() const { return m_status; }
    /// The reason phrase as on the wire; may be empty.
    QByteArrayView reason() const { return sliceOf(m_rawHead, m_reasonOffset, m_reasonLength); }
    /// "HTTP/1.1" as on the wire.
    QByteArrayView httpVersion() const { return sliceOf(m_rawHead, 0, m_hasVersion ? 8 : 0); }
    int versionMajor() const { return m_versionMajor; }
    int versionMinor() const { return m_versionMinor; }

    qsizetype trailerCount() const { return m_trailers.size(); }
    Field trailer(qsizetype i) const { return fieldOf(m_chunkFraming, m_trailers.at(i)); }

    const QByteArray &body() const { return m_body; }
    bool isChunked() const { return m_chunked; }
    /// The body ran until the connection closed (no Content-Length, not chunked).
    bool isCloseDelimited() const { return m_closeDelimited; }
    /// Chunked only: the chunk-size lines and the trailer section, as received.
    const QByteArray &chunkFraming() const { return m_chunkFraming; }
    /// The bytes of this response as received: head, then the body in its transfer coding.
    /// Interim responses are not part of it (see interimHead()). Exact for complete responses and
    /// for failed ones that were not chunked; a failed chunked response gives its head, then the
    /// chunk lines and data read, each chunk closed by CRLF.
    QByteArray wireBytes() const;
    /// The connection may carry another request after this response (RFC 9112 §9.3).
    bool keepAlive() const { return m_keepAlive; }

    /// 1xx responses (other than 101) received before this one, e.g. "100 Continue", in order.
    qsizetype interimCount() const { return m_interimHeads.size(); }
    const QByteArray &interimHead(qsizetype i) const { return m_interimHeads.at(i); }
    int interimStatus(qsizetype i) const;
    /// Every byte of the interim heads, in order: what came before rawHead() on the wire.
    qsizetype interimBytes() const;

private:
    friend class ResponseReader;

    QByteArray m_body;
    QByteArray m_chunkFraming;
    QByteArrayList m_interimHeads;
    QList<FieldSpan> m_trailers;
    quint32 m_reasonOffset = 0, m_reasonLength = 0;
    int m_status = 0;
    quint8 m_versionMajor = 0, m_versionMinor = 0;
    bool m_hasVersion = false;
    bool m_chunked = false;
    bool m_closeDelimited = false;
    bool m_keepAlive = false;
};

} // namespace Http
