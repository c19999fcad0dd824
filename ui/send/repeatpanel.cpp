#include "repeatpanel.h"
#include "historymodel.h"
#include "latencychart.h"
#include "senderpanel.h"

#include <QAction>
#include <QButtonGroup>
#include <QClipboard>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Gui {

namespace {

constexpr int kRefreshMs = 250; // four times a second: live enough, and never per message
constexpr int kChartBuckets = 40;

QString msText(qint64 ns)
{
    return QString::number(double(ns) / 1e6, 'f', 2);
}

QSpinBox *spinBox(QWidget *parent, const char *name, int min, int max, int value, const QString &suffix = {})
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(QLatin1String(name));
    box->setRange(min, max);
    box->setValue(value);
    box->setGroupSeparatorShown(true);
    box->setSuffix(suffix);
    return box;
}

QAction *action(QObject *parent, const char *name, const QString &text)
{
    auto *a = new QAction(text, parent);
    a->setObjectName(QLatin1String(name));
    return a;
}

QToolButton *button(QWidget *parent, QAction *action)
{
    auto *b = new QToolButton(parent);
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}

} // namespace

RepeatPanel::RepeatPanel(SenderPanel *panel)
    : QWidget(panel)
    , m_panel(panel)
    , m_byCount(new QRadioButton(tr("Send it"), this))
    , m_byRate(new QRadioButton(tr("Send at"), this))
    , m_count(spinBox(this, "repeatCount", 1, 100'000'000, 1000, tr(" times")))
    , m_rate(new QDoubleSpinBox(this))
    , m_seconds(spinBox(this, "repeatSeconds", 1, 24 * 3600, 10, tr(" s")))
    , m_concurrency(spinBox(this, "repeatConcurrency", 1, 1024, 8))
    , m_status(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_speed(new QLabel(this))
    , m_latency(new QLabel(this))
    , m_chart(new LatencyChart(this))
    , m_repeat(action(this, "repeat", tr("Rep&eat")))
    , m_stop(action(this, "stopRepeat", tr("Stop Repe&ating")))
    , m_copy(action(this, "copyRepeatSummary", tr("Copy Repeat S&ummary")))
{
    setObjectName(QStringLiteral("repeatPanel"));
    m_repeat->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Enter)});
    m_repeat->setToolTip(tr("Send the composed message again and again, as set in Repeat (%1)")
                             .arg(m_repeat->shortcut().toString(QKeySequence::NativeText)));
    m_copy->setToolTip(tr("Copy the counts, percentiles and requests/s as text"));
    connect(m_repeat, &QAction::triggered, this, &RepeatPanel::start);
    connect(m_stop, &QAction::triggered, this, &RepeatPanel::stop);
    connect(m_copy, &QAction::triggered, this, [this] {
        if (m_run)
            QGuiApplication::clipboard()->setText(m_run->summary().text());
    });

    m_byCount->setObjectName(QStringLiteral("repeatByCount"));
    m_byRate->setObjectName(QStringLiteral("repeatByRate"));
    m_byCount->setChecked(true);
    auto *mode = new QButtonGroup(this);
    mode->addButton(m_byCount);
    mode->addButton(m_byRate);
    m_rate->setObjectName(QStringLiteral("repeatRate"));
    m_rate->setRange(0.1, 1'000'000);
    m_rate->setDecimals(1);
    m_rate->setValue(100);
    m_rate->setGroupSeparatorShown(true);
    m_rate->setSuffix(tr(" a second"));
    m_concurrency->setToolTip(tr("Connections, so requests in flight, at most"));
    const auto enableBoxes = [this] {
        m_count->setEnabled(m_byCount->isChecked());
        m_rate->setEnabled(m_byRate->isChecked());
        m_seconds->setEnabled(m_byRate->isChecked());
    };
    connect(m_byCount, &QRadioButton::toggled, this, enableBoxes);
    enableBoxes();

    auto *plan = new QGridLayout;
    plan->addWidget(m_byCount, 0, 0);
    plan->addWidget(m_count, 0, 1);
    plan->addWidget(m_byRate, 1, 0);
    plan->addWidget(m_rate, 1, 1);
    plan->addWidget(new QLabel(tr("for"), this), 1, 2);
    plan->addWidget(m_seconds, 1, 3);
    plan->addWidget(new QLabel(tr("through"), this), 2, 0);
    plan->addWidget(m_concurrency, 2, 1);
    plan->addWidget(new QLabel(tr("connections"), this), 2, 2, 1, 2);
    plan->setColumnStretch(4, 1);

    auto *buttons = new QHBoxLayout;
    for (QAction *a : {m_repeat, m_stop, m_copy})
        buttons->addWidget(button(this, a));
    buttons->addWidget(m_status, 1);

    m_status->setObjectName(QStringLiteral("repeatStatus"));
    m_counts->setObjectName(QStringLiteral("repeatCounts"));
    m_speed->setObjectName(QStringLiteral("repeatSpeed"));
    m_latency->setObjectName(QStringLiteral("repeatLatency"));
    for (QLabel *label : {m_status, m_counts, m_speed, m_latency}) {
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setWordWrap(true);
    }
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(plan);
    layout->addLayout(buttons);
    layout->addWidget(m_counts);
    layout->addWidget(m_speed);
    layout->addWidget(m_latency);
    layout->addWidget(m_chart, 1);

    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &RepeatPanel::refresh);
    showStatus(tr("Repeat the composed message (%1)").arg(m_repeat->shortcut().toString(QKeySequence::NativeText)));
    updateActions();
}

RepeatPanel::~RepeatPanel()
{
    if (m_run)
        m_run->stop();
}

Delivery::RepeatPlan RepeatPanel::plan() const
{
    Delivery::RepeatPlan plan;
    plan.concurrency = m_concurrency->value();
    if (m_byRate->isChecked()) {
        plan.ratePerSecond = m_rate->value();
        plan.durationMs = m_seconds->value() * 1000;
    } else {
        plan.count = m_count->value();
    }
    return plan;
}

void RepeatPanel::setPlan(const Delivery::RepeatPlan &plan)
{
    m_concurrency->setValue(plan.concurrency);
    (plan.isRate() ? m_byRate : m_byCount)->setChecked(true);
    if (plan.isRate()) {
        m_rate->setValue(plan.ratePerSecond);
        m_seconds->setValue(std::max(1, plan.durationMs / 1000));
    } else {
        m_count->setValue(plan.count);
    }
}

bool RepeatPanel::start()
{
    if (isRunning())
        return false;
    QString problem;
    const Delivery::Message message = m_panel->message(&problem);
    const Delivery::RepeatPlan plan = this->plan();
    if (problem.isEmpty())
        problem = plan.problem();
    if (!problem.isEmpty()) {
        showStatus(problem, true);
        return false;
    }
    if (m_run) // later: start() may be called from a slot of the last run's finished()
        m_run.release()->deleteLater();
    m_run = std::make_unique<Delivery::RepeatRun>(message, plan);
    // Stored in the session the way the panel's own sends are (SentSession listens to the panel).
    connect(m_run->sender(), &Delivery::Sender::prepared, m_panel, &SenderPanel::messagePrepared);
    connect(m_run->sender(), &Delivery::Sender::attemptFinished, m_panel, &SenderPanel::attemptReported);
    connect(m_run.get(), &Delivery::RepeatRun::finished, this, &RepeatPanel::onFinished);
    --m_historyId;
    m_panel->history()->add(
        {m_historyId, QDateTime::currentMSecsSinceEpoch(), message, tr("repeating %L1 times…").arg(plan.total())});
    m_chart->clear();
    m_run->start();
    if (!m_run->isRunning())
        return false; // not even the first could be sent: finished() has said why
    m_refresh.start();
    refresh();
    updateActions();
    Q_EMIT started();
    Q_EMIT runningChanged(true);
    return true;
}

void RepeatPanel::stop()
{
    if (isRunning())
        m_run->stop();
}

void RepeatPanel::onFinished()
{
    m_refresh.stop();
    refresh();
    const Delivery::RepeatSummary s = m_run->summary();
    QString outcome = tr("repeated: %L1 of %L2 answered (%3)").arg(s.finished).arg(s.planned).arg(countsText());
    if (s.stopped)
        outcome += tr(", stopped");
    m_panel->history()->setOutcome(m_historyId, outcome);
    updateActions();
    Q_EMIT runningChanged(false);
}

void RepeatPanel::refresh()
{
    if (!m_run)
        return;
    const Delivery::RepeatSummary s = m_run->summary();
    if (m_run->isRunning())
        showStatus(tr("Repeating… %L1 of %L2 messages answered in %3 s")
                       .arg(s.finished)
                       .arg(s.planned)
                       .arg(s.seconds, 0, 'f', 1));
    else if (!s.error.isEmpty())
        showStatus(tr("Stopped: %1").arg(s.error), true);
    else if (s.stopped)
        showStatus(tr("Stopped after %L1 of %L2 messages").arg(s.finished).arg(s.planned));
    else
        showStatus(tr("Done: %L1 messages in %2 s").arg(s.finished).arg(s.seconds, 0, 'f', 2));
    QStringList counts;
    for (auto it = s.outcomes.cbegin(); it != s.outcomes.cend(); ++it)
        counts << tr("%1: %L2").arg(it.key()).arg(it.value());
    m_counts->setText(counts.join(QStringLiteral("   ")));
    m_speed->setText(tr("%L1 requests/s (%L2 requests)").arg(s.requestsPerSecond(), 0, 'f', 0).arg(s.requests));
    m_latency->setText(s.maxNs > 0 ? tr("latency p50 %1 ms · p90 %2 ms · p99 %3 ms · max %4 ms")
                                         .arg(msText(s.p50Ns), msText(s.p90Ns), msText(s.p99Ns), msText(s.maxNs))
                                   : QString());
    if (s.maxNs <= 0)
        return;
    // Up to a quarter past the p99 (or the slowest, if nearer): the tail beyond gathers in the last bar.
    const qint64 upper = std::max<qint64>(1000, std::min(s.maxNs, s.p99Ns + s.p99Ns / 4));
    const qint64 bucket = LatencyChart::bucketFor(upper, kChartBuckets - 1);
    const int buckets = int(upper / bucket) + 2;
    m_chart->setHistogram(m_run->latencies().histogram(bucket, buckets), bucket, {s.p50Ns, s.p90Ns, s.p99Ns});
}

bool RepeatPanel::isUsable(const QAction *action) const
{
    if (action == m_repeat)
        return !isRunning();
    if (action == m_stop)
        return isRunning();
    if (action == m_copy)
        return m_run != nullptr;
    return true;
}

void RepeatPanel::updateActions()
{
    for (QAction *a : actions())
        a->setEnabled(isUsable(a));
}

QString RepeatPanel::statusText() const
{
    return m_status->text();
}

QString RepeatPanel::countsText() const
{
    return m_counts->text();
}

QString RepeatPanel::speedText() const
{
    return m_speed->text();
}

QString RepeatPanel::latencyText() const
{
    return m_latency->text();
}

void RepeatPanel::showStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #c0392b") : QString());
}

} // namespace Gui
