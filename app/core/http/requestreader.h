#pragma once

#include "headparsing.h"
#include "limits.h"
#include "request.h"

#include <QByteArrayView>
#include <QString>

namespace Http {

/// Why reading a request failed, and where.
struct ReadError
{
    int status = 0;     ///< the answer to send: 400, 408, 413, 431, 501 or 505
    QString reason;     ///< one sentence a user can act on, citing the RFC where one applies
    qint64 offset = -1; ///< byte offset within the message where reading failed
};

/**
 * An incremental, socket-free HTTP/1.x request reader.
 *
 * Feed it bytes as they arrive; it keeps its place across calls and looks at every byte once. It
 * consumes at most one message per call and reports how many bytes it took, so whatever follows a
 * complete request (a pipelined request) stays with the caller.
 *
 * Policies (documented in README.md):
 * - line endings must be CRLF; a bare LF or bare CR anywhere in the head is rejected (RFC 9112
 *   §2.2 allows either choice; rejecting keeps every receiver agreeing on where a line ends);
 * - obsolete line folding is rejected with 400 (RFC 9112 §5.2 allows that or unfolding);
 * - empty lines before a request line are skipped (RFC 9112 §2.2).
 */
class RequestReader
{
public:
    enum class Event {
        NeedMore,        ///< everything given was consumed; the message is not complete
        HeadComplete,    ///< the head is read and the client waits for 100 Continue before the body
        MessageComplete, ///< takeRequest() returns it; bytes after it were not consumed
        Failed,          ///< error() says why; the connection must be answered and closed
    };
    struct Step
    {
        Event event;
        qsizetype consumed;
    };

    explicit RequestReader(const Limits &limits = {});

    Step feed(QByteArrayView data);

    /// After MessageComplete: the request, and the reader is ready for the next message.
    Request takeRequest();
    /// After Failed: what was parsed before the failure (request line, and headers if the head
    /// completed) with the raw bytes received so far as its rawHead.
    Request takePartial();
    const ReadError &error() const { return m_error; }

    /// True once any byte of a message (not a skipped empty line) has been consumed.
    bool inMessage() const;
    bool inHead() const { return m_state == State::RequestLine || m_state == State::HeaderLine; }
    bool inBody() const { return m_inMessageBody; }
    qint64 messageBytes() const { return m_messageBytes; }

    void setLimits(const Limits &limits) { m_limits = limits; }
    const Limits &limits() const { return m_limits; }

    /// Starts over, dropping any partial message.
    void reset();

    /// Limits that never stop a read: for bytes that were accepted once already.
    static Limits unlimited();
    /// Rebuilds a complete request from the parts a session file keeps (raw head, body, and for
    /// chunked messages the chunk framing). Returns a request without a request line if the
    /// parts do not form one.
    static Request restore(const QByteArray &head, const QByteArray &body, const QByteArray &chunkFraming);
    /// Rebuilds what was parsed of a rejected request from the bytes that were received.
    static Request restorePartial(const QByteArray &raw);

private:
    enum class State {
        RequestLine,
        HeaderLine,
        Body,
        ChunkLine,
        ChunkData,
        ChunkDataEnd,
        TrailerLine,
        Complete,
        Failed,
    };

    enum class LineResult { Partial, Done, Bad };
    enum class LineKind { RequestLine, HeaderLine, ChunkLine, ChunkFraming, TrailerLine };

    /// Sets the error and the Failed state; returns false so callers can `return setError(...)`.
    bool setError(int status, QString reason, qint64 offset);
    /// Moves bytes of the current line from data[pos..] into buffer, checking CRLF, NUL and length.
    LineResult collectLine(QByteArray &buffer, QByteArrayView data, qsizetype &pos, qsizetype maxLine, LineKind kind);
    static int overLimitStatus(LineKind kind);
    QString overLimitReason(LineKind kind) const;
    bool parseRequestLine(QByteArrayView line);
    bool parseFieldLine(const QByteArray &buffer, qsizetype lineStart, qsizetype lineEnd, qint64 bufferOffset,
                        QList<FieldSpan> &fields, bool firstLine);
    bool checkFramingField(const FieldSpan &field);
    bool finishHead();
    /// Makes room for `take` more body bytes, growing by `grow` when the buffer is full.
    void makeRoom(qsizetype take, qint64 grow);
    bool parseChunkLine(QByteArrayView line, qint64 lineOffset);

    Limits m_limits;
    State m_state = State::RequestLine;
    Request m_req;
    QByteArray m_head;         // raw head bytes while the head is read
    qsizetype m_lineStart = 0; // start of the line being read, in the current buffer
    qint64 m_messageBytes = 0; // bytes of this message consumed before the current feed() call
    qint64 m_remaining = 0;    // body bytes left (Content-Length), or bytes left in the chunk
    qsizetype m_skippedBlank = 0;
    HeadParsing::LineCollector m_lines;
    bool m_inMessageBody = false;
    bool m_framingIgnored = false; // CONNECT, PRI: no body is read, framing fields are not checked
    qint64 m_contentLength = -1;   // from the Content-Length lines read so far
    qint64 m_contentLengthOffset = -1;
    qint64 m_transferEncodingOffset = -1;
    ReadError m_error;
};

} // namespace Http
