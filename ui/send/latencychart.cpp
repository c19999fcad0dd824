#include "latencychart.h"

#include <QPaintEvent>
#include <QPainter>

#include <algorithm>

namespace Gui {

namespace {

QString msLabel(qint64 ns)
{
    const double ms = double(ns) / 1e6;
    return QStringLiteral("%1 ms").arg(ms, 0, 'f', ms < 1 ? 2 : ms < 10 ? 1 : 0);
}

} // namespace

LatencyChart::LatencyChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("latencyChart"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(tr("Answers by latency; the last bar also holds every slower answer"));
}

void LatencyChart::setHistogram(const QList<qint64> &counts, qint64 bucketNs, LatencyMarks marks)
{
    m_counts = counts;
    m_bucketNs = bucketNs;
    m_marks = marks;
    update();
}

void LatencyChart::clear()
{
    setHistogram({}, 0);
}

qint64 LatencyChart::total() const
{
    qint64 sum = 0;
    for (qint64 n : m_counts)
        sum += n;
    return sum;
}

qint64 LatencyChart::bucketFor(qint64 upperNs, int buckets)
{
    const qint64 wanted = std::max<qint64>(1, (std::max<qint64>(upperNs, 1) + buckets - 1) / std::max(buckets, 1));
    for (qint64 decade = 1;; decade *= 10) {
        for (qint64 step : {1, 2, 5}) {
            if (step * decade >= wanted)
                return step * decade;
        }
    }
}

QSize LatencyChart::sizeHint() const
{
    return {360, 160};
}

QSize LatencyChart::minimumSizeHint() const
{
    return {160, 80};
}

void LatencyChart::paintEvent(QPaintEvent *event)
{
    QPainter p(this);
    p.fillRect(event->rect(), palette().base());
    const QFontMetrics fm = fontMetrics();
    const qint64 most = m_counts.isEmpty() ? 0 : *std::max_element(m_counts.cbegin(), m_counts.cend());
    if (most == 0 || m_bucketNs <= 0) {
        p.setPen(palette().color(QPalette::Disabled, QPalette::Text));
        p.drawText(rect(), Qt::AlignCenter, tr("No answers yet"));
        return;
    }
    const int left = fm.horizontalAdvance(QString::number(most)) + 8;
    const QRect plot = rect().adjusted(left, fm.height() + 4, -8, -(fm.height() + 6));
    if (plot.width() < 4 || plot.height() < 4)
        return;
    const int n = int(m_counts.size());
    const double barWidth = double(plot.width()) / n;
    const QColor bar = palette().color(QPalette::Highlight);
    for (int i = 0; i < n; ++i) {
        if (m_counts.at(i) == 0)
            continue;
        const int height = std::max(1, int(double(plot.height()) * double(m_counts.at(i)) / double(most)));
        const QRectF r(plot.left() + i * barWidth, plot.bottom() + 1 - height, std::max(1.0, barWidth - 1), height);
        p.fillRect(r, i == n - 1 ? bar.darker(130) : bar);
    }
    p.setPen(palette().color(QPalette::Text));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawText(QRect(0, plot.top() - fm.height() / 2, left - 4, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
               QString::number(most));
    const int labelsTop = plot.bottom() + 4;
    p.drawText(QRect(plot.left(), labelsTop, plot.width() / 2, fm.height()), Qt::AlignLeft, msLabel(0));
    p.drawText(QRect(plot.center().x(), labelsTop, plot.width() / 2 + 1, fm.height()), Qt::AlignRight,
               QStringLiteral("≥ %1").arg(msLabel(m_bucketNs * (n - 1))));

    // The percentiles as dashed lines, labelled at the top.
    const qint64 spanNs = m_bucketNs * n;
    QPen dashed(palette().color(QPalette::Text), 1, Qt::DashLine);
    const std::pair<qint64, QString> marks[] = {{m_marks.p50Ns, QStringLiteral("p50")},
                                                {m_marks.p90Ns, QStringLiteral("p90")},
                                                {m_marks.p99Ns, QStringLiteral("p99")}};
    int lastLabelEnd = -1;
    for (const auto &[ns, name] : marks) {
        if (ns <= 0)
            continue;
        const int x = plot.left() + int(double(plot.width()) * double(std::min(ns, spanNs)) / double(spanNs));
        p.setPen(dashed);
        p.drawLine(x, plot.top(), x, plot.bottom());
        const int width = fm.horizontalAdvance(name);
        const int labelX = std::max(x - width / 2, lastLabelEnd + 4);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(labelX, fm.ascent() + 1, name);
        lastLabelEnd = labelX + width;
    }
}

} // namespace Gui
