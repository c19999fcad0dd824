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
                       QObject *parent)
    : QObject(parent)
    , m_fd(fd)
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
}

Connection::~Connection()
{
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
}

void Connection::onReadable()
{
    if (m_phase == Phase::Done)
        return;
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
        const ssize_t n = ::read(m_fd, m_in.data() + base, kReadChunk);
        if (n > 0) {
            m_in.resize(base + n);
            total += n;
            if (n < kReadChunk)
                break; // drained for now; poll tells us when more arrives
            continue;
        }
        m_in.resize(discard ? 0 : old);
        if (n == 0) {
            eof = true;
            break;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            break;
        // Reset by the peer or similar: nothing more can be said to this client.
        qCDebug(lcHttp) << "read error on connection" << m_peer.connectionId << strerror(errno);
        if (m_phase == Phase::Open && !m_stopParsing && m_reader.inMessage())
            recordIncomplete(0, QStringLiteral("connection reset by the client before the request was complete"));
        finish();
        return;
    }
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
            // RFC 9110 §10.1.1: the client waits for 100 Continue before sending the body.
            enqueueReady(kContinue, false);
            flushAnswers();
            break;
        case RequestReader::Event::MessageComplete: {
            Request request = m_reader.takeRequest();
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
    if (m_pausedForPipelining)
        return; // the rest of the buffered requests are read as answers go out
    if (m_answers.empty())
        startClosing();
    else
        m_answers.back().closeAfter = true;
}

void Connection::recordIncomplete(int status, const QString &reason)
{
    const qint64 offset = m_reader.messageBytes();
    Request partial = m_reader.takePartial();
    RejectedRequest rejected;
    rejected.raw = partial.wireBytes(m_limits.maxHeadBytes);
    rejected.partial = std::move(partial);
    rejected.peer = m_peer;
    rejected.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    rejected.error = ReadError{status == 0 ? 400 : status, reason, offset};
    rejected.answerStatus = status;
    m_stopParsing = true;
    if (status != 0)
        enqueueReady(Response::error(status, reason).serialize(false, true), true);
    m_handler->handleRejected(std::move(rejected));
    if (status != 0)
        flushAnswers();
}

void Connection::rejectCurrent(QByteArrayView unconsumed)
{
    const ReadError error = m_reader.error();
    Request partial = m_reader.takePartial();
    RejectedRequest rejected;
    // Only what the record keeps: a 413 may have read 100 MiB, never to be copied again.
    QByteArray raw = partial.wireBytes(m_limits.maxHeadBytes);
    raw += unconsumed.first(qMin<qsizetype>(unconsumed.size(), m_limits.maxHeadBytes - raw.size()));
    rejected.raw = std::move(raw);
    rejected.partial = std::move(partial);
    rejected.peer = m_peer;
    rejected.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    rejected.error = error;
    rejected.answerStatus = error.status;
    m_stopParsing = true;
    qCDebug(lcHttp) << "rejected request on connection" << m_peer.connectionId << error.status << error.reason;
    enqueueReady(Response::error(error.status, error.reason).serialize(false, true), true);
    m_handler->handleRejected(std::move(rejected));
    flushAnswers();
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
        const ssize_t n = ::send(m_fd, m_out.constData() + m_outPos, size_t(m_out.size() - m_outPos), MSG_NOSIGNAL);
        if (n > 0) {
            m_outPos += n;
            m_lastActivityMs = m_clock->nowMs();
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_writeNotifier->setEnabled(true);
            // A client that does not read its answers must not make us buffer without end.
            if (m_out.size() - m_outPos > kOutHighWater)
                setReading(false);
            return;
        }
        qCDebug(lcHttp) << "write error on connection" << m_peer.connectionId << strerror(errno);
        finish();
        return;
    }
    m_out.resize(0);
    m_outPos = 0;
    if (m_writeNotifier->isEnabled())
        m_writeNotifier->setEnabled(false);
    if (m_phase == Phase::Closing) {
        // RFC 9112 §9.6: close in stages so the answer is not destroyed by a reset.
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
    case Overrun::Silent: // connected and never said anything: nothing to record
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
    if (now == Standing::AwaitingHead && m_reader.inMessage()) {
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
