#pragma once

#include <QElapsedTimer>
#include <QWidget>

#include <array>

namespace Gui {

/// A small live chart of requests per second over the last minute, for the status bar.
class RateChart : public QWidget
{
    Q_OBJECT

public:
    explicit RateChart(QWidget *parent = nullptr);

    /// Counts `n` requests now.
    void add(qsizetype n);
    /// Requests in the last whole second.
    int lastSecond() const;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void advance();

    static constexpr int kSeconds = 60;
    std::array<int, kSeconds> m_counts{};
    int m_head = 0; // the current second's slot
    qint64 m_second = 0;
    QElapsedTimer m_clock;
};

} // namespace Gui
