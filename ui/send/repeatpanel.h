#pragma once

#include "delivery/repeat.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QAction;
class QDoubleSpinBox;
class QLabel;
class QRadioButton;
class QSpinBox;

namespace Gui {

class LatencyChart;
class SenderPanel;

/**
 * Repeat in the sender: the panel's message (SenderPanel::message(), so signing, accepted
 * certificates and options apply) sent N times through C connections, or at R a second for D
 * seconds, by a Delivery::RepeatRun. While it runs, and after, it shows the answers by status,
 * requests/s, latency percentiles and a histogram, refreshed four times a second (never per
 * message); "Copy Summary" puts RepeatSummary::text() on the clipboard.
 *
 * Every repeated message and attempt goes to the open session through the panel's
 * messagePrepared/attemptReported, as the panel's own sends do. The history gets one entry for
 * the run, not one per message: ten thousand identical rows would bury what was sent by hand.
 */
class RepeatPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RepeatPanel(SenderPanel *panel);
    ~RepeatPanel() override;

    Delivery::RepeatPlan plan() const;
    /// Shows `plan` in the boxes (a rate plan switches to "at a rate").
    void setPlan(const Delivery::RepeatPlan &plan);

    /// Starts repeating what the panel composes; false (and a status) when it cannot start.
    bool start();
    /// Sends nothing more and cancels what is in flight; the run ends as "stopped".
    void stop();
    bool isRunning() const { return m_run && m_run->isRunning(); }
    /// The run shown: the one running or the last one (null before the first).
    const Delivery::RepeatRun *run() const { return m_run.get(); }
    /// Whether `action` (one of actions()) can be used now.
    bool isUsable(const QAction *action) const;
    /// "repeat", "stopRepeat", "copyRepeatSummary".
    QList<QAction *> actions() const { return {m_repeat, m_stop, m_copy}; }

    QString statusText() const;
    /// The final answers by status or outcome: "200: 198   503: 2".
    QString countsText() const;
    QString speedText() const;
    QString latencyText() const;
    LatencyChart *chart() const { return m_chart; }

Q_SIGNALS:
    void started();
    void runningChanged(bool running);

private:
    void refresh();
    void onFinished();
    void updateActions();
    void showStatus(const QString &text, bool problem = false);

    SenderPanel *m_panel;
    std::unique_ptr<Delivery::RepeatRun> m_run;
    qint64 m_historyId = 0; // the run's history entry (negative: apart from the Sender's numbers)
    QTimer m_refresh;
    QRadioButton *m_byCount;
    QRadioButton *m_byRate;
    QSpinBox *m_count;
    QDoubleSpinBox *m_rate;
    QSpinBox *m_seconds;
    QSpinBox *m_concurrency;
    QLabel *m_status;
    QLabel *m_counts;
    QLabel *m_speed;
    QLabel *m_latency;
    LatencyChart *m_chart;
    QAction *m_repeat;
    QAction *m_stop;
    QAction *m_copy;
};

} // namespace Gui
