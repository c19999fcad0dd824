#include "captureengine.h"
#include "captureservice.h"
#include "http/listener.h"
#include "reverifier.h"
#include "session/journal.h"
#include "session/sessionwriter.h"
#include "session/writerhub.h"

#include <QCoreApplication>
#include <QNetworkInterface>
#include <QThread>

#include <sys/resource.h>
#include <unistd.h>

namespace Capture {

CaptureEngine::CaptureEngine(QObject *parent)
    : QObject(parent)
    , m_outbound(std::make_shared<Session::WriterHub>())
{
    qRegisterMetaType<Session::CapturedRequestPtr>();
    qRegisterMetaType<Session::CapturedBatch>();
    qRegisterMetaType<Session::SignatureUpdates>();
    qRegisterMetaType<Capture::ForwardResult>();
    qRegisterMetaType<QList<Capture::ForwardResult>>();
    qRegisterMetaType<Session::LateAnswer>();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("capture"));
    m_context = new QObject;
    m_context->moveToThread(m_thread);
    m_thread->start();

    // The service and listener are made on the capture thread, as children of the context.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_service = new CaptureService(m_context);
            m_service->forwards()->setOutbound(m_outbound);
            m_reverifier = std::make_unique<Reverifier>();
            m_listener = new Http::Listener(m_service, m_context);
            m_https = new HttpsPort(m_service, m_context);
        },
        Qt::BlockingQueuedConnection);
    connect(m_service, &CaptureService::captured, this, &CaptureEngine::captured, Qt::QueuedConnection);
    connect(m_service, &CaptureService::saveProblemChanged, this, &CaptureEngine::saveProblemChanged,
            Qt::QueuedConnection);
    connect(m_service->forwards(), &ForwardStage::forwarded, this, &CaptureEngine::forwarded, Qt::QueuedConnection);
    connect(m_service->forwards(), &ForwardStage::answeredLate, this, &CaptureEngine::answeredLate,
            Qt::QueuedConnection);
}

CaptureEngine::~CaptureEngine()
{
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            delete m_listener; // no new requests
            m_listener = nullptr;
            delete m_https;
            m_https = nullptr;
            m_reverifier.reset();
            closeWriter(); // but the queued ones reach the file
            delete m_context;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

QUrl CaptureEngine::urlFor(const QHostAddress &address, quint16 port, bool tls)
{
    QUrl url;
    url.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(address.toString());
    url.setPort(port);
    return url;
}

QUrl CaptureEngine::url() const
{
    return isListening() ? urlFor(m_address, m_port) : QUrl();
}

QUrl CaptureEngine::httpsUrl() const
{
    return m_httpsPort != 0 ? urlFor(m_address, m_httpsPort, true) : QUrl();
}

void CaptureEngine::setHttps(const HttpsConfig &config)
{
    QMetaObject::invokeMethod(m_context, [this, config] { applyHttps(config); });
}

void CaptureEngine::applyHttps(const HttpsConfig &config)
{
    m_httpsConfig = config;
    const bool wasOn = m_https->isListening();
    QString error;
    bool ok = true;
    if (m_listener->isListening())
        ok = m_https->apply(config, m_listener->serverAddress(), m_listener->limits(), &error);
    else
        m_https->close();
    m_listener->setTls(m_https->plainPortTls());
    if (!ok) {
        QMetaObject::invokeMethod(this, [this, error] {
            m_httpsPort = 0;
            Q_EMIT httpsFailed(error);
        });
    } else if (m_https->isListening()) {
        const quint16 port = m_https->port();
        QMetaObject::invokeMethod(this, [this, port] {
            m_httpsPort = port;
            Q_EMIT httpsStarted(httpsUrl());
        });
    } else if (wasOn) {
        QMetaObject::invokeMethod(this, [this] {
            m_httpsPort = 0;
            Q_EMIT httpsStopped();
        });
    }
}

QList<QUrl> CaptureEngine::reachableUrls(const QHostAddress &bound, quint16 port,
                                         const QList<QHostAddress> &interfaceAddresses)
{
    const bool any4 = bound == QHostAddress(QHostAddress::AnyIPv4);
    const bool any6 = bound == QHostAddress(QHostAddress::AnyIPv6) || bound == QHostAddress(QHostAddress::Any);
    if (!any4 && !any6)
        return {urlFor(bound, port)};
    // On Linux a socket on :: also takes IPv4 (IPV6_V6ONLY is off), as QTcpServer leaves it.
    QList<QUrl> loopback;
    QList<QUrl> others;
    for (const QHostAddress &a : interfaceAddresses) {
        const bool v4 = a.protocol() == QAbstractSocket::IPv4Protocol;
        if ((!v4 && !any6) || a.isLinkLocal())
            continue;
        (a.isLoopback() ? loopback : others).append(urlFor(a, port));
    }
    QList<QUrl> urls = loopback + others;
    if (urls.isEmpty())
        urls.append(urlFor(bound, port));
    return urls;
}

QList<QUrl> CaptureEngine::reachableUrls() const
{
    if (!isListening())
        return {};
    return reachableUrls(m_address, m_port, QNetworkInterface::allAddresses());
}

void CaptureEngine::start(const ListenConfig &config)
{
    QMetaObject::invokeMethod(m_context, [this, config] {
        m_listener->close();
        m_https->close();
        m_listener->setLimits(config.limits);
        ResponseRules rules;
        rules.rules = config.rules;
        rules.fallback = config.answer;
        m_service->setRules(rules);
        m_service->setVerifier(Signing::Verifier(config.signatures));
        if (config.forwards)
            m_service->setForwardRules(*config.forwards);
        m_fastAck = config.fastAck;
        m_service->setFastAck(config.fastAck);
        m_retention = config.retention;
        if (!config.sessionPath.isEmpty()) {
            const QString error = switchWriter(config.sessionPath).error;
            if (!error.isEmpty()) {
                QMetaObject::invokeMethod(this, [this, error] { Q_EMIT failed(error); });
                return;
            }
            const QString path = config.sessionPath;
            QMetaObject::invokeMethod(this, [this, path] {
                m_sessionPath = path;
                Q_EMIT sessionOpened(path);
            });
        }
        bool ok = false;
        for (int i = 0; i < qMax(1, config.portAttempts) && !ok; ++i) {
            const int port = config.port + i;
            if (port > 65535)
                break;
            ok = m_listener->listen(config.address, quint16(port));
            if (config.port == 0)
                break;
        }
        if (!ok && config.fallbackToAnyPort)
            ok = m_listener->listen(config.address, 0);
        if (ok) {
            const QHostAddress address = m_listener->serverAddress();
            const quint16 port = m_listener->serverPort();
            QMetaObject::invokeMethod(this, [this, address, port] { onStarted(address, port); });
            applyHttps(config.https.value_or(m_httpsConfig));
        } else {
            const QString error = tr("cannot listen on %1: %2")
                                      .arg(Session::hostPort(config.address, config.port), m_listener->errorString());
            QMetaObject::invokeMethod(this, [this, error] { Q_EMIT failed(error); });
        }
    });
}

void CaptureEngine::attachWriter(std::unique_ptr<Session::SessionWriter> writer)
{
    if (writer) {
        CaptureService *service = m_service;
        writer->setCommitHandler([service](const Session::CapturedBatch &batch, const QString &error) {
            QMetaObject::invokeMethod(
                service, [service, batch, error] { service->committed(batch, error); }, Qt::QueuedConnection);
        });
        writer->setHealthHandler([service](const QString &error) {
            QMetaObject::invokeMethod(
                service, [service, error] { service->storeHealthChanged(error); }, Qt::QueuedConnection);
        });
        writer->setRetention(m_retention);
        writer->setNice(m_nice);
        writer->start();
        m_service->setNextId(writer->nextId());
    }
    useWriter(writer.get());
    m_writer = std::move(writer);
    reverify(); // a session from before these settings (or before signatures) is brought up to date
}

Session::SessionFile::Info CaptureEngine::switchWriter(const QString &path, const QString &copyNewerFrom)
{
    // Already there, by whatever name (a link to it would otherwise look locked by ourselves).
    if (m_writer && !path.isEmpty() && copyNewerFrom.isEmpty() &&
        Session::Journal::canonicalPath(m_writer->path()) == Session::Journal::canonicalPath(path))
        return {}; // already there
    std::unique_ptr<Session::SessionWriter> next;
    if (!path.isEmpty()) {
        next = std::make_unique<Session::SessionWriter>();
        const Session::SessionFile::Info info = next->open(path);
        if (info.problem != Session::FileProblem::None)
            return info; // the current session stays
    }
    // Everything queued for the old file is written there and its senders answered. This runs on
    // the capture thread, so no request can arrive in between: each lands in exactly one file.
    const QString previousPath = m_writer ? m_writer->path() : QString();
    closeWriter();
    m_service->flushBatch(); // the old file's records reach the owner before the news of the switch
    if (next && !copyNewerFrom.isEmpty()) {
        QString error;
        if (!next->copyNewerFrom(copyNewerFrom, &error)) {
            next.reset();
            if (!previousPath.isEmpty()) {
                auto again = std::make_unique<Session::SessionWriter>();
                if (again->open(previousPath).problem == Session::FileProblem::None)
                    attachWriter(std::move(again));
            }
            return {Session::FileProblem::Io, error, 0};
        }
    }
    attachWriter(std::move(next));
    return {};
}

void CaptureEngine::useWriter(Session::SessionWriter *writer)
{
    m_service->setSessionWriter(writer, m_fastAck);
    m_outbound->attach(writer);
}

void CaptureEngine::closeWriter()
{
    useWriter(nullptr);
    if (m_writer) {
        m_writer->stop();
        QCoreApplication::sendPostedEvents(m_service, QEvent::MetaCall);
        m_writer.reset();
    }
}

void CaptureEngine::openSession(const QString &path, const QString &copyNewerFrom)
{
    QMetaObject::invokeMethod(m_context, [this, path, copyNewerFrom] {
        const Session::SessionFile::Info info = switchWriter(path, copyNewerFrom);
        QMetaObject::invokeMethod(this, [this, path, info] {
            if (info.problem != Session::FileProblem::None) {
                Q_EMIT sessionFailed(info.error, info.problem);
                return;
            }
            m_sessionPath = path;
            Q_EMIT sessionOpened(path);
        });
    });
}

void CaptureEngine::setYieldToInterface(bool yield)
{
    QMetaObject::invokeMethod(m_context, [this, yield] {
        m_nice = yield ? 5 : 0;
        ::setpriority(PRIO_PROCESS, pid_t(::gettid()), m_nice);
    });
}

void CaptureEngine::setFastAck(bool fastAck)
{
    QMetaObject::invokeMethod(m_context, [this, fastAck] {
        m_fastAck = fastAck;
        m_service->setFastAck(fastAck);
    });
}

void CaptureEngine::setForwardRules(const ForwardRules &rules)
{
    QMetaObject::invokeMethod(m_context, [this, rules] { m_service->setForwardRules(rules); });
}

void CaptureEngine::setSignatures(const Signing::Config &config)
{
    QMetaObject::invokeMethod(m_context, [this, config] {
        m_service->setVerifier(Signing::Verifier(config));
        reverify();
    });
}

void CaptureEngine::reverify()
{
    if (!m_writer) {
        m_reverifier->cancel();
        return;
    }
    const QString path = m_writer->path();
    const QByteArray fingerprint = Reverifier::fingerprint(m_service->verifier().config());
    QObject *context = m_context;
    m_service->flushToWriter(); // what was captured with the old settings heads for the file now
    m_reverifier->start(path, m_service->verifier(), m_service->nextId() - 1,
                        [this, context, path, fingerprint](const Session::SignatureUpdates &updates, bool done) {
                            QMetaObject::invokeMethod(context, [this, path, fingerprint, updates, done] {
                                if (!m_writer || m_writer->path() != path)
                                    return; // another session by now; it gets a pass of its own
                                m_writer->updateSignatures(updates, done ? fingerprint : QByteArray());
                                if (!updates.isEmpty())
                                    Q_EMIT signaturesUpdated(updates);
                            });
                        });
}

void CaptureEngine::setRetention(qint64 newest)
{
    QMetaObject::invokeMethod(m_context, [this, newest] {
        m_retention = newest;
        if (m_writer)
            m_writer->setRetention(newest);
    });
}

void CaptureEngine::listenOn(const QHostAddress &address, quint16 port)
{
    QMetaObject::invokeMethod(m_context, [this, address, port] {
        const bool there =
            m_listener->isListening() && m_listener->serverAddress() == address && m_listener->serverPort() == port;
        QString reason;
        if (there || rebind(address, port, &reason)) {
            const QHostAddress bound = m_listener->serverAddress();
            const quint16 boundPort = m_listener->serverPort();
            QMetaObject::invokeMethod(this, [this, bound, boundPort] { onStarted(bound, boundPort); });
            // HTTPS follows the plain port to its address (and comes back after stopListening()).
            const bool httpsThere = m_https->isListening() && m_https->port() != 0 && there;
            if (m_httpsConfig.enabled && !httpsThere) {
                HttpsConfig https = m_httpsConfig;
                if (m_https->port() != 0)
                    https.port = m_https->port();
                m_https->close();
                applyHttps(https);
            }
            return;
        }
        const QString error = tr("cannot listen on %1: %2").arg(Session::hostPort(address, port), reason);
        if (m_listener->isListening()) {
            const QUrl stillOn = urlFor(m_listener->serverAddress(), m_listener->serverPort());
            QMetaObject::invokeMethod(this, [this, error, stillOn] { Q_EMIT rebindFailed(error, stillOn); });
        } else {
            QMetaObject::invokeMethod(this, [this, error] {
                m_port = 0;
                Q_EMIT failed(error);
            });
        }
    });
}

bool CaptureEngine::rebind(const QHostAddress &address, quint16 port, QString *error)
{
    auto fresh = std::make_unique<Http::Listener>(m_service);
    fresh->setLimits(m_listener->limits());
    fresh->setTls(m_listener->tls());
    bool ok = fresh->listen(address, port);
    if (!ok && m_listener->isListening() && port != 0 && port == m_listener->serverPort()) {
        // The place asked for overlaps the one held (127.0.0.1:8080, then 0.0.0.0:8080): only
        // letting go of it tells whether it is free otherwise. Taken back when it is not.
        const QHostAddress heldAddress = m_listener->serverAddress();
        m_listener->close();
        ok = fresh->listen(address, port);
        if (!ok)
            m_listener->listen(heldAddress, port);
    }
    if (!ok) {
        *error = fresh->errorString();
        return false;
    }
    fresh->setParent(m_context);
    delete m_listener; // its connections go with it, as on stopListening()
    m_listener = fresh.release();
    return true;
}

void CaptureEngine::stopListening()
{
    QMetaObject::invokeMethod(m_context, [this] {
        m_listener->close();
        m_https->close();
        QMetaObject::invokeMethod(this, [this] {
            m_port = 0;
            m_httpsPort = 0;
            Q_EMIT stopped();
        });
    });
}

void CaptureEngine::deleteRequests(const QList<qint64> &ids)
{
    QMetaObject::invokeMethod(m_context, [this, ids] {
        m_service->flushToWriter(); // what is on its way goes in first
        if (m_writer)
            m_writer->remove(ids);
    });
}

void CaptureEngine::importRecords(const QList<Session::CapturedRequest> &records)
{
    QMetaObject::invokeMethod(m_context, [this, records] { m_service->importRecords(records); });
}

void CaptureEngine::onStarted(const QHostAddress &address, quint16 port)
{
    m_address = address;
    m_port = port;
    Q_EMIT started(url());
}

void CaptureEngine::stop()
{
    // Blocking, so that when stop() returns no socket is open and no record is still coming.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_listener->close();
            m_https->close();
            closeWriter(); // everything captured is committed before stop() returns
            m_service->flushBatch();
        },
        Qt::BlockingQueuedConnection);
    // Deliver the records already on their way before saying we stopped.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    m_httpsPort = 0;
    if (m_port != 0) {
        m_port = 0;
        Q_EMIT stopped();
    }
}

void CaptureEngine::setRules(const ResponseRules &rules)
{
    // Handed over, not queued: a queued call can lose the race with a request already waiting on
    // a kept-alive connection (Qt's Unix event dispatcher serves socket notifiers before posted
    // events), and "from the next request on" must hold once this returns. Nor blocking: the
    // window must not wait while the capture thread switches sessions.
    m_service->offerRules(rules);
}

void CaptureEngine::setAnswer(const AnswerSpec &answer)
{
    ResponseRules rules;
    rules.fallback = answer;
    setRules(rules);
}

void CaptureEngine::setLimits(const Http::Limits &limits)
{
    QMetaObject::invokeMethod(m_context, [this, limits] {
        m_listener->setLimits(limits);
        m_https->setLimits(limits);
    });
}

} // namespace Capture
