#pragma once

#include "http/clientconnection.h"
#include "http/response.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QUrl>

#include <atomic>
#include <memory>
#include <variant>

class QThread;

namespace Delivery {

/// Which failures are tried again, how often and how long to wait.
struct RetryPolicy
{
    int maxAttempts = 1;           ///< attempts per destination in all (1: no retry)
    int initialDelayMs = 1'000;    ///< wait before the first retry; doubles each time
    int maxDelayMs = 60'000;       ///< a wait never exceeds this (Retry-After included)
    double jitter = 0.2;           ///< each wait is drawn from [d·(1-jitter), d·(1+jitter)]
    bool onConnectionError = true; ///< refused, reset, closed early, TLS... (ConnectFailed, ConnectionClosed)
    bool onTimeout = true;         ///< ConnectTimeout, Timeout
    bool on5xx = true;
    bool on429 = true;
    bool on408 = true;
    bool honourRetryAfter = true; ///< a 429/503 Retry-After (seconds or HTTP date) sets the wait

    bool retries(const Http::ExchangeResult &result) const;
    /// The wait before attempt `nextAttempt` (2 = first retry), Retry-After considered.
    qint64 delayMs(int nextAttempt, const Http::ExchangeResult &previous, qint64 nowMs) const;
};

/// One message as composed: sent to each enabled destination.
struct Message
{
    QString name;
    QByteArray method = "POST";
    QList<QUrl> destinations;
    /// The request-target exactly as it goes on the wire, for every destination (a captured
    /// request's "/a/%2e%2e/b?x={v}", "*", an absolute form...); empty: each URL's path and query.
    /// QUrl normalises what it holds, so a request opened from a capture keeps its target here.
    QByteArray rawTarget;
    /// As composed, in order, duplicates kept; `{{name}}` placeholders allowed in names and values.
    /// The defaults (Host, Content-Length, User-Agent) are added per destination unless set here
    /// (Http::OutgoingRequest::withDefaults); set one to an empty value to leave it out.
    Http::HeaderList headers;
    QByteArray body;  ///< placeholders allowed
    QString bodyFile; ///< when set, the body is this file, streamed unchanged (no placeholders)
    bool chunked = false;
    QHash<QString, QByteArray> variables; ///< user-defined placeholders
    /// false: headers and body go exactly as given, `{{...}}` included (a replayed or forwarded
    /// capture is bytes someone else sent, not a template).
    bool resolvePlaceholders = true;
    QString signScheme; ///< empty: unsigned
    QByteArray signSecret;
    RetryPolicy retry;
    Http::ClientOptions client;
    QByteArray composition; ///< stored with the message for reopening (Session::OutboundMessage)
    /// What the message was made from: "send" (composed), "replay" (a captured request sent
    /// again)...; stored as the outbound message's kind. Empty: "send".
    QString kind;
    qint64 sourceId = 0; ///< the captured request a replay was made from (its session id); 0: none
};

/// One attempt's outcome, as the panel and the command line show it.
struct AttemptReport
{
    qint64 messageId = 0;  ///< Sender's number for the message (send()'s return)
    QByteArray messageUid; ///< the UUID stored in the session
    int destination = 0;   ///< index into Message::destinations
    int attempt = 1;
    bool final = true;     ///< no further attempt follows for this destination
    qint64 retryInMs = -1; ///< not final: the wait before the next attempt
    Http::ExchangeResult exchange;
    QByteArray requestBody;            ///< the resolved body sent (empty for a file body)
    Http::HeaderList signatureHeaders; ///< the headers signing added to this attempt
};

/// A message's resolved form, made once when it is sent: what every attempt carries.
struct Prepared
{
    qint64 messageId = 0;
    QByteArray messageUid;
    qint64 createdAtMs = 0; ///< wall clock when it was sent
    Message message;        ///< as composed (what a session stores and History reopens)
    QByteArray method;
    Http::HeaderList headers; ///< placeholders resolved, no defaults, no signature
    QByteArray body;          ///< placeholders resolved (empty for a file body)
    QStringList unresolved;   ///< placeholders not known, left as written
    QString error;            ///< why it cannot be sent (no destination, unreadable file, bad secret...)
};

/**
 * The delivery engine: sends messages to their destinations in parallel, retrying as each
 * message's policy says, on a thread of its own so a long run never competes with the window.
 * Connections are pooled per origin and reused (keep-alive), at most maxConnections at once in
 * all; attempts beyond that wait their turn in order.
 *
 * Per message: placeholders are resolved once (one {{uuid}} for every destination and attempt);
 * per attempt: the signature is made fresh (new timestamp) with the message's stable id, as
 * providers do when they retry.
 *
 * Call send()/cancel() from any thread; signals arrive queued on the receiver's thread.
 */
class Sender : public QObject
{
    Q_OBJECT

public:
    explicit Sender(QObject *parent = nullptr);
    ~Sender() override;

    void setMaxConnections(int connections);
    /// Queues the message; returns its number, or 0 when it cannot be sent (with `error` saying
    /// why: no destination, a URL that is not http(s), an unknown scheme or missing secret).
    /// Problems found later (an unreadable body file) come as Prepared::error.
    qint64 send(const Message &message, QString *error = nullptr);
    /// Stops the message's attempts now (running ones end as Cancelled, waiting ones are dropped).
    void cancel(qint64 messageId);
    void cancelAll();
    /// Messages with attempts running or waiting.
    int activeMessages() const;

Q_SIGNALS:
    /// The message was resolved and will be sent (before its first attempt report).
    void prepared(const Delivery::Prepared &prepared);
    void attemptFinished(const Delivery::AttemptReport &report);
    /// Every destination of the message has its final attempt.
    void messageFinished(qint64 messageId);

private:
    class Worker;
    struct Mailbox;
    /// One thing the delivery thread tells: a message prepared, an attempt, a message finished.
    using Event = std::variant<Prepared, AttemptReport, qint64>;
    /// On this object's thread: emits the events the worker posted since the last call, in order.
    void deliver();

    QThread *m_thread;
    Worker *m_worker;
    std::shared_ptr<Mailbox> m_mailbox;
    std::atomic<int> m_active{0};
};

} // namespace Delivery

Q_DECLARE_METATYPE(Delivery::Prepared)
Q_DECLARE_METATYPE(Delivery::AttemptReport)
