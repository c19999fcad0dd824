#include "forwardstage.h"
#include "outboundrecords.h"

#include "http/connection.h"
#include "session/writerhub.h"

#include <QDateTime>
#include <QTimer>

namespace Capture {

ForwardStage::ForwardStage(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Session::LateAnswer>();
}

ForwardStage::~ForwardStage() = default;

void ForwardStage::setOutbound(std::shared_ptr<Session::WriterHub> outbound)
{
    m_outbound = std::move(outbound);
}

void ForwardStage::setRules(const ForwardRules &rules)
{
    if (rules.isEmpty()) {
        // Forwards on their way finish (and are stored) on the Sender's thread; their results
        // are no longer awaited, and answers held for them go out as configured.
        for (auto it = m_held.begin(); it != m_held.end();) {
            const qint64 id = it.key();
            Held held = *it;
            it = m_held.erase(it);
            answer(id, held, Session::LateAnswer::Source::Failed, held.configured,
                   tr("forwarding was switched off before the destination answered"));
        }
        m_forwarder.reset();
        return;
    }
    if (!m_forwarder) {
        m_forwarder = std::make_unique<Forwarder>();
        connect(m_forwarder.get(), &Forwarder::forwarded, this, &ForwardStage::forwarded);
        connect(m_forwarder.get(), &Forwarder::firstAnswered, this, &ForwardStage::onFirstAnswered);
        storeSentBy(m_forwarder->sender(), [this](const Session::OutboundBatch &records) {
            if (m_outbound)
                m_outbound->submit(records);
        });
    }
    m_forwarder->setRules(rules);
}

bool ForwardStage::holdsAnswer(const Session::CapturedRequest &record) const
{
    if (!m_forwarder)
        return false;
    const ForwardRule *rule = Forwarder::ruleFor(m_forwarder->rules(), record);
    return rule && rule->answerFromForward;
}

void ForwardStage::hold(qint64 requestId, const Http::Responder &responder, const Http::Response &configured,
                        int delayMs)
{
    Held held;
    held.responder = responder;
    held.configured = configured;
    held.delayMs = delayMs;
    held.timeoutMs = 0;
    m_held.insert(requestId, held);
}

bool ForwardStage::release(qint64 requestId, const Http::Response &response)
{
    const auto it = m_held.constFind(requestId);
    if (it == m_held.constEnd())
        return false;
    it->responder.respond(response);
    m_held.erase(it);
    return true;
}

void ForwardStage::forward(const Session::CapturedBatch &batch)
{
    if (!m_forwarder)
        return;
    const QList<qint64> sent = m_forwarder->forward(batch); // may answer some at once
    if (m_held.isEmpty())
        return;
    const qint64 now = Http::Connection::monotonicMs();
    for (const Session::CapturedRequestPtr &record : batch) {
        const auto it = m_held.find(record->id);
        if (it == m_held.end() || it->forwardedAtMs >= 0)
            continue;
        const ForwardRule *rule = Forwarder::ruleFor(m_forwarder->rules(), *record);
        if (!sent.contains(record->id) || !rule) {
            Held held = *it;
            m_held.erase(it);
            answer(record->id, held, Session::LateAnswer::Source::Failed, held.configured,
                   tr("the request was not forwarded"));
            continue;
        }
        it->forwardedAtMs = now;
        it->timeoutMs = qMax(0, rule->answerTimeoutMs);
        const qint64 id = record->id;
        QTimer::singleShot(it->timeoutMs, Qt::PreciseTimer, this, [this, id] { onTimeout(id); });
    }
}

void ForwardStage::onFirstAnswered(qint64 requestId, const ForwardResult &result, const Http::Response &answer)
{
    const auto it = m_held.find(requestId);
    if (it == m_held.end())
        return; // not held, or its timeout came first
    Held held = *it;
    m_held.erase(it);
    const QString url = result.url.toString(QUrl::RemoveUserInfo);
    if (result.status > 0) {
        this->answer(requestId, held, Session::LateAnswer::Source::Forward, answer,
                     tr("%1 answered %2 in %3 ms").arg(url).arg(result.status).arg(result.durationMs));
    } else {
        this->answer(requestId, held, Session::LateAnswer::Source::Failed, held.configured,
                     tr("%1 did not answer: %2").arg(url, result.error));
    }
}

void ForwardStage::onTimeout(qint64 requestId)
{
    const auto it = m_held.find(requestId);
    if (it == m_held.end() || it->forwardedAtMs < 0)
        return;
    Held held = *it;
    m_held.erase(it);
    answer(requestId, held, Session::LateAnswer::Source::Timeout, held.configured,
           tr("no answer from the destination within %1 ms").arg(held.timeoutMs));
}

void ForwardStage::answer(qint64 requestId, Held held, Session::LateAnswer::Source source,
                          const Http::Response &response, const QString &note)
{
    // The configured answer keeps its configured delay; a downstream answer goes as it came.
    const int delayMs = source == Session::LateAnswer::Source::Forward ? 0 : held.delayMs;
    if (delayMs > 0)
        QTimer::singleShot(delayMs, this, [responder = held.responder, response] { responder.respond(response); });
    else
        held.responder.respond(response);
    Session::LateAnswer late;
    late.requestId = requestId;
    late.answeredAtMs = QDateTime::currentMSecsSinceEpoch() + delayMs;
    late.source = source;
    late.response = response;
    late.note = note;
    if (m_outbound) {
        Session::OutboundBatch batch;
        batch.answers = {late};
        m_outbound->submit(batch);
    }
    Q_EMIT answeredLate(late);
}

} // namespace Capture
