#include "sender.h"
#include "variables.h"

#include "http/outgoingrequest.h"
#include "signing/signing.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <atomic>
#include <deque>

namespace Delivery {

namespace {

bool isHttpUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

/// The id a signed message keeps across attempts: Twitch ids are UUIDs, Standard Webhooks and Svix
/// ones start "msg_" by convention; the other schemes sign no id.
QByteArray stableSigningId(const QString &scheme, const QUuid &uid)
{
    if (scheme == QLatin1String("twitch"))
        return uid.toByteArray(QUuid::WithoutBraces);
    return "msg_" + uid.toByteArray(QUuid::Id128);
}

QByteArray contentTypeOf(const Http::HeaderList &headers)
{
    for (const auto &[name, value] : headers) {
        if (Http::equalsIgnoreCase(name, "Content-Type"))
            return value;
    }
    return {};
}

} // namespace

/// Lives on the delivery thread: the messages in flight, their attempts and the connection pool.
class Sender::Worker : public QObject
{
    Q_OBJECT

public:
    struct Destination
    {
        int attempt = 0;      // attempts started
        bool done = false;    // its final attempt is reported
        bool waiting = false; // queued, or sleeping until a retry
        Http::ClientConnection *running = nullptr;
    };
    struct Running
    {
        Prepared prepared;
        QByteArray signingId;
        qint64 bodySize = 0;
        QList<Destination> destinations;
        int open = 0; // destinations without their final report
    };
    struct Ready
    {
        qint64 messageId;
        int destination;
    };

    int maxConnections = 32;

    /// Idle keep-alive connections are closed this long after the last message finished.
    static constexpr int kIdleCloseMs = 15'000;

    Worker()
        : m_idleTimer(this) // a child, so it moves to the delivery thread with the worker
    {
        m_idleTimer.setSingleShot(true);
        m_idleTimer.setInterval(kIdleCloseMs);
        connect(&m_idleTimer, &QTimer::timeout, this, [this] { closeIdle(); });
    }

    void start(qint64 id, const Message &message)
    {
        m_idleTimer.stop();
        Running run;
        run.prepared = prepare(id, message);
        if (!run.prepared.error.isEmpty()) {
            Q_EMIT prepared(run.prepared);
            Q_EMIT messageFinished(id);
            return;
        }
        run.signingId = stableSigningId(message.signScheme, QUuid::fromString(QLatin1String(run.prepared.messageUid)));
        run.bodySize = message.bodyFile.isEmpty() ? run.prepared.body.size() : QFileInfo(message.bodyFile).size();
        run.destinations.resize(message.destinations.size());
        run.open = int(message.destinations.size());
        auto it = m_messages.insert(id, std::move(run));
        Q_EMIT prepared(it->prepared);
        for (int i = 0; i < it->destinations.size(); ++i)
            enqueue(id, i);
        dispatch();
    }

    void cancel(qint64 id)
    {
        auto it = m_messages.find(id);
        if (it == m_messages.end())
            return;
        const int count = int(it->destinations.size());
        for (int i = 0; i < count; ++i) {
            // A report can finish the message and drop it: look it up again each time.
            it = m_messages.find(id);
            if (it == m_messages.end())
                return;
            Destination &d = it->destinations[i];
            if (d.done)
                continue;
            if (d.running) {
                d.running->cancel(); // reports through onFinished
                continue;
            }
            d.waiting = false;
            Http::ExchangeResult cancelled;
            cancelled.outcome = Http::ExchangeResult::Outcome::Cancelled;
            cancelled.error = tr("Cancelled before attempt %1 started.").arg(d.attempt + 1);
            cancelled.url = it->prepared.message.destinations.at(i);
            cancelled.startedAtMs = QDateTime::currentMSecsSinceEpoch();
            report(id, *it, i, std::move(cancelled), {}, true, -1);
        }
    }

    void cancelAll()
    {
        const QList<qint64> ids = m_messages.keys();
        for (qint64 id : ids)
            cancel(id);
    }

    void shutdown()
    {
        cancelAll();
        closeIdle();
    }

    void closeIdle()
    {
        for (auto &list : m_idle) {
            m_connections -= int(list.size());
            qDeleteAll(list);
        }
        m_idle.clear();
    }

Q_SIGNALS:
    void prepared(const Delivery::Prepared &prepared);
    void attemptFinished(const Delivery::AttemptReport &report);
    void messageFinished(qint64 messageId);

private:
    Prepared prepare(qint64 id, const Message &message)
    {
        Prepared p;
        p.messageId = id;
        p.messageUid = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        p.createdAtMs = QDateTime::currentMSecsSinceEpoch();
        p.message = message;
        MessageVariables vars(message.variables, p.createdAtMs);
        p.method = vars.apply(message.method);
        for (const auto &[name, value] : message.headers)
            p.headers.append({vars.apply(name), vars.apply(value)});
        if (message.bodyFile.isEmpty()) {
            p.body = vars.apply(message.body);
        } else {
            QFileInfo info(message.bodyFile);
            if (!info.isFile() || !info.isReadable())
                p.error = tr("The body file %1 cannot be read.").arg(message.bodyFile);
            else if (!message.signScheme.isEmpty())
                p.error = signFileBody(message.bodyFile, &m_fileBodies[id]);
        }
        p.unresolved = vars.unresolved();
        return p;
    }

    /// Signing needs the bytes: a signed file body is read once, on this thread.
    QString signFileBody(const QString &path, QByteArray *out)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return tr("The body file %1 cannot be read: %2").arg(path, file.errorString());
        *out = file.readAll();
        return {};
    }

    void enqueue(qint64 id, int destination)
    {
        m_messages[id].destinations[destination].waiting = true;
        m_ready.push_back({id, destination});
    }

    Http::ClientConnection *takeIdle(const QString &key)
    {
        auto it = m_idle.find(key);
        while (it != m_idle.end() && !it->isEmpty()) {
            Http::ClientConnection *c = it->takeLast();
            if (c->isReusable())
                return c;
            --m_connections;
            c->deleteLater();
        }
        return nullptr;
    }

    /// Closes one idle connection to another origin, to make room.
    bool evictIdle()
    {
        for (auto it = m_idle.begin(); it != m_idle.end(); ++it) {
            if (!it->isEmpty()) {
                it->takeFirst()->deleteLater();
                --m_connections;
                return true;
            }
        }
        return false;
    }

    void dispatch()
    {
        while (!m_ready.empty()) {
            const Ready next = m_ready.front();
            auto it = m_messages.find(next.messageId);
            if (it == m_messages.end() || !it->destinations[next.destination].waiting) {
                m_ready.pop_front(); // cancelled while it waited
                continue;
            }
            const Message &message = it->prepared.message;
            const QUrl url = message.destinations.at(next.destination);
            const QString key = Http::ClientConnection::poolKey(url, message.client);
            Http::ClientConnection *connection = takeIdle(key);
            if (!connection) {
                if (m_connections >= maxConnections && !evictIdle())
                    return; // every connection is busy: the next finished one dispatches again
                connection = new Http::ClientConnection(url, message.client, this);
                ++m_connections;
                connect(connection, &Http::ClientConnection::finished, this,
                        [this, connection](const Http::ExchangeResult &result) { onFinished(connection, result); });
            }
            m_ready.pop_front();
            startAttempt(next.messageId, *it, next.destination, connection, key);
        }
    }

    void startAttempt(qint64 id, Running &run, int destination, Http::ClientConnection *connection, const QString &key)
    {
        Destination &d = run.destinations[destination];
        d.waiting = false;
        d.running = connection;
        ++d.attempt;
        m_busy.insert(connection, {id, destination, key});

        const Message &message = run.prepared.message;
        const QUrl url = message.destinations.at(destination);
        Http::OutgoingRequest request = Http::OutgoingRequest::to(url, run.prepared.method);
        if (!message.rawTarget.isEmpty())
            request.target = message.rawTarget;
        Http::HeaderList headers = run.prepared.headers;
        Http::HeaderList signature;
        if (!message.signScheme.isEmpty()) {
            Signing::SignOptions options;
            options.id = run.signingId;
            options.contentType = contentTypeOf(headers);
            const QByteArray &signedBody = message.bodyFile.isEmpty() ? run.prepared.body : m_fileBodies.value(id);
            Signing::Signed made = Signing::sign(message.signScheme, message.signSecret, signedBody,
                                                 url.toString(QUrl::FullyEncoded), options);
            signature = made.headers;
            headers += signature;
        }
        request.headers = Http::OutgoingRequest::withDefaults(headers, url, run.bodySize, message.chunked);
        request.body = message.bodyFile.isEmpty() ? run.prepared.body : QByteArray();
        request.chunked = message.chunked;
        m_signatures.insert(connection, signature);
        connection->send(url, request, message.bodyFile);
    }

    void onFinished(Http::ClientConnection *connection, const Http::ExchangeResult &result)
    {
        const Busy busy = m_busy.take(connection);
        const Http::HeaderList signature = m_signatures.take(connection);
        if (connection->isReusable())
            m_idle[busy.key].append(connection);
        else {
            --m_connections;
            connection->deleteLater();
        }

        auto it = m_messages.find(busy.messageId);
        if (it != m_messages.end()) {
            Running &run = *it;
            Destination &d = run.destinations[busy.destination];
            d.running = nullptr;
            const RetryPolicy &policy = run.prepared.message.retry;
            const bool again = d.attempt < policy.maxAttempts && policy.retries(result);
            const qint64 wait = again ? policy.delayMs(d.attempt + 1, result, QDateTime::currentMSecsSinceEpoch()) : -1;
            report(busy.messageId, run, busy.destination, result, signature, !again, wait);
            if (again) {
                d.waiting = true;
                const qint64 id = busy.messageId;
                const int destination = busy.destination;
                QTimer::singleShot(int(wait), this, [this, id, destination] {
                    auto m = m_messages.find(id);
                    if (m == m_messages.end() || !m->destinations[destination].waiting)
                        return; // cancelled meanwhile
                    m_ready.push_back({id, destination});
                    dispatch();
                });
            }
        }
        dispatch();
    }

    void report(qint64 id, Running &run, int destination, Http::ExchangeResult result,
                const Http::HeaderList &signature, bool final, qint64 retryInMs)
    {
        AttemptReport r;
        r.messageId = id;
        r.messageUid = run.prepared.messageUid;
        r.destination = destination;
        r.attempt = std::max(1, run.destinations[destination].attempt);
        r.final = final;
        r.retryInMs = retryInMs;
        r.exchange = std::move(result);
        r.requestBody = run.prepared.body;
        r.signatureHeaders = signature;
        Q_EMIT attemptFinished(r);
        if (!final)
            return;
        run.destinations[destination].done = true;
        if (--run.open == 0) {
            m_messages.remove(id);
            m_fileBodies.remove(id);
            if (m_messages.isEmpty())
                m_idleTimer.start();
            Q_EMIT messageFinished(id);
        }
    }

    struct Busy
    {
        qint64 messageId = 0;
        int destination = 0;
        QString key;
    };

    QHash<qint64, Running> m_messages;
    QHash<qint64, QByteArray> m_fileBodies; // signed file bodies, read once per message
    std::deque<Ready> m_ready;
    QHash<Http::ClientConnection *, Busy> m_busy;
    QHash<Http::ClientConnection *, Http::HeaderList> m_signatures;
    QHash<QString, QList<Http::ClientConnection *>> m_idle;
    int m_connections = 0;
    QTimer m_idleTimer;
};

namespace {
std::atomic<qint64> g_nextMessageId{1};
}

Sender::Sender(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new Worker)
{
    qRegisterMetaType<Delivery::Prepared>();
    qRegisterMetaType<Delivery::AttemptReport>();
    qRegisterMetaType<Http::ExchangeResult>();
    m_thread->setObjectName(QStringLiteral("delivery"));
    m_worker->moveToThread(m_thread);
    connect(m_worker, &Worker::prepared, this, &Sender::prepared);
    connect(m_worker, &Worker::attemptFinished, this, &Sender::attemptFinished);
    connect(m_worker, &Worker::messageFinished, this, [this](qint64 id) {
        m_active.fetch_sub(1);
        Q_EMIT messageFinished(id);
    });
    m_thread->start();
}

Sender::~Sender()
{
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [worker] {
            worker->shutdown();
            delete worker;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void Sender::setMaxConnections(int connections)
{
    Worker *worker = m_worker;
    const int n = std::max(1, connections);
    QMetaObject::invokeMethod(worker, [worker, n] { worker->maxConnections = n; });
}

qint64 Sender::send(const Message &message, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return qint64(0);
    };
    if (message.destinations.isEmpty())
        return fail(tr("There is no destination to send to."));
    for (const QUrl &url : message.destinations) {
        if (!isHttpUrl(url))
            return fail(tr("%1 is not an http:// or https:// URL.").arg(url.toString()));
    }
    if (!message.signScheme.isEmpty()) {
        if (Signing::schemeTitle(message.signScheme).isEmpty())
            return fail(tr("There is no signature scheme called \"%1\".").arg(message.signScheme));
        if (message.signSecret.isEmpty())
            return fail(tr("Signing with %1 needs a secret.").arg(Signing::schemeTitle(message.signScheme)));
    }
    const qint64 id = g_nextMessageId.fetch_add(1);
    m_active.fetch_add(1);
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id, message] { worker->start(id, message); });
    return id;
}

void Sender::cancel(qint64 messageId)
{
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, messageId] { worker->cancel(messageId); });
}

void Sender::cancelAll()
{
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->cancelAll(); });
}

int Sender::activeMessages() const
{
    return int(m_active.load());
}

} // namespace Delivery

#include "sender.moc"
