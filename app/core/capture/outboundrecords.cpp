#include "outboundrecords.h"

#include "http/limits.h"

namespace Capture {

Session::OutboundMessagePtr outboundMessage(const Delivery::Prepared &prepared)
{
    auto out = std::make_shared<Session::OutboundMessage>();
    const Delivery::Message &m = prepared.message;
    out->uid = prepared.messageUid;
    out->createdAtMs = prepared.createdAtMs;
    out->name = m.name;
    out->method = m.method;
    for (const QUrl &url : m.destinations)
        out->destinations << url.toString(QUrl::FullyEncoded);
    out->headers = m.headers;
    out->body = m.body;
    out->bodyFile = m.bodyFile;
    out->signScheme = m.signScheme;
    out->composition = m.composition;
    out->kind = m.kind.isEmpty() ? QStringLiteral("send") : m.kind;
    out->sourceId = m.sourceId;
    return out;
}

Session::OutboundAttempt outboundAttempt(const Delivery::AttemptReport &report, qint64 bodyLimit)
{
    const Http::ExchangeResult &x = report.exchange;
    Session::OutboundAttempt a;
    a.messageUid = report.messageUid;
    a.destination = report.destination;
    a.url = x.url.toString(QUrl::FullyEncoded);
    a.attempt = report.attempt;
    a.final = report.final;
    a.startedAtMs = x.startedAtMs;
    a.durationMs = x.durationMs;
    a.peer = x.peer;
    a.requestHead = x.requestHead;
    a.requestBodyBytes = x.bodyBytesSent;
    a.requestBody = report.requestBody.left(bodyLimit);
    a.status = x.response.status();
    a.outcome = Http::ExchangeResult::outcomeName(x.outcome);
    a.error = x.error;
    a.responseHead = x.response.rawHead();
    a.responseTruncated = x.response.body().size() > bodyLimit;
    a.responseBody = x.response.body().left(bodyLimit);
    a.retryInMs = report.retryInMs;
    return a;
}

void storeSentBy(Delivery::Sender *sender, std::function<void(const Session::OutboundBatch &)> submit)
{
    QObject::connect(sender, &Delivery::Sender::prepared, sender, [submit](const Delivery::Prepared &p) {
        if (!p.error.isEmpty())
            return;
        Session::OutboundBatch batch;
        batch.messages = {outboundMessage(p)};
        submit(batch);
    });
    QObject::connect(sender, &Delivery::Sender::attemptFinished, sender, [submit](const Delivery::AttemptReport &r) {
        Session::OutboundBatch batch;
        batch.attempts = {outboundAttempt(r, Http::Limits().maxBodyBytes)};
        submit(batch);
    });
}

} // namespace Capture
