#include "forwarder.h"

#include "delivery/replay.h"

namespace Capture {

Forwarder::Forwarder(QObject *parent)
    : QObject(parent)
    , m_sender(std::make_unique<Delivery::Sender>())
{
    qRegisterMetaType<Capture::ForwardResult>();
    connect(m_sender.get(), &Delivery::Sender::attemptFinished, this, &Forwarder::onAttempt);
    connect(m_sender.get(), &Delivery::Sender::messageFinished, this, &Forwarder::onMessageFinished);
    m_clock.start();
}

Forwarder::~Forwarder()
{
    QObject::disconnect(m_sender.get(), nullptr, this, nullptr);
}

void Forwarder::setRules(const ForwardRules &rules)
{
    m_rules = rules;
}

Delivery::Message Forwarder::messageFor(const Http::Request &request, const ForwardRule &rule, const QUrl &destination,
                                        qint64 requestId)
{
    Delivery::ReplayOptions options;
    options.destinations = {destination};
    options.sourceId = requestId;
    options.describeChanges = false;
    Delivery::Message m = Delivery::replayOf(request, options).message;
    m.name = rule.name.isEmpty() ? QStringLiteral("forward") : rule.name;
    m.rawTarget = rule.targetFor(destination, request.target());
    m.retry = rule.retry;
    m.kind = QStringLiteral("forward");
    return m;
}

const ForwardRule *Forwarder::ruleFor(const ForwardRules &rules, const Session::CapturedRequest &record)
{
    if (record.rejected || !record.saveError.isEmpty() || !record.request.hasRequestLine())
        return nullptr;
    const int index = rules.match(record.request.method(), record.request.target());
    return index < 0 ? nullptr : &rules.rules.at(index);
}

Http::Response Forwarder::passedOn(const Http::ReceivedResponse &answer)
{
    // What the destination's Connection fields name is about its hop too.
    const QList<QByteArray> named = Delivery::connectionTokens(answer);
    Http::Response out;
    out.status = answer.status();
    out.reason = answer.reason().toByteArray();
    for (qsizetype i = 0; i < answer.headerCount(); ++i) {
        const Http::Field f = answer.header(i);
        if (!Delivery::isHopByHop(f.name, named) && !Http::equalsIgnoreCase(f.name, "Content-Length"))
            out.headers.append(qMakePair(f.name.toByteArray(), f.value.toByteArray()));
    }
    out.body = answer.body();
    return out;
}

QList<qint64> Forwarder::forward(const Session::CapturedBatch &batch)
{
    QList<qint64> forwarded;
    for (const Session::CapturedRequestPtr &record : batch) {
        const ForwardRule *found = ruleFor(m_rules, *record);
        if (!found)
            continue;
        const ForwardRule &rule = *found;
        const Http::Request &r = record->request;
        Request &entry = m_requests[record->id];
        for (const QUrl &destination : rule.destinations) {
            ForwardResult result;
            const QByteArray target = rule.targetFor(destination, r.target());
            result.url = QUrl::fromEncoded(
                destination.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
                    .toEncoded() +
                target);
            QString error;
            qint64 id = 0;
            // A dead destination under a flood must not make forwards pile up without end.
            if (m_sent.size() < m_maxWaiting)
                id = m_sender->send(messageFor(r, rule, destination, record->id), &error);
            else
                error = tr("not sent: %1 forwards were already waiting for their destinations").arg(m_maxWaiting);
            if (id == 0) {
                result.error = error;
                if (entry.results.isEmpty())
                    Q_EMIT firstAnswered(record->id, result, {});
                entry.results.append(result);
                continue;
            }
            m_sent.insert(id, {record->id, int(entry.results.size()), m_clock.elapsed()});
            entry.results.append(result);
            ++entry.open;
        }
        forwarded.append(record->id);
        if (entry.open == 0) {
            const QList<ForwardResult> results = m_requests.take(record->id).results;
            Q_EMIT this->forwarded(record->id, results);
        }
    }
    return forwarded;
}

void Forwarder::onAttempt(const Delivery::AttemptReport &report)
{
    const auto sent = m_sent.constFind(report.messageId);
    if (sent == m_sent.constEnd() || !report.final)
        return;
    ForwardResult &result = m_requests[sent->requestId].results[sent->slot];
    const Http::ExchangeResult &e = report.exchange;
    result.attempts = report.attempt;
    result.status = e.hasResponse() ? e.response.status() : 0;
    result.durationMs = m_clock.elapsed() - sent->sentAtMs;
    result.error = e.hasResponse() ? QString() : e.error;
    if (sent->slot == 0)
        Q_EMIT firstAnswered(sent->requestId, result, e.hasResponse() ? passedOn(e.response) : Http::Response());
}

void Forwarder::onMessageFinished(qint64 messageId)
{
    const auto sent = m_sent.find(messageId);
    if (sent == m_sent.end())
        return;
    const qint64 requestId = sent->requestId;
    m_sent.erase(sent);
    auto entry = m_requests.find(requestId);
    if (entry == m_requests.end() || --entry->open > 0)
        return;
    const QList<ForwardResult> results = entry->results;
    m_requests.erase(entry);
    Q_EMIT forwarded(requestId, results);
}

} // namespace Capture
