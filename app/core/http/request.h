#pragma once

#include "messagehead.h"

#include <limits>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringList>

namespace Http {

/// Things about a request that do not stop it from being captured but that a user should see.
enum class Warning : quint32 {
    MissingHost = 1u << 0,        ///< HTTP/1.1 without Host (RFC 9112 §3.2 says 400; we capture)
    MultipleHost = 1u << 1,       ///< more than one Host field line
    ConnectNotTunneled = 1u << 2, ///< CONNECT answered with a normal response, no tunnel
    UpgradeIgnored = 1u << 3,     ///< Upgrade requested; no protocol switch happens
    Http2Preface = 1u << 4,       ///< PRI * HTTP/2.0: an HTTP/2 prior-knowledge client
};

/**
 * One HTTP/1.x request exactly as it arrived.
 *
 * The head is kept byte for byte; method, target, version and every header field are views into
 * it, so names keep their case and order and duplicates stay separate. The body is the payload
 * after de-chunking. For chunked messages the chunk-size lines and the trailer section are kept
 * too, so wireBytes() rebuilds exactly what was received.
 */
class Request : public MessageHead
{
public:
    QByteArrayView method() const { return sliceOf(m_rawHead, m_methodOffset, m_methodLength); }
    QByteArrayView target() const { return sliceOf(m_rawHead, m_targetOffset, m_targetLength); }
    /// "HTTP/1.1" as on the wire.
    QByteArrayView httpVersion() const { return sliceOf(m_rawHead, m_versionOffset, m_versionLength); }
    int versionMajor() const { return m_versionMajor; }
    int versionMinor() const { return m_versionMinor; }
    bool hasRequestLine() const { return m_methodLength > 0; }

    qsizetype trailerCount() const { return m_trailers.size(); }
    Field trailer(qsizetype i) const { return fieldOf(m_chunkFraming, m_trailers.at(i)); }

    const QByteArray &body() const { return m_body; }
    bool isChunked() const { return m_chunked; }
    /// The bytes of this message as received: head, then the body in its transfer coding. For a
    /// request whose reading failed, exactly the bytes consumed before the failure.
    /// At most `limit` bytes of it: the start of a message too large to rebuild whole.
    QByteArray wireBytes(qsizetype limit = std::numeric_limits<qsizetype>::max()) const;
    /// Chunked only: the chunk-size lines and the trailer section, as received.
    const QByteArray &chunkFraming() const { return m_chunkFraming; }
    /// The bytes of a complete chunked message from its parts (see chunkFraming()).
    static QByteArray chunkedWire(const QByteArray &head, const QByteArray &framing, const QByteArray &body);

    bool keepAlive() const { return m_keepAlive; }
    bool expectsContinue() const { return m_expectContinue; }
    bool isHead() const { return method() == "HEAD"; }
    /// CONNECT, Upgrade and the HTTP/2 preface get a normal answer, then the connection closes.
    bool closesAfterAnswer() const { return !m_keepAlive || m_switchRequested; }

    quint32 warningFlags() const { return m_warnings; }
    bool hasWarning(Warning w) const { return (m_warnings & static_cast<quint32>(w)) != 0; }
    /// Stable machine names, e.g. "missing-host".
    QStringList warnings() const;
    static QString warningName(Warning w);

private:
    friend class RequestReader;

    QByteArray m_body;
    QByteArray m_chunkFraming; // chunk-size lines, then the trailer section (see m_trailerSectionOffset)
    QList<FieldSpan> m_trailers;
    quint32 m_methodOffset = 0, m_methodLength = 0;
    quint32 m_targetOffset = 0, m_targetLength = 0;
    quint32 m_versionOffset = 0, m_versionLength = 0;
    quint32 m_trailerSectionOffset = NoTrailerSection;
    static constexpr quint32 NoTrailerSection = 0xffffffffu;
    qint8 m_openChunkCrlf = -1; // CRLF bytes seen after the data of a chunk still being read
    quint32 m_warnings = 0;
    quint8 m_versionMajor = 0, m_versionMinor = 0;
    bool m_chunked = false;
    bool m_keepAlive = true;
    bool m_expectContinue = false;
    bool m_switchRequested = false;
};

} // namespace Http
