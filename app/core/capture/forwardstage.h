#pragma once

#include "forwarder.h"
#include "http/requesthandler.h"
#include "session/lateanswer.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace Session {
class WriterHub;
}

namespace Capture {

/**
 * Forwarding as part of capture (issue 11, Forward), on the capture thread: the capture service
 * hands it every batch once the batch is in the session, and it forwards what the rules say
 * through a Forwarder (whose Sender runs on a thread of its own), storing every forward in the
 * session as a sent message of kind "forward" linked to its request.
 *
 * A rule may answer the original sender with its first destination's answer: such a request's
 * answer is held here instead of going out when the request is logged. It goes when that
 * destination answers (its answer, hop-by-hop fields dropped), when it fails (the configured
 * answer), or when the rule's timeout passes first (the configured answer); which one went, and
 * why, is stored as the request's late answer (Session::LateAnswer), so the captured record stays
 * as it was logged. Nothing else waits: a slow destination delays only the answers that chose to
 * wait for it.
 */
class ForwardStage : public QObject
{
    Q_OBJECT

public:
    explicit ForwardStage(QObject *parent = nullptr);
    ~ForwardStage() override;

    /// From the next request on. Held answers keep the rule they were held under.
    void setRules(const ForwardRules &rules);
    /// Where the forwards and late answers are stored (the engine's hub; null: nowhere).
    void setOutbound(std::shared_ptr<Session::WriterHub> outbound);

    /// Whether request `record`'s answer waits for a downstream answer: then it is held until
    /// forward() sends the request on and its first destination answers, or the timeout passes.
    bool holdsAnswer(const Session::CapturedRequest &record) const;
    void hold(qint64 requestId, const Http::Responder &responder, const Http::Response &configured, int delayMs);
    /// The request could not be saved: its held answer goes now, as `response`, and it is not
    /// forwarded. False when no answer was held for it.
    bool release(qint64 requestId, const Http::Response &response);

    /// Forwards what the rules say of `batch` (in the session by now); answers held for records
    /// that are not forwarded after all go out at once.
    void forward(const Session::CapturedBatch &batch);

Q_SIGNALS:
    void forwarded(qint64 requestId, const QList<Capture::ForwardResult> &results);
    /// A held answer went out (it is being stored meanwhile).
    void answeredLate(const Session::LateAnswer &answer);

private:
    struct Held
    {
        Http::Responder responder;
        Http::Response configured;
        int delayMs = 0;
        int timeoutMs = 0;
        qint64 forwardedAtMs = -1; ///< on Connection::monotonicMs(); -1 until forward() sends it
    };
    void onFirstAnswered(qint64 requestId, const ForwardResult &result, const Http::Response &answer);
    void onTimeout(qint64 requestId);
    void answer(qint64 requestId, Held held, Session::LateAnswer::Source source, const Http::Response &response,
                const QString &note);

    std::unique_ptr<Forwarder> m_forwarder; // made when there are rules
    std::shared_ptr<Session::WriterHub> m_outbound;
    QHash<qint64, Held> m_held; // by request id
};

} // namespace Capture
