#include "repeat.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace Delivery {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Delivery::RepeatRun", text);
}

double toMs(qint64 ns)
{
    return double(ns) / 1e6;
}

/// Milliseconds with two decimals: what a latency is read in.
QString msText(qint64 ns)
{
    return QString::number(toMs(ns), 'f', 2);
}

} // namespace

qint64 RepeatPlan::total() const
{
    if (!isRate())
        return count;
    return std::max<qint64>(1, qint64(std::floor(ratePerSecond * durationMs / 1000.0)));
}

QString RepeatPlan::problem() const
{
    if (concurrency < 1)
        return tr("The concurrency must be at least 1.");
    if (isRate()) {
        if (durationMs < 1)
            return tr("A rate needs a duration.");
        if (ratePerSecond > 1'000'000)
            return tr("The rate can be at most 1,000,000 per second.");
        return {};
    }
    if (count < 1)
        return tr("The number of repeats must be at least 1.");
    return {};
}

void LatencyRecord::add(qint64 ns)
{
    m_samples.push_back(ns);
    m_max = std::max(m_max, ns);
}

void LatencyRecord::sort() const
{
    if (m_sorted == m_samples.size())
        return;
    const auto middle = m_samples.begin() + qsizetype(m_sorted);
    std::sort(middle, m_samples.end());
    std::inplace_merge(m_samples.begin(), middle, m_samples.end());
    m_sorted = m_samples.size();
}

qint64 LatencyRecord::percentileNs(double p) const
{
    if (m_samples.empty())
        return 0;
    sort();
    const auto n = qint64(m_samples.size());
    const qint64 rank = std::clamp<qint64>(qint64(std::ceil(std::clamp(p, 0.0, 1.0) * double(n))), 1, n);
    return m_samples[size_t(rank - 1)];
}

QList<qint64> LatencyRecord::histogram(qint64 bucketNs, int buckets) const
{
    QList<qint64> counts(std::max(buckets, 0), 0);
    if (counts.isEmpty() || bucketNs <= 0)
        return counts;
    for (qint64 ns : m_samples)
        ++counts[int(std::min<qint64>(ns / bucketNs, buckets - 1))];
    return counts;
}

QString RepeatSummary::text() const
{
    QString out = tr("%1 requests in %2 s: %3 requests/s")
                      .arg(requests)
                      .arg(seconds, 0, 'f', 2)
                      .arg(requestsPerSecond(), 0, 'f', 0);
    if (planned > 0 && finished < planned)
        out += tr(" (%1 of %2 messages%3)").arg(finished).arg(planned).arg(stopped ? tr(", stopped") : QString());
    out += u'\n';
    for (auto it = outcomes.cbegin(); it != outcomes.cend(); ++it)
        out += QStringLiteral("  %1: %2\n").arg(it.key()).arg(it.value());
    out += tr("latency p50 %1 ms, p90 %2 ms, p99 %3 ms, max %4 ms\n")
               .arg(msText(p50Ns), msText(p90Ns), msText(p99Ns), msText(maxNs));
    if (!error.isEmpty())
        out += error + u'\n';
    return out;
}

QJsonObject RepeatSummary::json() const
{
    QJsonObject byStatus;
    for (auto it = outcomes.cbegin(); it != outcomes.cend(); ++it)
        byStatus.insert(it.key(), it.value());
    const auto ms = [](qint64 ns) { return std::round(toMs(ns) * 1000) / 1000; };
    QJsonObject o{{QStringLiteral("count"), finished},
                  {QStringLiteral("requests"), requests},
                  {QStringLiteral("by_status"), byStatus},
                  {QStringLiteral("p50_ms"), ms(p50Ns)},
                  {QStringLiteral("p90_ms"), ms(p90Ns)},
                  {QStringLiteral("p99_ms"), ms(p99Ns)},
                  {QStringLiteral("max_ms"), ms(maxNs)},
                  {QStringLiteral("requests_per_second"), std::round(requestsPerSecond() * 10) / 10},
                  {QStringLiteral("seconds"), std::round(seconds * 1000) / 1000},
                  {QStringLiteral("stopped"), stopped}};
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    return o;
}

RepeatRun::RepeatRun(Message message, RepeatPlan plan, QObject *parent)
    : QObject(parent)
    , m_message(std::move(message))
    , m_plan(plan)
    , m_sender(std::make_unique<Sender>())
    , m_tick(this)
{
    m_sender->setMaxConnections(m_plan.concurrency);
    connect(m_sender.get(), &Sender::attemptFinished, this, &RepeatRun::onAttempt);
    connect(m_sender.get(), &Sender::messageFinished, this, &RepeatRun::onMessageFinished);
    m_tick.setTimerType(Qt::PreciseTimer);
    m_tick.setInterval(1);
    connect(&m_tick, &QTimer::timeout, this, &RepeatRun::topUp);
}

RepeatRun::~RepeatRun()
{
    m_tick.stop();
    QObject::disconnect(m_sender.get(), nullptr, this, nullptr);
}

void RepeatRun::start()
{
    if (m_running || m_clock.isValid())
        return; // a run runs once
    m_running = true;
    m_clock.start();
    if (const QString problem = m_plan.problem(); !problem.isEmpty()) {
        m_error = problem;
        m_running = false;
        Q_EMIT finished();
        return;
    }
    if (m_plan.isRate())
        m_tick.start();
    topUp();
}

void RepeatRun::stop()
{
    if (!m_running || m_stopped)
        return;
    m_stopped = true;
    m_tick.stop();
    for (qint64 id : std::as_const(m_inFlight))
        m_sender->cancel(id);
    finishIfDone();
}

qint64 RepeatRun::due() const
{
    if (!m_plan.isRate())
        return m_plan.total();
    // The first message at once, then one every 1/rate seconds.
    const auto byNow = qint64(std::floor(double(m_clock.nsecsElapsed()) * m_plan.ratePerSecond / 1e9)) + 1;
    return std::min(byNow, m_plan.total());
}

void RepeatRun::topUp()
{
    // Enough queued in the engine that it never waits for this thread, few enough to stay small.
    const qsizetype window = std::max(4 * m_plan.concurrency, 1024);
    const qint64 until = due();
    while (!m_stopped && m_error.isEmpty() && m_sent < until && m_inFlight.size() < window)
        sendOne();
    if (m_sent >= m_plan.total() || !m_error.isEmpty())
        m_tick.stop();
    finishIfDone();
}

void RepeatRun::sendOne()
{
    QString error;
    const qint64 id = m_sender->send(m_message, &error);
    if (id == 0) {
        m_error = error;
        return;
    }
    m_inFlight.insert(id);
    ++m_sent;
}

void RepeatRun::onAttempt(const AttemptReport &report)
{
    if (!m_inFlight.contains(report.messageId))
        return;
    ++m_requests;
    if (report.exchange.durationNs > 0)
        m_latencies.add(report.exchange.durationNs);
    if (report.final) {
        const Http::ExchangeResult &e = report.exchange;
        ++m_outcomes[e.hasResponse() ? QString::number(e.response.status())
                                     : Http::ExchangeResult::outcomeName(e.outcome)];
    }
}

void RepeatRun::onMessageFinished(qint64 id)
{
    if (!m_inFlight.remove(id))
        return;
    ++m_finished;
    m_endNs = m_clock.nsecsElapsed();
    if (m_plan.isRate())
        finishIfDone(); // the tick sends the next ones on their schedule
    else
        topUp();
}

void RepeatRun::finishIfDone()
{
    if (!m_running || !m_inFlight.isEmpty())
        return;
    if (!m_stopped && m_error.isEmpty() && m_sent < m_plan.total())
        return;
    m_running = false;
    m_tick.stop();
    if (m_endNs < 0)
        m_endNs = m_clock.nsecsElapsed();
    Q_EMIT finished();
}

RepeatSummary RepeatRun::summary() const
{
    RepeatSummary s;
    s.planned = m_plan.total();
    s.sent = m_sent;
    s.finished = m_finished;
    s.requests = m_requests;
    s.outcomes = m_outcomes;
    if (m_clock.isValid())
        s.seconds = double(m_running ? m_clock.nsecsElapsed() : m_endNs) / 1e9;
    s.p50Ns = m_latencies.percentileNs(0.50);
    s.p90Ns = m_latencies.percentileNs(0.90);
    s.p99Ns = m_latencies.percentileNs(0.99);
    s.maxNs = m_latencies.maxNs();
    s.stopped = m_stopped;
    s.error = m_error;
    return s;
}

} // namespace Delivery
