#pragma once

#include "answerspec.h"
#include "http/limits.h"
#include "session/capturedrequest.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

class QThread;

namespace Http {
class Listener;
}

namespace Capture {

class CaptureService;

struct ListenConfig
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0;     ///< 0: any free port
    int portAttempts = 1; ///< try port, port+1, ... this many; then any free port if allowed
    bool fallbackToAnyPort = false;
    Http::Limits limits;
    AnswerSpec answer;
};

/**
 * The capture engine as seen from the GUI or a command: it owns the capture thread, where the
 * listener, its sockets and the capture service live. Everything here is asynchronous; results
 * arrive as signals on the thread that owns the engine.
 */
class CaptureEngine : public QObject
{
    Q_OBJECT

public:
    explicit CaptureEngine(QObject *parent = nullptr);
    ~CaptureEngine() override;

    void start(const ListenConfig &config);
    void stop();
    void setAnswer(const AnswerSpec &answer);
    void setLimits(const Http::Limits &limits);

    bool isListening() const { return m_port != 0; }
    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    /// "http://127.0.0.1:8080", "http://[::1]:8080".
    QUrl url() const;
    static QUrl urlFor(const QHostAddress &address, quint16 port, bool tls = false);

Q_SIGNALS:
    void started(const QUrl &url);
    void failed(const QString &error);
    void stopped();
    void captured(const Session::CapturedBatch &batch);

private:
    void onStarted(const QHostAddress &address, quint16 port);

    QThread *m_thread = nullptr;
    QObject *m_context = nullptr;         // lives on the capture thread; parent of the two below
    CaptureService *m_service = nullptr;  // capture thread
    Http::Listener *m_listener = nullptr; // capture thread
    QHostAddress m_address;
    quint16 m_port = 0;
};

} // namespace Capture
