#pragma once

#include "answerspec.h"
#include "forwarder.h"
#include "http/limits.h"
#include "httpsport.h"
#include "responserules.h"
#include "session/capturedrequest.h"
#include "session/lateanswer.h"
#include "session/sessionfile.h"
#include "signing/signing.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

class QThread;

#include <memory>
#include <optional>

namespace Http {
class Listener;
}
namespace Session {
class SessionWriter;
class WriterHub;
} // namespace Session

namespace Capture {

class CaptureService;
class Reverifier;

struct ListenConfig
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0;     ///< 0: any free port
    int portAttempts = 1; ///< try port, port+1, ... this many; then any free port if allowed
    bool fallbackToAnyPort = false;
    Http::Limits limits;
    AnswerSpec answer;          ///< the default answer
    QList<ResponseRule> rules;  ///< tried in order before the default
    QString sessionPath;        ///< save every request here (created if absent); empty: keep nothing
    bool fastAck = false;       ///< answer before the request is committed
    qint64 retention = 0;       ///< keep only the newest N requests; 0: keep all
    Signing::Config signatures; ///< secrets and public URL to verify signatures with
    /// Where captured requests go on to; unset: as setForwardRules() last said (none at first).
    std::optional<ForwardRules> forwards;
    /// HTTPS beside the plain port, on the same address; unset: as setHttps() last said (none at first).
    std::optional<HttpsConfig> https;
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
    /// Stops the listener and closes the session (blocking until every request is saved).
    void stop();
    /// Listens elsewhere, or again after stopListening(); the session stays open. The new place is
    /// bound before the old one is let go: when it is taken, capture goes on where it was
    /// (rebindFailed), and only when nothing listened before does it fail (failed).
    void listenOn(const QHostAddress &address, quint16 port);
    /// Closes the listener and its connections; the session stays open.
    void stopListening();
    /// Deletes requests from the session file.
    void deleteRequests(const QList<qint64> &ids);
    /// Adds records from elsewhere (a HAR import) to the session, numbered after what it holds.
    void importRecords(const QList<Session::CapturedRequest> &records);
    void setAnswer(const AnswerSpec &answer);
    /// The answer rules; they apply from the next request on.
    void setRules(const ResponseRules &rules);
    void setLimits(const Http::Limits &limits);
    /// Serves HTTPS as `config` says, from now on (closes it when not enabled); httpsStarted,
    /// httpsFailed or httpsStopped says how it went. The plain port is not touched.
    void setHttps(const HttpsConfig &config);
    /// Saves into another session file from now on (empty: none). The previous file gets what
    /// was already queued for it. With `copyNewerFrom`, requests in that file newer than any in
    /// `path` are copied over first (Save As: `path` is a snapshot of it). Emits sessionOpened or
    /// sessionFailed; on failure the previous session stays.
    void openSession(const QString &path, const QString &copyNewerFrom = {});
    void setFastAck(bool fastAck);
    /// Lets the threads that capture and save give way to an interface on this machine when the
    /// CPU is short: under a flood the window stays responsive (Linux nice 5; Linux only).
    void setYieldToInterface(bool yield);
    void setRetention(qint64 newest);
    /// Verifies signatures with these secrets from the next request on, and re-verifies every
    /// signed request already in the session in the background (signaturesUpdated as it goes).
    void setSignatures(const Signing::Config &config);
    /// Forwards captured requests as these rules say, from the next request on; each forward is
    /// stored in the session as a sent message of kind "forward" made from its request.
    void setForwardRules(const ForwardRules &rules);
    QString sessionPath() const { return m_sessionPath; }
    /// Where delivery hands what it sent, from any thread: into whichever session is open, held
    /// while none is (see Session::WriterHub). Shared, so a sender may outlive the engine.
    std::shared_ptr<Session::WriterHub> outbound() const { return m_outbound; }

    bool isListening() const { return m_port != 0; }
    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    /// "http://127.0.0.1:8080", "http://[::1]:8080".
    QUrl url() const;
    /// "https://127.0.0.1:8443" while HTTPS is served; empty otherwise.
    QUrl httpsUrl() const;
    quint16 httpsPort() const { return m_httpsPort; }
    static QUrl urlFor(const QHostAddress &address, quint16 port, bool tls = false);
    /// The URLs senders can use: the bound address itself, or for 0.0.0.0 / :: every address of
    /// this machine's interfaces that it covers (loopback first, IPv6 link-local left out).
    static QList<QUrl> reachableUrls(const QHostAddress &bound, quint16 port,
                                     const QList<QHostAddress> &interfaceAddresses);
    /// reachableUrls() for where this engine listens, with the machine's current interfaces.
    QList<QUrl> reachableUrls() const;

Q_SIGNALS:
    void started(const QUrl &url);
    /// Could not listen; nothing listens now.
    void failed(const QString &error);
    /// listenOn() could not listen where asked; the listener goes on at `stillOn`.
    void rebindFailed(const QString &error, const QUrl &stillOn);
    void stopped();
    /// HTTPS is served at `url` (after started(), when the configuration asks for it).
    void httpsStarted(const QUrl &url);
    /// HTTPS could not be served; the plain port goes on.
    void httpsFailed(const QString &error);
    void httpsStopped();
    void captured(const Session::CapturedBatch &batch);
    void sessionOpened(const QString &path);
    /// openSession() failed; `problem` says why (Locked: another Hookscope captures into it).
    void sessionFailed(const QString &error, Session::FileProblem problem);
    /// Requests cannot be saved (a full disk: senders get 503, or wait in the log), with the
    /// error; empty once saving works again and everything answered is in the file.
    void saveProblemChanged(const QString &error);
    /// Re-verification found new results for requests already in the session (stored already).
    void signaturesUpdated(const Session::SignatureUpdates &updates);
    /// Every destination request `requestId` was forwarded to has its final answer. This and
    /// answeredLate() come after the request's own captured().
    void forwarded(qint64 requestId, const QList<Capture::ForwardResult> &results);
    /// A request whose answer waited for its forward was answered (and the answer is being stored).
    void answeredLate(const Session::LateAnswer &answer);

private:
    void onStarted(const QHostAddress &address, quint16 port);
    /// Capture thread: swaps the session writer. Returns what went wrong (problem None: nothing).
    Session::SessionFile::Info switchWriter(const QString &path, const QString &copyNewerFrom = {});
    /// Capture thread: binds a new listener and swaps it in; false (with `error`) leaves the old.
    bool rebind(const QHostAddress &address, quint16 port, QString *error);
    void attachWriter(std::unique_ptr<Session::SessionWriter> writer);
    /// Capture thread: captures and sent records go to `writer` from now on (null: nowhere).
    void useWriter(Session::SessionWriter *writer);
    /// Capture thread: detaches the writer, commits what was queued for it and answers its senders.
    void closeWriter();
    /// Capture thread: re-verifies the open session with the current signature settings.
    void reverify();
    /// Capture thread: opens or closes the HTTPS port on the plain port's address and tells the
    /// owner how it went.
    void applyHttps(const HttpsConfig &config);

    QThread *m_thread = nullptr;
    QObject *m_context = nullptr;                     // lives on the capture thread; parent of the two below
    CaptureService *m_service = nullptr;              // capture thread
    Http::Listener *m_listener = nullptr;             // capture thread; replaced whole on a rebind
    HttpsPort *m_https = nullptr;                     // capture thread
    HttpsConfig m_httpsConfig;                        // capture thread
    std::unique_ptr<Session::SessionWriter> m_writer; // made, swapped and stopped on the capture thread
    std::shared_ptr<Session::WriterHub> m_outbound;   // attached to m_writer on the capture thread
    std::unique_ptr<Reverifier> m_reverifier;         // capture thread
    bool m_fastAck = false;                           // capture thread
    int m_nice = 0;                                   // capture thread
    qint64 m_retention = 0;                           // capture thread
    QString m_sessionPath;                            // owner's thread
    QHostAddress m_address;
    quint16 m_port = 0;
    quint16 m_httpsPort = 0;
};

} // namespace Capture
