#include "sender.h"
#include "variables.h"

#include "http/clientproxy.h"
#include "http/outgoingrequest.h"
#include "signing/signing.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <deque>
#include <mutex>
#include <unordered_map>
#include <vector>

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

/// What crosses between the Sender's thread and the delivery thread: messages one way, events the
/// other, each direction with at most one wake-up in flight however many items it carries (a
/// wake-up per item costs more than sending the item).
struct Sender::Mailbox
{
    std::mutex mutex;
    std::vector<std::pair<qint64, Message>> inbox;
    bool inboxPosted = false;
    std::vector<Event> outbox;
    bool outboxPosted = false;
};

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
    /// What a destination URL means on the wire, made once per message (or reused from the last one).
    struct Route
    {
        QString poolKey;   // the connections it may use
        QByteArray target; // the request-target
        QByteArray host;   // the Host value
    };
    struct Running
    {
        Prepared prepared;
        QByteArray signingId;
        qint64 bodySize = 0;
        QList<Destination> destinations;
        QList<Route> routes; // per destination
        int open = 0;        // destinations without their final report
    };
    struct Ready
    {
        qint64 messageId;
        int destination;
    };

    int maxConnections = 32;
    Sender *sender = nullptr; // where events go (Sender::deliver), on its own thread
    std::shared_ptr<Mailbox> mailbox;

    /// Idle keep-alive connections are closed this long after the last message finished.
    static constexpr int kIdleCloseMs = 15'000;

    /// Events wake the Sender's thread at most this often; the first after a quiet spell at once.
    static constexpr qint64 kWakeEveryNs = 1'000'000;

    Worker()
        : m_idleTimer(this) // children, so they move to the delivery thread with the worker
        , m_wakeTimer(this)
    {
        m_idleTimer.setSingleShot(true);
        m_idleTimer.setInterval(kIdleCloseMs);
        connect(&m_idleTimer, &QTimer::timeout, this, [this] { closeIdle(); });
        m_wakeTimer.setSingleShot(true);
        m_wakeTimer.setTimerType(Qt::PreciseTimer);
        connect(&m_wakeTimer, &QTimer::timeout, this, [this] { wakeSender(); });
        m_sinceWake.start();
    }

    /// Queues every message sent since the last time, then dispatches once.
    void takeInbox()
    {
        std::vector<std::pair<qint64, Message>> fresh;
        {
            std::lock_guard lock(mailbox->mutex);
            fresh.swap(mailbox->inbox);
            mailbox->inboxPosted = false;
        }
        for (auto &entry : fresh)
            m_pending.push_back(std::move(entry));
        dispatch();
    }

    /// Starts queued messages while fewer attempts than connections wait for one: a message is
    /// resolved when it is about to go, so ten thousand queued ones cost their Message each, not
    /// their resolved bytes and bookkeeping too.
    void startPending()
    {
        if (m_pending.empty() || m_ready.size() >= size_t(maxConnections))
            return;
        const Http::ProxyEnvironment environment = Http::ProxyEnvironment::system();
        while (!m_pending.empty() && m_ready.size() < size_t(maxConnections)) {
            auto [id, message] = std::move(m_pending.front());
            m_pending.pop_front();
            start(id, std::move(message), environment);
        }
    }

    /// Starts a queued message now (to cancel it); false when it is not queued.
    bool startQueued(qint64 id)
    {
        const auto it = std::find_if(m_pending.begin(), m_pending.end(), [id](const auto &e) { return e.first == id; });
        if (it == m_pending.end())
            return false;
        auto [queuedId, message] = std::move(*it);
        m_pending.erase(it);
        start(queuedId, std::move(message), Http::ProxyEnvironment::system());
        return true;
    }

    void start(qint64 id, Message message, const Http::ProxyEnvironment &environment)
    {
        m_idleTimer.stop();
        auto run = std::make_unique<Running>();
        run->prepared = prepare(id, std::move(message));
        if (!run->prepared.error.isEmpty()) {
            post(run->prepared);
            post(id);
            return;
        }
        const Message &m = run->prepared.message;
        if (!m.signScheme.isEmpty())
            run->signingId = stableSigningId(m.signScheme, QUuid::fromString(QLatin1String(run->prepared.messageUid)));
        run->bodySize = m.bodyFile.isEmpty() ? run->prepared.body.size() : QFileInfo(m.bodyFile).size();
        run->destinations.resize(m.destinations.size());
        run->routes = routesFor(m, environment);
        run->open = int(m.destinations.size());
        post(run->prepared);
        for (int i = 0; i < run->destinations.size(); ++i) {
            run->destinations[i].waiting = true;
            m_ready.push_back({id, i});
        }
        m_messages.emplace(id, std::move(run));
    }

    /// The routes of `m`'s destinations; the last message's when it goes the same way (a message
    /// sent many times over makes them once).
    QList<Route> routesFor(const Message &m, const Http::ProxyEnvironment &environment)
    {
        const bool sameWay = m.destinations == m_lastRouted.destinations && environment == m_lastEnvironment &&
                             m.client.useEnvironmentProxy == m_lastRouted.client.useEnvironmentProxy &&
                             m.client.tls.insecure == m_lastRouted.client.tls.insecure &&
                             m.client.tls.pinnedSha256 == m_lastRouted.client.tls.pinnedSha256;
        if (sameWay && !m_lastRoutes.isEmpty())
            return m_lastRoutes;
        QList<Route> routes;
        routes.reserve(m.destinations.size());
        for (const QUrl &url : m.destinations) {
            routes.append({Http::ClientConnection::poolKey(url, m.client, environment),
                           Http::OutgoingRequest::to(url).target, Http::OutgoingRequest::hostOf(url)});
        }
        m_lastRouted.destinations = m.destinations;
        m_lastRouted.client = m.client;
        m_lastEnvironment = environment;
        m_lastRoutes = routes;
        return routes;
    }

    void cancel(qint64 id)
    {
        startQueued(id); // it is reported like any other: prepared, then cancelled
        Running *run = find(id);
        if (!run)
            return;
        const int count = int(run->destinations.size());
        for (int i = 0; i < count; ++i) {
            // A report can finish the message and drop it: look it up again each time.
            run = find(id);
            if (!run)
                return;
            Destination &d = run->destinations[i];
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
            cancelled.url = run->prepared.message.destinations.at(i);
            cancelled.startedAtMs = QDateTime::currentMSecsSinceEpoch();
            report(id, *run, i, std::move(cancelled), {}, true, -1);
        }
    }

    void cancelAll()
    {
        const Http::ProxyEnvironment environment = Http::ProxyEnvironment::system();
        while (!m_pending.empty()) {
            auto [id, message] = std::move(m_pending.front());
            m_pending.pop_front();
            start(id, std::move(message), environment);
        }
        std::vector<qint64> ids;
        for (const auto &entry : m_messages)
            ids.push_back(entry.first);
        for (qint64 id : ids)
            cancel(id);
    }

    void shutdown()
    {
        m_pending.clear(); // nobody is left to hear about them
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

private:
    Running *find(qint64 id)
    {
        const auto it = m_messages.find(id);
        return it == m_messages.end() ? nullptr : it->second.get();
    }

    /// Hands an event to the Sender's thread; one wake-up carries every event made meanwhile.
    /// Wake-ups are spaced kWakeEveryNs apart: under load a wake-up per attempt would cost the
    /// sending thread more than the attempt's own system calls.
    void post(Event event)
    {
        {
            std::lock_guard lock(mailbox->mutex);
            mailbox->outbox.push_back(std::move(event));
            if (mailbox->outboxPosted)
                return;
            mailbox->outboxPosted = true;
        }
        const qint64 since = m_sinceWake.nsecsElapsed();
        if (since >= kWakeEveryNs)
            wakeSender();
        else if (!m_wakeTimer.isActive())
            m_wakeTimer.start(1); // what is left of the spacing, rounded up to the timer's 1 ms
    }

    void wakeSender()
    {
        m_sinceWake.restart();
        Sender *to = sender;
        QMetaObject::invokeMethod(
            to, [to] { to->deliver(); }, Qt::QueuedConnection);
    }

    Prepared prepare(qint64 id, Message message)
    {
        Prepared p;
        p.messageId = id;
        p.messageUid = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        p.createdAtMs = QDateTime::currentMSecsSinceEpoch();
        MessageVariables vars(message.variables, p.createdAtMs);
        const auto resolved = [&](const QByteArray &text) { return message.literal ? text : vars.resolved(text); };
        p.method = resolved(message.method);
        p.headers.reserve(message.headers.size());
        for (const auto &[name, value] : message.headers)
            p.headers.append({resolved(name), resolved(value)});
        if (message.bodyFile.isEmpty()) {
            p.body = resolved(message.body);
        } else {
            QFileInfo info(message.bodyFile);
            if (!info.isFile() || !info.isReadable())
                p.error = tr("The body file %1 cannot be read.").arg(message.bodyFile);
            else if (!message.signScheme.isEmpty())
                p.error = signFileBody(message.bodyFile, &m_fileBodies[id]);
        }
        p.unresolved = vars.unresolved();
        p.message = std::move(message);
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
        while (true) {
            startPending();
            if (m_ready.empty())
                return;
            const Ready next = m_ready.front();
            Running *run = find(next.messageId);
            if (!run || !run->destinations[next.destination].waiting) {
                m_ready.pop_front(); // cancelled while it waited
                continue;
            }
            const Message &message = run->prepared.message;
            const QUrl &url = message.destinations.at(next.destination);
            const QString &key = run->routes.at(next.destination).poolKey;
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
            startAttempt(next.messageId, *run, next.destination, connection, key);
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
        const Route &route = run.routes.at(destination);
        Http::OutgoingRequest request;
        request.method = run.prepared.method;
        request.target = message.rawTarget.isEmpty() ? route.target : message.rawTarget;
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
        request.headers = Http::OutgoingRequest::withDefaults(headers, route.host, run.bodySize, message.chunked);
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

        if (Running *found = find(busy.messageId)) {
            Running &run = *found;
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
                    Running *waiting = find(id);
                    if (!waiting || !waiting->destinations[destination].waiting)
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
        post(std::move(r));
        if (!final)
            return;
        run.destinations[destination].done = true;
        if (--run.open == 0) {
            m_messages.erase(id); // `run` is gone from here on
            m_fileBodies.remove(id);
            if (m_messages.empty())
                m_idleTimer.start();
            post(id);
        }
    }

    struct Busy
    {
        qint64 messageId = 0;
        int destination = 0;
        QString key;
    };

    // Running by address-stable pointer: a reference taken before an insert stays valid.
    std::unordered_map<qint64, std::unique_ptr<Running>> m_messages;
    QHash<qint64, QByteArray> m_fileBodies;           // signed file bodies, read once per message
    std::deque<std::pair<qint64, Message>> m_pending; // sent, not started yet, in order
    Message m_lastRouted; // destinations and client options only: whose routes m_lastRoutes are
    Http::ProxyEnvironment m_lastEnvironment;
    QList<Route> m_lastRoutes;
    std::deque<Ready> m_ready;
    QHash<Http::ClientConnection *, Busy> m_busy;
    QHash<Http::ClientConnection *, Http::HeaderList> m_signatures;
    QHash<QString, QList<Http::ClientConnection *>> m_idle;
    int m_connections = 0;
    QTimer m_idleTimer;
    QTimer m_wakeTimer;
    QElapsedTimer m_sinceWake; // since the Sender's thread was last woken
};

namespace {
std::atomic<qint64> g_nextMessageId{1};
}

Sender::Sender(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new Worker)
    , m_mailbox(std::make_shared<Mailbox>())
{
    qRegisterMetaType<Delivery::Prepared>();
    qRegisterMetaType<Delivery::AttemptReport>();
    qRegisterMetaType<Http::ExchangeResult>();
    m_thread->setObjectName(QStringLiteral("delivery"));
    m_worker->sender = this;
    m_worker->mailbox = m_mailbox;
    m_worker->moveToThread(m_thread);
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
    {
        std::lock_guard lock(m_mailbox->mutex);
        m_mailbox->inbox.emplace_back(id, message);
        if (m_mailbox->inboxPosted)
            return id; // the wake-up already on its way takes this one too
        m_mailbox->inboxPosted = true;
    }
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->takeInbox(); });
    return id;
}

void Sender::deliver()
{
    std::vector<Event> events;
    {
        std::lock_guard lock(m_mailbox->mutex);
        events.swap(m_mailbox->outbox);
        m_mailbox->outboxPosted = false;
    }
    for (Event &event : events) {
        if (const auto *p = std::get_if<Prepared>(&event)) {
            Q_EMIT prepared(*p);
        } else if (const auto *r = std::get_if<AttemptReport>(&event)) {
            Q_EMIT attemptFinished(*r);
        } else {
            m_active.fetch_sub(1);
            Q_EMIT messageFinished(std::get<qint64>(event));
        }
    }
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
