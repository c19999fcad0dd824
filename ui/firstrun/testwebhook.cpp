#include "testwebhook.h"

#include "emptystate.h"

#include "capture/captureengine.h"
#include "delivery/sender.h"
#include "delivery/template.h"
#include "signing/signing.h"

namespace Gui {

TestWebhook::TestWebhook(Capture::CaptureEngine *engine, EmptyState *empty, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
    connect(empty, &EmptyState::testWebhookRequested, this, &TestWebhook::send);
}

bool TestWebhook::compose(const QUrl &base, Delivery::Message *out, QString *error)
{
    const QList<Delivery::Template> templates = Delivery::Template::builtIn();
    const auto push = std::find_if(templates.cbegin(), templates.cend(),
                                   [](const Delivery::Template &t) { return t.id == QLatin1String("github-push"); });
    if (push == templates.cend()) {
        *error = tr("the GitHub push template is missing");
        return false;
    }
    const Signing::Secret secret = Signing::testWebhookSecret();
    QUrl url = base;
    url.setPath(secret.pathPattern);
    Delivery::Message &m = *out;
    m.name = secret.label;
    m.method = push->method;
    m.headers = push->headers;
    m.body = push->body;
    m.destinations = {url};
    m.signScheme = secret.scheme;
    m.signSecret = secret.secret;
    m.client.useEnvironmentProxy = false; // to ourselves, whatever http_proxy says
    m.client.totalTimeoutMs = 10'000;
    return true;
}

void TestWebhook::send()
{
    if (!m_engine->isListening()) {
        Q_EMIT message(tr("Not listening: start the listener to receive the test webhook"), 8000);
        return;
    }
    // Loopback first: a listener on 0.0.0.0 or :: is reached, and named in Host, as 127.0.0.1.
    const QList<QUrl> urls = m_engine->reachableUrls();
    Delivery::Message m;
    QString error;
    if (compose(urls.isEmpty() ? m_engine->url() : urls.constFirst(), &m, &error)) {
        if (!m_sender) {
            m_sender = new Delivery::Sender(this);
            connect(m_sender, &Delivery::Sender::prepared, this, &TestWebhook::prepared);
            connect(m_sender, &Delivery::Sender::attemptFinished, this, &TestWebhook::finished);
        }
        if (m_sender->send(m, &error) != 0)
            return;
    }
    Q_EMIT message(tr("Could not make the test webhook: %1").arg(error), 10000);
}

void TestWebhook::prepared(const Delivery::Prepared &prepared)
{
    if (!prepared.error.isEmpty())
        Q_EMIT message(tr("Could not make the test webhook: %1").arg(prepared.error), 10000);
}

void TestWebhook::finished(const Delivery::AttemptReport &report)
{
    const Http::ExchangeResult &x = report.exchange;
    if (x.outcome != Http::ExchangeResult::Outcome::Response) {
        Q_EMIT message(tr("Could not send the test webhook: %1").arg(x.error), 10000);
        return;
    }
    const QString status = QString::number(x.response.status()) + QLatin1Char(' ') +
                           QString::fromLatin1(x.response.reason().toByteArray());
    Q_EMIT message(tr("Sent a signed GitHub push to %1; Hookscope answered %2")
                       .arg(x.url.adjusted(QUrl::RemovePath).toString(), status),
                   10000);
}

} // namespace Gui
