#include "testwebhook.h"

#include "emptystate.h"

#include "capture/captureengine.h"
#include "delivery/template.h"
#include "delivery/variables.h"
#include "signing/signing.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QTimer>

namespace Gui {

TestWebhook::TestWebhook(Capture::CaptureEngine *engine, EmptyState *empty, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
    connect(empty, &EmptyState::testWebhookRequested, this, &TestWebhook::send);
}

QByteArray TestWebhook::request(const QUrl &base, QString *error)
{
    const QList<Delivery::Template> templates = Delivery::Template::builtIn();
    const auto push = std::find_if(templates.cbegin(), templates.cend(),
                                   [](const Delivery::Template &t) { return t.id == QLatin1String("github-push"); });
    if (push == templates.cend()) {
        *error = tr("the GitHub push template is missing");
        return {};
    }
    Delivery::MessageVariables variables({}, QDateTime::currentMSecsSinceEpoch());
    const QByteArray body = variables.apply(push->body);
    const Signing::Secret secret = Signing::testWebhookSecret();
    const Signing::Signed signature = Signing::sign(secret.scheme, secret.secret, body);
    if (!signature.error.isEmpty()) {
        *error = signature.error;
        return {};
    }
    QByteArray out = "POST " + secret.pathPattern.toUtf8() + " HTTP/1.1\r\nHost: " + base.authority().toUtf8() + "\r\n";
    for (const auto &[name, value] : push->headers)
        out += name + ": " + variables.apply(value) + "\r\n";
    for (const auto &[name, value] : signature.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    return out;
}

QString TestWebhook::statusLine(const QByteArray &answer)
{
    // "HTTP/1.1 200 OK\r\n...": what follows the version, up to the end of the line.
    const qsizetype end = answer.indexOf("\r\n");
    if (!answer.startsWith("HTTP/1.") || end < 12)
        return {};
    return QString::fromLatin1(answer.mid(9, end - 9));
}

void TestWebhook::send()
{
    if (!m_engine->isListening()) {
        Q_EMIT message(tr("Not listening: start the listener to receive the test webhook"), 8000);
        return;
    }
    // Loopback first: a listener on 0.0.0.0 or :: is reached, and named in Host, as 127.0.0.1.
    const QList<QUrl> urls = m_engine->reachableUrls();
    const QUrl base = urls.isEmpty() ? m_engine->url() : urls.constFirst();
    QString error;
    const QByteArray bytes = request(base, &error);
    if (bytes.isEmpty()) {
        Q_EMIT message(tr("Could not make the test webhook: %1").arg(error), 10000);
        return;
    }
    auto *socket = new QTcpSocket(this);
    auto *timeout = new QTimer(socket);
    auto answer = std::make_shared<QByteArray>();
    // One outcome, said once: the socket's later signals (an abort emits disconnected) say nothing.
    const auto finish = [this, socket, timeout](const QString &text) {
        timeout->stop();
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
        Q_EMIT message(text, 10000);
    };
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, this, [finish] { finish(tr("The test webhook got no answer within 10 s")); });
    connect(socket, &QTcpSocket::connected, this, [socket, bytes] { socket->write(bytes); });
    connect(socket, &QTcpSocket::readyRead, this, [socket, answer] { *answer += socket->readAll(); });
    connect(socket, &QTcpSocket::disconnected, this, [socket, answer, base, finish] {
        *answer += socket->readAll();
        const QString status = statusLine(*answer);
        finish(status.isEmpty()
                   ? tr("The test webhook got no answer")
                   : tr("Sent a signed GitHub push to %1; Hookscope answered %2").arg(base.toString(), status));
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [socket, finish](QAbstractSocket::SocketError e) {
        if (e != QAbstractSocket::RemoteHostClosedError) // a close after the answer: disconnected() reports it
            finish(tr("Could not send the test webhook: %1").arg(socket->errorString()));
    });
    timeout->start(10'000);
    socket->connectToHost(base.host(), quint16(base.port()));
}

} // namespace Gui
