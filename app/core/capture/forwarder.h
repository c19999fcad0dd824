#pragma once

#include "forwardrules.h"
#include "session/capturedrequest.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <memory>

namespace Capture {

/// What one destination of a forwarded request answered (`listen --json`'s `forwards`).
struct ForwardResult
{
    QUrl url;       ///< the destination, with the request-target it was sent
    int status = 0; ///< 0: no answer
    int attempts = 0;
    qint64 durationMs = 0; ///< from handing it over to the final answer, waits included
    QString error;         ///< why there is no (2xx) answer; empty when one came
};

/**
 * Forwards captured requests as the forwarding rules say (issue 11, Forward): the first rule that
 * matches sends the request to each of its destinations through a Delivery::Sender of its own,
 * with the rule's retry policy. What goes out is what came in — method, request-target (rewritten
 * as the rule says), header names, order and duplicates, body bytes, placeholders untouched —
 * except the hop-by-hop headers (Connection and what it names, Keep-Alive, Transfer-Encoding, TE,
 * Upgrade, Proxy-*), and Host and Content-Length, which are made for the destination.
 *
 * Give it requests once they are in the session (CaptureEngine::captured comes after the commit).
 * A slow or dead destination delays only its own forwards: capture and answers go on.
 */
class Forwarder : public QObject
{
    Q_OBJECT

public:
    /// Forwards sent and not finished, at most; beyond that a request is not forwarded (its result
    /// says so), so a dead destination under a flood costs bounded memory.
    static constexpr int kMaxWaiting = 20000;

    explicit Forwarder(QObject *parent = nullptr);
    ~Forwarder() override;

    void setRules(const ForwardRules &rules);
    void setMaxWaiting(int forwards) { m_maxWaiting = forwards; }
    const ForwardRules &rules() const { return m_rules; }
    /// The message that forwards `request` (captured as `requestId`) to `destination` under
    /// `rule`: its replay (Delivery::replayOf) with the rule's request-target and retry policy.
    static Delivery::Message messageFor(const Http::Request &request, const ForwardRule &rule, const QUrl &destination,
                                        qint64 requestId = 0);

    /// The rule that forwards `record`, or null: rejected requests, and those that could not be
    /// saved, are not forwarded.
    static const ForwardRule *ruleFor(const ForwardRules &rules, const Session::CapturedRequest &record);
    /// The downstream answer made fit to pass on to the original sender: status, reason, headers
    /// in order without the hop-by-hop ones (the wire adds Content-Length), body de-chunked.
    static Http::Response passedOn(const Http::ReceivedResponse &answer);

    /// Forwards the accepted requests of `batch` a rule matches; returns their ids (each gets its
    /// forwarded() later). Rejected requests are not forwarded.
    QList<qint64> forward(const Session::CapturedBatch &batch);
    /// Requests whose forwards are not finished.
    int pending() const { return int(m_requests.size()); }
    /// Where the forwards go out: connect to its signals to store them.
    Delivery::Sender *sender() const { return m_sender.get(); }

Q_SIGNALS:
    /// Every destination of request `requestId` has its final answer, in the rule's order.
    void forwarded(qint64 requestId, const QList<Capture::ForwardResult> &results);
    /// The first destination of request `requestId` has its final answer (the others may still
    /// be on their way): `answer` is passedOn() of it when `result.status` is not 0. It may come
    /// from within forward(), when the destination cannot be sent to at all.
    void firstAnswered(qint64 requestId, const Capture::ForwardResult &result, const Http::Response &answer);

private:
    struct Request
    {
        QList<ForwardResult> results;
        int open = 0;
    };
    struct Sent
    {
        qint64 requestId;
        int slot;        // into the request's results
        qint64 sentAtMs; // on m_clock
    };
    void onAttempt(const Delivery::AttemptReport &report);
    void onMessageFinished(qint64 messageId);

    ForwardRules m_rules;
    std::unique_ptr<Delivery::Sender> m_sender;
    QHash<qint64, Request> m_requests; // by captured request id
    QHash<qint64, Sent> m_sent;        // by Sender message id
    QElapsedTimer m_clock;
    int m_maxWaiting = kMaxWaiting;
};

} // namespace Capture

Q_DECLARE_METATYPE(Capture::ForwardResult)
