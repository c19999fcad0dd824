#pragma once

#include <QObject>
#include <QUrl>

namespace Capture {
class CaptureEngine;
}

namespace Gui {

class EmptyState;

/**
 * "Send a Test Webhook" in the empty state: a real GitHub push from the built-in template, signed
 * with Hookscope's test secret (Signing::testWebhookSecret, which the window verifies with), sent
 * over a real socket to the listener itself. The first thing a new user sees is then a real,
 * valid delivery, with its signature checked. The outcome goes to the status bar.
 */
class TestWebhook : public QObject
{
    Q_OBJECT

public:
    TestWebhook(Capture::CaptureEngine *engine, EmptyState *empty, QObject *parent);

    /// The bytes sent to the listener at `base`: the request line, Host, the template's headers with
    /// its placeholders filled in, the signature, Content-Length and Connection: close, the body.
    static QByteArray request(const QUrl &base, QString *error);
    /// "200 OK" from an answer that starts "HTTP/1.1 200 OK\r\n"; empty for anything else.
    static QString statusLine(const QByteArray &answer);
    /// Sends it to the listener now (at its loopback address when it listens on all of them).
    void send();

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);

private:
    Capture::CaptureEngine *m_engine;
};

} // namespace Gui
