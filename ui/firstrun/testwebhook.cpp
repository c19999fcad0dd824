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

void TestWebhook::send()
{
    if (!m_engine->isListening()) {
        Q_EMIT message(tr("Not listening: start the listener to receive the test webhook"), 8000);
        return;
    }
    const QUrl base = m_engine->url();
    QString error;
    const QByteArray bytes = request(base, &error);
    if (bytes.isEmpty()) {
        Q_EMIT message(tr("Could not make the test webhook: %1").arg(error), 10000);
        return;
    }
    auto *socket = new QTcpSocket(this);
    auto answer = std::make_shared<QByteArray>();
    auto *timeout = new QTimer(socket);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, socket, [this, socket] {
        Q_EMIT message(tr("The test webhook got no answer within 10 s"), 10000);
        socket->deleteLater();
    });
    connect(socket, &QTcpSocket::connected, socket, [socket, bytes] { socket->write(bytes); });
    connect(socket, &QTcpSocket::readyRead, socket, [socket, answer] { *answer += socket->readAll(); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket, answer, base] {
        const QByteArray status = answer->left(answer->indexOf("\r\n")).mid(9);
        Q_EMIT message(status.isEmpty() ? tr("The test webhook got no answer")
                                        : tr("Sent a signed GitHub push to %1; Hookscope answered %2")
                                              .arg(base.toString(), QString::fromLatin1(status)),
                       10000);
        socket->deleteLater();
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError e) {
        if (e == QAbstractSocket::RemoteHostClosedError)
            return; // the answer came; disconnected() reports it
        Q_EMIT message(tr("Could not send the test webhook: %1").arg(socket->errorString()), 10000);
        socket->deleteLater();
    });
    timeout->start(10'000);
    socket->connectToHost(base.host(), quint16(base.port()));
}

} // namespace Gui
