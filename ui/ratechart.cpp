#include "ratechart.h"

#include <QPainter>
#include <QPainterPath>
#include <QTimer>

#include <algorithm>

namespace Gui {

RateChart::RateChart(QWidget *parent)
    : QWidget(parent)
{
    m_clock.start();
    auto *tick = new QTimer(this);
    tick->setInterval(1000);
    connect(tick, &QTimer::timeout, this, [this] {
        advance();
        update();
        setToolTip(tr("%n request(s) in the last second", nullptr, lastSecond()));
    });
    tick->start();
    setToolTip(tr("Requests per second, last minute"));
}

QSize RateChart::sizeHint() const
{
    return {120, fontMetrics().height()};
}

void RateChart::advance()
{
    const qint64 now = m_clock.elapsed() / 1000;
    while (m_second < now) {
        ++m_second;
        m_head = (m_head + 1) % kSeconds;
        m_counts[size_t(m_head)] = 0;
    }
}

void RateChart::add(qsizetype n)
{
    advance();
    m_counts[size_t(m_head)] += int(n);
}

int RateChart::lastSecond() const
{
    return m_counts[size_t((m_head + kSeconds - 1) % kSeconds)];
}

void RateChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(1, 1, -1, -1);
    const int peak = std::max(1, *std::max_element(m_counts.cbegin(), m_counts.cend()));
    QPainterPath path;
    for (int i = 0; i < kSeconds; ++i) {
        const int slot = (m_head + 1 + i) % kSeconds; // oldest first
        const QPointF point(r.left() + r.width() * i / (kSeconds - 1),
                            r.bottom() - r.height() * m_counts[size_t(slot)] / peak);
        if (i == 0)
            path.moveTo(point);
        else
            path.lineTo(point);
    }
    p.setPen(QPen(palette().color(QPalette::Highlight), 1.5));
    p.drawPath(path);
}

} // namespace Gui
