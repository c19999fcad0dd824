#pragma once

#include <QList>
#include <QWidget>

namespace Gui {

/// Where LatencyChart draws the percentile lines, in nanoseconds (0: not drawn).
struct LatencyMarks
{
    qint64 p50Ns = 0, p90Ns = 0, p99Ns = 0;
};

/**
 * A latency histogram: one bar per bucket of equal width from 0 ms, the last bucket also holding
 * everything slower, with the p50, p90 and p99 marked. Painted by hand, since a few dozen bars a
 * few times a second need nothing of a chart library.
 */
class LatencyChart : public QWidget
{
    Q_OBJECT

public:
    explicit LatencyChart(QWidget *parent = nullptr);

    /// Shows `counts`, bucket i holding the samples in [i·bucketNs, (i+1)·bucketNs).
    void setHistogram(const QList<qint64> &counts, qint64 bucketNs, LatencyMarks marks = {});
    void clear();
    const QList<qint64> &counts() const { return m_counts; }
    qint64 bucketNs() const { return m_bucketNs; }
    /// Samples shown in all.
    qint64 total() const;

    /// A bucket width of 1, 2 or 5 × 10^k ns giving at most `buckets` buckets up to `upperNs`.
    static qint64 bucketFor(qint64 upperNs, int buckets);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<qint64> m_counts;
    qint64 m_bucketNs = 0;
    LatencyMarks m_marks;
};

} // namespace Gui
