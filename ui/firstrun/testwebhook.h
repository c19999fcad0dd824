#pragma once

#include <QObject>
#include <QUrl>

namespace Capture {
class CaptureEngine;
}

namespace Delivery {
class Sender;
struct AttemptReport;
struct Message;
struct Prepared;
} // namespace Delivery

namespace Gui {

class EmptyState;

/**
 * "Send a Test Webhook" in the empty state: a real GitHub push from the built-in template, signed
 * with Hookscope's test secret (Signing::testWebhookSecret, which the window verifies with), sent
 * by the sender's own delivery engine to the listener itself. The first thing a new user sees is
 * then a real, valid delivery, with its signature checked. The outcome goes to the status bar.
 */
class TestWebhook : public QObject
{
    Q_OBJECT

public:
    TestWebhook(Capture::CaptureEngine *engine, EmptyState *empty, QObject *parent);

    /// The message sent to the listener at `base` (its path is the test secret's): the template's
    /// method, headers and body, signed with the test secret, straight to the listener (no proxy).
    static bool compose(const QUrl &base, Delivery::Message *out, QString *error);
    /// Sends it to the listener now (at its loopback address when it listens on all of them).
    void send();

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);

private:
    void prepared(const Delivery::Prepared &prepared);
    void finished(const Delivery::AttemptReport &report);

    Capture::CaptureEngine *m_engine;
    Delivery::Sender *m_sender = nullptr; // made on first use: it runs a thread of its own
};

} // namespace Gui
