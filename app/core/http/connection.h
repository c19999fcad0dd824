#pragma once

#include "clock.h"
#include "limits.h"
#include "requesthandler.h"
#include "requestreader.h"
#include "tlsserver.h"

#include <QByteArray>
#include <QObject>

#include <deque>
#include <memory>

class QSocketNotifier;

namespace Http {

/**
 * One accepted TCP connection, on the listener's thread.
 *
 * It reads with its own non-blocking socket rather than QTcpSocket because an inspector must
 * control the close: answers owed to a client that half-closed still go out, and after a final
 * answer it shuts down writing and drains what the client still sends, so the answer is not lost
 * to a reset (RFC 9112 §9.6). Bytes move through a Transport: plain TCP, or TLS on a port that
 * speaks it (the port's PortTls says which, and whether a ClientHello on the plain port switches).
 */
class Connection : public QObject
{
    Q_OBJECT

public:
    /// What the connection waits for, as the listener sees it when it needs room for another.
    enum class Standing {
        Busy,          ///< owes an answer, reads a body or is closing: never evicted
        AwaitingHead,  ///< waits for a request head to arrive or complete
        IdleKeepAlive, ///< answered everything and waits for the next request
    };

    Connection(int fd, const PeerInfo &peer, const Limits &limits, RequestHandler *handler, const Clock *clock,
               const PortTls &tls = {}, QObject *parent = nullptr);
    ~Connection() override;

    const PeerInfo &peer() const { return m_peer; }
    void setLimits(const Limits &limits);

    /// Answer for the request with this sequence number (see Responder).
    void deliver(quint64 sequence, const Response &response);
    /// Applies the head deadline and idle limits; the listener calls it periodically.
    void checkTimeouts(qint64 monotonicNowMs);
    /// Closes at once without answering what is still owed (listener shutdown).
    void abort();

    Standing standing() const;
    /// When the head it awaits began (or the connection was made), or when an idle one last spoke.
    qint64 standingSinceMs() const;
    /**
     * Closes the connection to make room for a new one. A head in progress is answered 408 and
     * recorded as at the head deadline; a silent or idle keep-alive connection is closed without a
     * word. Bytes that arrived meanwhile are read first: when they make the connection busy (a
     * whole request came), it stays open and this returns false.
     */
    bool evict();

    /// The steady clock's time (Clock::steady()), for callers outside the listener.
    static qint64 monotonicMs();

Q_SIGNALS:
    /// The socket is closed; the listener deletes the connection.
    void finished();

private:
    enum class Phase { Open, Closing, Draining, Done };
    /// Which of the client's limits has run out while the connection owes nothing.
    enum class Overrun { None, StalledBody, Head, Silent, Idle };
    struct Answer
    {
        quint64 sequence = 0;
        QByteArray bytes;
        bool ready = false;
        bool closeAfter = false;
        bool headRequest = false;
        bool http10KeepAlive = false;
    };

    void onReadable();
    /// On a port that may speak TLS: looks at the first byte the client sent and picks the
    /// transport. False while nothing has come, or when the connection ended.
    bool chooseTransport();
    /// Moves the TLS handshake on; true once it is done.
    bool continueHandshake();
    void recordTlsFailure(const QString &reason);
    /// A TLS client left after its handshake without a request: most likely it distrusts us.
    void recordSilentTlsClient();
    /// The first bytes on the plain port are a TLS ClientHello: the client wants https.
    void rejectTlsOnPlainPort();
    /// A plain HTTP request on the https port: answered 400, saying to use https.
    void rejectPlainOnTlsPort(Request partial);
    void rejectWith(Request partial, QByteArray raw, const ReadError &error, int answerStatus);
    void queueRead();
    void takeInPending();
    Overrun overrun(qint64 now) const;
    void onWritable();
    void processInput();
    void handlePeerEof();
    void rejectCurrent(QByteArrayView unconsumed);
    void recordIncomplete(int status, const QString &reason);
    void enqueueReady(QByteArray bytes, bool closeAfter);
    void flushAnswers();
    void writeOut();
    void startClosing();
    void finish();
    void closeNow();
    void setReading(bool on);

    int m_fd = -1;
    std::unique_ptr<Transport> m_transport; // null until the first byte says plain or TLS
    TlsTransport *m_tls = nullptr;          // m_transport when it is TLS
    PortTls m_portTls;
    PeerInfo m_peer;
    Limits m_limits;
    RequestHandler *m_handler = nullptr;
    const Clock *m_clock = nullptr;
    RequestReader m_reader;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;

    QByteArray m_in;
    qsizetype m_inPos = 0;
    QByteArray m_out;
    qsizetype m_outPos = 0;
    std::deque<Answer> m_answers;
    quint64 m_nextSequence = 1;

    Phase m_phase = Phase::Open;
    bool m_stopParsing = false; // a final answer is owed; nothing after it is read as a request
    bool m_peerEof = false;
    bool m_pausedForPipelining = false;
    bool m_resumeQueued = false;
    bool m_inProcess = false;
    bool m_handshaking = false;
    bool m_readWaitsToWrite = false; // a TLS read needs the socket writable first
    bool m_readQueued = false;
    bool m_checkForTls = false;    // plain port: a ClientHello as first bytes is recorded as such
    bool m_plainOnTlsPort = false; // https port: plain HTTP came; its head is read to answer 400
    qint64 m_bytesRead = 0;
    quint64 m_requestsSeen = 0;
    qint64 m_headStartMs = 0;
    qint64 m_lastActivityMs = 0;
    qint64 m_drainStartMs = 0;
};

} // namespace Http
