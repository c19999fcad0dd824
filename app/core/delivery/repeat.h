#pragma once

#include "sender.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>
#include <vector>

namespace Delivery {

/// How a message is repeated: a number of times, or at a rate for a while; either way with at most
/// `concurrency` requests in flight.
struct RepeatPlan
{
    int count = 1;            ///< messages in all (when no rate is set)
    int concurrency = 1;      ///< connections, so requests in flight, at most
    double ratePerSecond = 0; ///< > 0: messages start on this schedule...
    int durationMs = 0;       ///< ...for this long

    bool isRate() const { return ratePerSecond > 0; }
    /// Messages the plan sends in all.
    qint64 total() const;
    /// Why the plan cannot run (in a sentence), or empty.
    QString problem() const;
};

/// Every request's time to answer, kept whole so percentiles are exact, and sorted only when asked
/// (merging the new samples into the sorted ones: cheap enough to ask several times a second).
class LatencyRecord
{
public:
    void add(qint64 ns);
    qint64 count() const { return qint64(m_samples.size()); }
    /// Nearest rank: the smallest sample with at least fraction `p` (0..1) of all at or below it.
    qint64 percentileNs(double p) const;
    qint64 maxNs() const { return m_max; }
    /// Samples per bucket of `bucketNs` from 0; the last bucket also takes every larger sample.
    QList<qint64> histogram(qint64 bucketNs, int buckets) const;

private:
    void sort() const;

    mutable std::vector<qint64> m_samples;
    mutable size_t m_sorted = 0; // m_samples[0, m_sorted) is in order
    qint64 m_max = 0;
};

/// Where a repeated send stands, or how it ended.
struct RepeatSummary
{
    qint64 planned = 0;
    qint64 sent = 0;     ///< messages handed to the engine
    qint64 finished = 0; ///< messages whose every destination has its final answer
    qint64 requests = 0; ///< attempts made (retries count)
    /// Final answers by destination: "200", "503", "connect-failed", "timeout"...
    QMap<QString, qint64> outcomes;
    double seconds = 0; ///< from the first send to the last answer (to now while running)
    qint64 p50Ns = 0, p90Ns = 0, p99Ns = 0, maxNs = 0;
    bool stopped = false; ///< stopped before the plan was through
    QString error;        ///< why sending stopped on its own (the message cannot be sent)

    double requestsPerSecond() const { return seconds > 0 ? double(requests) / seconds : 0; }
    /// Lines a person reads (and copies): counts by outcome, latency percentiles, requests/s.
    QString text() const;
    /// count, outcomes {status: n}, p50_ms, p90_ms, p99_ms, max_ms, requests_per_second, seconds.
    QJsonObject json() const;
};

/**
 * Sends one message many times (Repeat in the panel, `hookscope send --repeat`): N times through
 * `concurrency` connections, or at a fixed rate for a duration. Placeholders resolve per message,
 * so each repeat has its own id and its own signature.
 *
 * The run has its own Sender, with `concurrency` connections: the engine's connection limit is what
 * holds the requests in flight, so the run never waits on a round trip between threads to start the
 * next one. It keeps only a bounded window of messages queued in the engine, so a million repeats
 * cost what a few thousand do. Connect to sender() for the messages and attempts (to store them).
 */
class RepeatRun : public QObject
{
    Q_OBJECT

public:
    RepeatRun(Message message, RepeatPlan plan, QObject *parent = nullptr);
    ~RepeatRun() override;

    Sender *sender() const { return m_sender.get(); }
    const RepeatPlan &plan() const { return m_plan; }
    void start();
    /// Sends nothing more and cancels what is in flight; finished() follows.
    void stop();
    bool isRunning() const { return m_running; }
    RepeatSummary summary() const;
    const LatencyRecord &latencies() const { return m_latencies; }

Q_SIGNALS:
    void finished();

private:
    void topUp();
    void sendOne();
    void onAttempt(const AttemptReport &report);
    void onMessageFinished(qint64 id);
    void finishIfDone();
    qint64 due() const;

    Message m_message;
    RepeatPlan m_plan;
    std::unique_ptr<Sender> m_sender;
    QTimer m_tick; // rate mode: sends what is due
    QElapsedTimer m_clock;
    qint64 m_endNs = -1; // when the last answer came
    QSet<qint64> m_inFlight;
    qint64 m_sent = 0;
    qint64 m_finished = 0;
    qint64 m_requests = 0;
    QMap<QString, qint64> m_outcomes;
    LatencyRecord m_latencies;
    bool m_running = false;
    bool m_stopped = false;
    QString m_error;
};

} // namespace Delivery
