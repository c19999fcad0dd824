#pragma once

#include "headparsing.h"
#include "limits.h"
#include "receivedresponse.h"

#include <QByteArrayView>
#include <QString>

namespace Http {

/// Why reading a response failed, and where.
struct ResponseError
{
    QString reason;     ///< one sentence a user can act on, citing the RFC where one applies
    qint64 offset = -1; ///< byte offset where reading failed, counted from the first byte of the
                        ///< response stream (interim responses included)
};

/**
 * An incremental, socket-free HTTP/1.x response reader: the sender's side of RequestReader.
 *
 * Tell it the method of the request the response answers (expectResponseTo()), then feed it bytes
 * as they arrive; it keeps its place across calls and looks at every byte once. It consumes at most
 * one response per call, so bytes after a complete response stay with the caller. When the
 * connection closes, call finish(): it completes a body that runs until the close and fails one
 * that was cut short.
 *
 * Framing follows RFC 9112 §6.3: interim 1xx responses (except 101) are read and kept, then the
 * final response is read; responses to HEAD, 1xx, 204 and 304 (and 2xx to CONNECT) end with their
 * head; otherwise chunked, Content-Length, or close-delimited.
 *
 * Policies:
 * - line endings must be CRLF, as RequestReader requires; a bare LF or CR in the head fails;
 * - obsolete line folding fails (RFC 9112 §5.2 asks a user agent to unfold; we show it instead);
 * - a status line without the space after the code ("HTTP/1.1 200") is read with an empty reason;
 * - both Content-Length and Transfer-Encoding fail (RFC 9112 §6.3: "ought to be handled as an
 *   error"), and so does a transfer coding other than chunked under chunked;
 * - Limits: maxHeadBytes bounds each head and the trailer section, maxHeaderCount the fields of
 *   each, maxBodyBytes the de-chunked body: the reader takes the body up to the limit, then fails,
 *   and takePartial() holds what arrived.
 */
class ResponseReader
{
public:
    enum class Event {
        NeedMore,        ///< everything given was consumed; the response is not complete
        MessageComplete, ///< takeResponse() returns it; bytes after it were not consumed
        Failed,          ///< error() says why; takePartial() holds what was read
    };
    struct Step
    {
        Event event;
        qsizetype consumed;
    };

    /// Interim responses kept at most before the reader gives up on the final one.
    static constexpr int kMaxInterimResponses = 32;

    explicit ResponseReader(const Limits &limits = {});

    /// Starts reading the response to a request with this method (HEAD and CONNECT matter).
    void expectResponseTo(QByteArrayView method);
    Step feed(QByteArrayView data);
    /// The connection closed: completes a close-delimited response, fails an unfinished one.
    Event finish();

    /// After MessageComplete: the response; the reader is ready for the next one (expect a GET).
    ReceivedResponse takeResponse();
    /// After Failed (or at any time): what was read so far.
    ReceivedResponse takePartial();
    const ResponseError &error() const { return m_error; }
    /// Bytes consumed since the response started, interim responses included.
    qint64 bytesRead() const { return m_bytesRead; }

    void setLimits(const Limits &limits) { m_limits = limits; }
    const Limits &limits() const { return m_limits; }
    /// Starts over for a response to GET, dropping anything read.
    void reset();

private:
    enum class State {
        StatusLine,
        HeaderLine,
        Body,
        CloseBody,
        ChunkLine,
        ChunkData,
        ChunkDataEnd,
        TrailerLine,
        Complete,
        Failed,
    };
    using LineResult = HeadParsing::LineCollector::Result;

    bool setError(QString reason, qint64 offset);
    /// Moves bytes of the current line from data[pos..] into buffer until its LF, the end of data
    /// or `maxLine` bytes of line (Full); a bare CR or LF or a NUL is Bad.
    LineResult collectLine(QByteArray &buffer, QByteArrayView data, qsizetype &pos, qsizetype maxLine);
    bool parseStatusLine(QByteArrayView line);
    bool parseFieldLine(const QByteArray &buffer, qsizetype lineStart, qsizetype lineEnd, qint64 bufferOffset,
                        QList<FieldSpan> &fields, const char *what);
    bool finishHead();
    bool parseChunkLine(QByteArrayView line, qint64 lineOffset);
    /// Fails when the body holds the limit and more is announced.
    bool checkBodyRoom();
    void appendBody(QByteArrayView data, qsizetype &pos, qint64 max);

    Limits m_limits;
    State m_state = State::StatusLine;
    ReceivedResponse m_resp;
    QByteArray m_head;         // raw bytes of the head being read
    qint64 m_headStart = 0;    // stream offset of m_head[0]
    qsizetype m_lineStart = 0; // start of the line being read, in its buffer
    qint64 m_bytesRead = 0;
    qint64 m_remaining = 0;       // Content-Length bytes left, or bytes left in the chunk
    qint64 m_contentLength = -1;  // announced, for messages
    qsizetype m_trailerStart = 0; // where the trailer section starts in the chunk framing
    qint8 m_chunkCrlf = 0;        // CRLF bytes seen after a chunk's data
    HeadParsing::LineCollector m_lines;
    bool m_headRequest = false;
    bool m_connectRequest = false;
    ResponseError m_error;
};

} // namespace Http
