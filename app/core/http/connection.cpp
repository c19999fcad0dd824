#include "connection.h"
#include "logging.h"

#include <QDateTime>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace Http {

namespace {
constexpr qsizetype kReadChunk = 64 * 1024;
constexpr qsizetype kReadPerWakeup = 256 * 1024;     // fairness: other connections get a turn
constexpr qsizetype kOutHighWater = 4 * 1024 * 1024; // stop reading while this much is unsent
constexpr int kDrainMs = 2000;
const QByteArray kContinue = QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n");
} // namespace

qint64 Connection::monotonicMs()
{
    return Clock::steady().nowMs();
}

Connection::Connection(int fd, const PeerInfo &peer, const Limits &limits, RequestHandler *handler, const Clock *clock,
                       const PortTls &tls, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
    , m_portTls(tls)
    , m_peer(peer)
    , m_limits(limits)
    , m_handler(handler)
    , m_clock(clock)
    , m_reader(limits)
{
    m_readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    m_writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &Connection::onReadable);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &Connection::onWritable);
    m_headStartMs = m_lastActivityMs = m_clock->nowMs();
    if (!tls.context || tls.security == PortSecurity::Plain) {
        m_transport = std::make_unique<PlainTransport>(fd);
        m_checkForTls = true;
    }
}

Connection::~Connection()
{
    m_tls = nullptr;
    m_transport.reset(); // before its descriptor goes
    if (m_fd >= 0)
        ::close(m_fd);
}

void Connection::setLimits(const Limits &limits)
{
    m_limits = limits;
    m_reader.setLimits(limits);
}

void Connection::setReading(bool on)
{
    if (m_readNotifier->isEnabled() != on)
        m_readNotifier->setEnabled(on);
    // TLS may hold a decrypted record the socket will not announce again.
    if (on && m_transport && m_transport->hasBuffered())
        queueRead();
}

void Connection::queueRead()
{
    if (m_readQueued)
        return;
    m_readQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_readQueued = false;
            if (m_readNotifier->isEnabled())
                onReadable();
        },
        Qt::QueuedConnection);
}

bool Connection::chooseTransport()
{
    char first = 0;
    ssize_t n;
    do {
        n = ::recv(m_fd, &first, 1, MSG_PEEK);
    } while (n < 0 && errno == EINTR);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return false;
    if (n <= 0) { // connected and left (or was reset) without a word: nothing to record
        finish();
        return false;
    }
    if (first == 0x16 && m_portTls.context && m_phase == Phase::Open) {
        std::unique_ptr<TlsTransport> tls = m_portTls.context->accept(m_fd);
        if (!tls) {
            qCWarning(lcHttp) << "cannot start TLS on connection" << m_peer.connectionId;
            finish();
            return false;
        }
        m_tls = tls.get();
        m_transport = std::move(tls);
        m_peer.tls = true;
        m_handshaking = true;
        return true;
    }
    m_transport = std::make_unique<PlainTransport>(m_fd);
    m_plainOnTlsPort = m_portTls.security == PortSecurity::Tls;
    return true;
}

bool Connection::continueHandshake()
{
    switch (m_transport->handshake()) {
    case Transport::Status::Ok:
        m_handshaking = false;
        m_peer.tlsInfo = m_tls->info();
        m_lastActivityMs = m_clock->nowMs();
        if (m_outPos >= m_out.size() && m_writeNotifier->isEnabled())
            m_writeNotifier->setEnabled(false);
        return true;
    case Transport::Status::WouldBlock:
        if (m_tls->waitsToWrite())
            m_writeNotifier->setEnabled(true);
        return false;
    case Transport::Status::Closed:
    case Transport::Status::Failed:
        break;
    }
    recordTlsFailure(QStringLiteral("TLS handshake failed: %1").arg(m_transport->errorString()));
    finish();
    return false;
}

void Connection::recordTlsFailure(const QString &reason)
{
    qCDebug(lcHttp) << "TLS failure on connection" << m_peer.connectionId << reason;
    rejectWith(Request{}, {}, ReadError{400, reason, 0}, 0);
}

void Connection::onReadable()
{
    if (m_phase == Phase::Done)
        return;
    if (!m_transport && !chooseTransport())
        return;
    if (m_handshaking) {
        if (m_phase != Phase::Open) { // gave up on a client that never finished its handshake
            closeNow();
            return;
        }
        if (!continueHandshake())
            return;
    }
    const bool discard = m_phase != Phase::Open || m_stopParsing;
    qsizetype total = 0;
    bool eof = false;
    while (total < kReadPerWakeup) {
        const qsizetype old = m_in.size();
        if (discard) {
            m_in.resize(0);
            m_inPos = 0;
        }
        const qsizetype base = discard ? 0 : old;
        m_in.resize(base + kReadChunk);
        const Transport::Result r = m_transport->read(m_in.data() + base, kReadChunk);
        if (r.status == Transport::Status::Ok) {
            m_in.resize(base + r.bytes);
            total += r.bytes;
            if (r.bytes < kReadChunk && !m_transport->readsInRecords())
                break; // drained for now; poll tells us when more arrives
            continue;
        }
        m_in.resize(discard ? 0 : old);
        if (r.status == Transport::Status::Closed) {
            eof = true;
            break;
        }
        if (r.status == Transport::Status::WouldBlock) {
            m_readWaitsToWrite = m_transport->waitsToWrite();
            if (m_readWaitsToWrite)
                m_writeNotifier->setEnabled(true);
            break;
        }
        // Reset by the peer or similar: nothing more can be said to this client.
        qCDebug(lcHttp) << "read error on connection" << m_peer.connectionId << m_transport->errorString();
        if (m_phase == Phase::Open && !m_stopParsing && m_reader.inMessage())
            recordIncomplete(0, QStringLiteral("connection reset by the client before the request was complete"));
        else if (m_tls && m_phase == Phase::Open && m_bytesRead == 0 && m_requestsSeen == 0)
            recordSilentTlsClient();
        finish();
        return;
    }
    if (total >= kReadPerWakeup && m_transport->hasBuffered())
        queueRead(); // fairness cut the reading short; TLS holds more the socket will not announce
    m_bytesRead += total;
    if (total > 0)
        m_lastActivityMs = m_clock->nowMs();
    if (discard) {
        m_in.resize(0);
        if (eof) {
            m_peerEof = true;
            if (m_phase == Phase::Draining)
                finish();
            else
                setReading(false);
        }
        return;
    }
    processInput();
    if (eof)
        handlePeerEof();
}

void Connection::processInput()
{
    if (m_inProcess)
        return;
    m_inProcess = true;
    if (m_checkForTls && m_inPos < m_in.size()) {
        m_checkForTls = false;
        if (m_requestsSeen == 0 && !m_reader.inMessage() && looksLikeTlsHandshake(QByteArrayView(m_in).sliced(m_inPos)))
            rejectTlsOnPlainPort();
    }
    while (m_phase == Phase::Open && !m_stopParsing && m_inPos < m_in.size()) {
        if (qsizetype(m_answers.size()) >= m_limits.maxPipelined) {
            // Answers are owed in order; stop taking more work until some go out.
            m_pausedForPipelining = true;
            setReading(false);
            break;
        }
        const bool wasIdle = !m_reader.inMessage();
        const RequestReader::Step step = m_reader.feed(QByteArrayView(m_in).sliced(m_inPos));
        m_inPos += step.consumed;
        // The first head is due within the deadline of the connection's start (as nginx counts
        // client_header_timeout); a later one from its first byte, the wait before it being idle.
        if (wasIdle && m_reader.inMessage() && m_requestsSeen > 0)
            m_headStartMs = m_clock->nowMs();
        switch (step.event) {
        case RequestReader::Event::NeedMore:
            break;
        case RequestReader::Event::HeadComplete:
            if (m_plainOnTlsPort) {
                rejectPlainOnTlsPort(m_reader.takePartial());
                break;
            }
            // RFC 9110 §10.1.1: the client waits for 100 Continue before sending the body.
            enqueueReady(kContinue, false);
            flushAnswers();
            break;
        case RequestReader::Event::MessageComplete: {
            Request request = m_reader.takeRequest();
            if (m_plainOnTlsPort) {
                rejectPlainOnTlsPort(std::move(request));
                break;
            }
            Answer answer;
            answer.sequence = m_nextSequence++;
            answer.closeAfter = request.closesAfterAnswer();
            answer.headRequest = request.isHead();
            answer.http10KeepAlive = request.versionMinor() == 0 && request.keepAlive();
            m_answers.push_back(answer);
            m_stopParsing = answer.closeAfter;
            ++m_requestsSeen;
            m_handler->handleRequest(IncomingRequest{std::move(request), m_peer, QDateTime::currentMSecsSinceEpoch(),
                                                     Responder(this, answer.sequence)});
            break;
        }
        case RequestReader::Event::Failed:
            rejectCurrent(QByteArrayView(m_in).sliced(m_inPos));
            break;
        }
    }
    if (m_inPos >= m_in.size()) {
        m_in.resize(0);
        m_inPos = 0;
    } else if (m_inPos > 0 && !m_stopParsing) {
        m_in.remove(0, m_inPos);
        m_inPos = 0;
    }
    m_inProcess = false;
}

void Connection::handlePeerEof()
{
    m_peerEof = true;
    setReading(false);
    if (m_phase != Phase::Open)
        return;
    if (!m_stopParsing && m_reader.inMessage()) {
        // The client half-closed mid-request: it can still read our answer.
        recordIncomplete(400, QStringLiteral("connection closed by the client before the request was complete"));
        return;
    }
    if (m_tls && m_bytesRead == 0 && m_requestsSeen == 0)
        recordSilentTlsClient();
    if (m_pausedForPipelining)
        return; // the rest of the buffered requests are read as answers go out
    if (m_answers.empty())
        startClosing();
    else
        m_answers.back().closeAfter = true;
}

void Connection::rejectWith(Request partial, QByteArray raw, const ReadError &error, int answerStatus)
{
    RejectedRequest rejected;
    rejected.raw = std::move(raw);
    rejected.partial = std::move(partial);
    rejected.peer = m_peer;
    if (m_tls)
        rejected.peer.tlsInfo = m_tls->info(); // a failed handshake still knows the server name
    rejected.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    rejected.error = error;
    rejected.answerStatus = answerStatus;
    m_stopParsing = true;
    if (answerStatus != 0)
        enqueueReady(Response::error(answerStatus, error.reason).serialize(false, true), true);
    m_handler->handleRejected(std::move(rejected));
    if (answerStatus != 0)
        flushAnswers();
}

void Connection::recordIncomplete(int status, const QString &reason)
{
    const qint64 offset = m_reader.messageBytes();
    Request partial = m_reader.takePartial();
    QByteArray raw = partial.wireBytes(m_limits.maxHeadBytes);
    rejectWith(std::move(partial), std::move(raw), ReadError{status == 0 ? 400 : status, reason, offset}, status);
}

void Connection::recordSilentTlsClient()
{
    // Clients that check the certificate after the handshake (Qt's QSslSocket, many HTTP
    // libraries) leave this way when they do not trust it; those that check during it send an
    // alert, and the handshake fails with it.
    recordTlsFailure(QStringLiteral("the client closed the connection right after the TLS handshake without "
                                    "sending a request (%1); it may not trust Hookscope's certificate")
                         .arg(m_transport->errorString()));
}

void Connection::rejectTlsOnPlainPort()
{
    const QByteArrayView hello = QByteArrayView(m_in).sliced(m_inPos);
    QString reason = QStringLiteral("TLS handshake on the plain HTTP port: the client is speaking HTTPS here");
    reason += m_portTls.httpsPort
                  ? QStringLiteral("; send it to https on port %1, or use http:// in its URL").arg(m_portTls.httpsPort)
                  : QStringLiteral("; use http:// in its URL, or turn on HTTPS and send it to the https port");
    // An HTTP answer would mean nothing to a TLS client: the connection closes without one.
    rejectWith(Request{}, hello.first(qMin<qsizetype>(hello.size(), m_limits.maxHeadBytes)).toByteArray(),
               ReadError{400, reason, 0}, 0);
    m_inPos = m_in.size();
    startClosing();
}

void Connection::rejectPlainOnTlsPort(Request partial)
{
    QByteArray raw = partial.wireBytes(m_limits.maxHeadBytes);
    const QByteArrayView host = partial.headerValue("host");
    const QString where = host.isEmpty() ? QStringLiteral("https://HOST:%1/").arg(m_peer.localPort)
                                         : QStringLiteral("https://%1/").arg(QString::fromLatin1(host));
    const QString reason =
        QStringLiteral("plain HTTP sent to the HTTPS port: this port speaks HTTPS; send the request to %1 instead")
            .arg(where);
    rejectWith(std::move(partial), std::move(raw), ReadError{400, reason, 0}, 400);
}

void Connection::rejectCurrent(QByteArrayView unconsumed)
{
    const ReadError error = m_reader.error();
    Request partial = m_reader.takePartial();
    // Only what the record keeps: a 413 may have read 100 MiB, never to be copied again.
    QByteArray raw = partial.wireBytes(m_limits.maxHeadBytes);
    raw += unconsumed.first(qMin<qsizetype>(unconsumed.size(), m_limits.maxHeadBytes - raw.size()));
    qCDebug(lcHttp) << "rejected request on connection" << m_peer.connectionId << error.status << error.reason;
    rejectWith(std::move(partial), std::move(raw), error, error.status);
}

void Connection::enqueueReady(QByteArray bytes, bool closeAfter)
{
    Answer a;
    a.sequence = 0; // not addressable by a Responder
    a.bytes = std::move(bytes);
    a.ready = true;
    a.closeAfter = closeAfter;
    m_answers.push_back(std::move(a));
}

void Connection::deliver(quint64 sequence, const Response &response)
{
    if (m_phase != Phase::Open)
        return;
    for (Answer &a : m_answers) {
        if (a.sequence != sequence)
            continue;
        if (a.ready)
            return;
        a.bytes = response.serialize(a.headRequest, a.closeAfter, a.http10KeepAlive);
        a.ready = true;
        if (&a == &m_answers.front())
            flushAnswers();
        return;
    }
}

void Connection::flushAnswers()
{
    bool closing = false;
    while (!m_answers.empty() && m_answers.front().ready) {
        Answer &front = m_answers.front();
        if (m_out.isEmpty())
            m_out = std::move(front.bytes);
        else
            m_out += front.bytes;
        closing = front.closeAfter;
        m_answers.pop_front();
        if (closing) {
            m_answers.clear();
            m_phase = Phase::Closing;
            break;
        }
    }
    writeOut();
    if (m_phase != Phase::Open)
        return;
    if (m_pausedForPipelining && qsizetype(m_answers.size()) < m_limits.maxPipelined && !m_resumeQueued) {
        // Resume through a queued call: never re-enter the reader from inside an answer.
        m_resumeQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_resumeQueued = false;
                m_pausedForPipelining = false;
                processInput();
                if (m_phase == Phase::Open && !m_pausedForPipelining && !m_stopParsing) {
                    if (m_peerEof)
                        handlePeerEof();
                    else
                        setReading(m_outPos >= m_out.size());
                }
            },
            Qt::QueuedConnection);
    }
}

void Connection::writeOut()
{
    while (m_outPos < m_out.size()) {
        const Transport::Result r = m_transport->write(m_out.constData() + m_outPos, m_out.size() - m_outPos);
        if (r.status == Transport::Status::Ok && r.bytes > 0) {
            m_outPos += r.bytes;
            m_lastActivityMs = m_clock->nowMs();
            continue;
        }
        if (r.status == Transport::Status::WouldBlock) {
            m_writeNotifier->setEnabled(true);
            // A client that does not read its answers must not make us buffer without end.
            if (m_out.size() - m_outPos > kOutHighWater)
                setReading(false);
            return;
        }
        qCDebug(lcHttp) << "write error on connection" << m_peer.connectionId << m_transport->errorString();
        finish();
        return;
    }
    m_out.resize(0);
    m_outPos = 0;
    if (m_writeNotifier->isEnabled() && !m_readWaitsToWrite)
        m_writeNotifier->setEnabled(false);
    if (m_phase == Phase::Closing) {
        // RFC 9112 §9.6: close in stages so the answer is not destroyed by a reset.
        if (m_transport)
            m_transport->shutdownWrite();
        else
            ::shutdown(m_fd, SHUT_WR);
        m_phase = Phase::Draining;
        m_drainStartMs = m_clock->nowMs();
        if (m_peerEof)
            finish();
        else
            setReading(true);
    } else if (m_phase == Phase::Open && !m_pausedForPipelining && !m_peerEof) {
        setReading(true);
    }
}

void Connection::onWritable()
{
    if (m_handshaking || m_readWaitsToWrite) {
        // TLS needed to send before it could read on (a handshake message, or its reply to one).
        m_readWaitsToWrite = false;
        if (m_outPos >= m_out.size())
            m_writeNotifier->setEnabled(false);
        onReadable();
        if (m_phase == Phase::Done || m_outPos >= m_out.size())
            return;
    }
    writeOut();
}

void Connection::startClosing()
{
    if (m_phase != Phase::Open)
        return;
    m_answers.clear();
    m_phase = Phase::Closing;
    writeOut();
}

void Connection::checkTimeouts(qint64 now)
{
    switch (m_phase) {
    case Phase::Done:
        return;
    case Phase::Draining:
        if (now - m_drainStartMs > kDrainMs)
            finish();
        return;
    case Phase::Closing:
        if (now - m_lastActivityMs > m_limits.idleTimeoutMs)
            finish(); // the client stopped reading its answer
        return;
    case Phase::Open:
        break;
    }
    if (overrun(now) == Overrun::None)
        return;
    // Bytes that came in this same turn of the event loop count: they may finish the head, or
    // show that the client is still there.
    takeInPending();
    if (m_phase != Phase::Open)
        return;
    switch (overrun(now)) {
    case Overrun::None:
        return;
    case Overrun::StalledBody:
        recordIncomplete(408, QStringLiteral("request body stalled for %1 ms").arg(m_limits.idleTimeoutMs));
        return;
    case Overrun::Head:
        recordIncomplete(408, QStringLiteral("request head not complete within %1 ms").arg(m_limits.headTimeoutMs));
        return;
    case Overrun::Silent:    // connected and never said anything: nothing to record
        if (m_handshaking) { // but a TLS handshake begun and never finished is a failed one
            recordTlsFailure(QStringLiteral("TLS handshake not complete within %1 ms").arg(m_limits.headTimeoutMs));
        }
        startClosing();
        return;
    case Overrun::Idle:
        startClosing();
        return;
    }
}

Connection::Overrun Connection::overrun(qint64 now) const
{
    if (!m_answers.empty() || m_stopParsing)
        return Overrun::None; // we owe an answer: the wait is ours, not the client's
    if (m_reader.inBody())
        return now - m_lastActivityMs > m_limits.idleTimeoutMs ? Overrun::StalledBody : Overrun::None;
    if (m_reader.inMessage() || m_requestsSeen == 0) {
        if (now - m_headStartMs <= m_limits.headTimeoutMs)
            return Overrun::None;
        return m_reader.inMessage() ? Overrun::Head : Overrun::Silent;
    }
    return now - m_lastActivityMs > m_limits.idleTimeoutMs ? Overrun::Idle : Overrun::None;
}

void Connection::takeInPending()
{
    if (m_phase == Phase::Open && m_readNotifier->isEnabled())
        onReadable();
}

void Connection::abort()
{
    finish();
}

Connection::Standing Connection::standing() const
{
    const bool owes = !m_answers.empty() || m_outPos < m_out.size() || m_pausedForPipelining || m_inPos < m_in.size();
    if (m_phase != Phase::Open || m_stopParsing || m_peerEof || owes || m_reader.inBody())
        return Standing::Busy;
    if (m_reader.inMessage() || m_requestsSeen == 0)
        return Standing::AwaitingHead;
    return Standing::IdleKeepAlive;
}

qint64 Connection::standingSinceMs() const
{
    return standing() == Standing::IdleKeepAlive ? m_lastActivityMs : m_headStartMs;
}

bool Connection::evict()
{
    takeInPending(); // a request that is whole by now is served, not thrown away
    if (m_phase == Phase::Done)
        return true; // the client had gone: its room is free
    const Standing now = standing();
    if (now == Standing::Busy)
        return false;
    if (m_handshaking) {
        recordTlsFailure(QStringLiteral("TLS handshake not complete after %1 ms; closed to make room for a new "
                                        "connection (limit %2 connections)")
                             .arg(m_clock->nowMs() - m_headStartMs)
                             .arg(m_limits.maxConnections));
    } else if (now == Standing::AwaitingHead && m_reader.inMessage()) {
        recordIncomplete(408, QStringLiteral("request head not complete after %1 ms; closed to make room for a new "
                                             "connection (limit %2 connections)")
                                  .arg(m_clock->nowMs() - m_headStartMs)
                                  .arg(m_limits.maxConnections));
    }
    closeNow();
    return true;
}

void Connection::closeNow()
{
    // No lingering close: the room is wanted now. What the client sent since is read and dropped
    // first, so that closing does not reset the connection and destroy the answer on its way.
    if (m_fd >= 0) {
        char sink[4096];
        for (int i = 0; i < 16 && ::read(m_fd, sink, sizeof sink) > 0; ++i) {
        }
    }
    finish();
}

void Connection::finish()
{
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Done;
    m_readNotifier->setEnabled(false);
    m_writeNotifier->setEnabled(false);
    ::close(m_fd);
    m_fd = -1;
    m_answers.clear();
    Q_EMIT finished();
}

} // namespace Http
