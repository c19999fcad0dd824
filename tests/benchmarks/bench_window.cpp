// The window at scale, run by hand (see README.md in this folder):
//   bench_window rows [--rows N]     a million rows: scrolling and selecting per frame, filters, memory
//   bench_window flood [--seconds S] the GUI thread's longest stall while requests pour in
//   bench_window send [--messages N] the same while the sender panel sends N messages to the listener
//   bench_window repeat [--messages N] [--concurrency C]  the same while the panel repeats one message
// Headless (QT_QPA_PLATFORM=offscreen is set if nothing else is); prints figures, asserts nothing.

#include "benchmark.h"

#include "mainwindow.h"
#include "requesttablemodel.h"
#include "rowdelegate.h"
#include "send/bodyeditor.h"
#include "send/composer.h"
#include "send/repeatpanel.h"
#include "send/senderpanel.h"
#include "send/workspaces.h"

#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"
#include "filter/filter.h"
#include "filter/filterevaluator.h"
#include "session/scratch.h"
#include "session/storedrecord.h"
#include "session/summarystore.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Benchmark::residentKb;

struct Stats
{
    std::vector<double> ms;
    void add(double v) { ms.push_back(v); }
    void print(const char *what)
    {
        std::sort(ms.begin(), ms.end());
        double sum = 0;
        for (double v : ms)
            sum += v;
        std::printf("%-34s mean %6.2f ms   p95 %6.2f ms   worst %6.2f ms   (%zu frames)\n", what,
                    sum / double(ms.size()), ms[size_t(double(ms.size()) * 0.95)], ms.back(), ms.size());
    }
};

std::unique_ptr<Session::SummaryStore> bigStore(qint64 rows)
{
    static const char *const methods[] = {"POST", "POST", "POST", "PUT", "GET", "DELETE", "PATCH"};
    static const char *const types[] = {"application/json",    "application/x-www-form-urlencoded",
                                        "text/plain",          "application/xml",
                                        "multipart/form-data", ""};
    static const char *const sources[] = {"/hooks/github", "/hooks/stripe/events", "/shopify/orders/create",
                                          "/api/v2/webhooks/slack", "/twilio/sms"};
    static const int statuses[] = {200, 200, 200, 201, 204, 400, 404, 500, 503};
    static const char *const events[] = {"push", "invoice.paid", "orders/create", "app_mention", ""};
    auto store = std::make_unique<Session::SummaryStore>();
    QRandomGenerator rng(42);
    for (qint64 i = 1; i <= rows; ++i) {
        const QByteArray target = QByteArray(sources[i % 5]) + "?delivery=" + QByteArray::number(i);
        store->append(i, 1'780'000'000'000 + i * 37, methods[rng.bounded(7)], target, types[rng.bounded(6)],
                      rng.bounded(4096), QStringLiteral("10.0.%1.%2").arg(i % 4).arg(i % 250),
                      quint16(40000 + i % 20000), (i % 97 == 0) ? qint64(Session::FlagRejected) : qint64(0),
                      statuses[rng.bounded(9)], (i % 97 == 0) ? 400 : 0, {}, events[i % 5]);
    }
    return store;
}

int benchRows(qint64 rows)
{
    const qint64 before = residentKb();
    std::unique_ptr<Session::SummaryStore> store = bigStore(rows);
    const qint64 storeBytes = store->memoryUsage();
    Gui::RequestTableModel model;
    model.setStore(std::move(store));
    QTableView view;
    view.setModel(&model);
    view.setItemDelegate(new Gui::RowDelegate(&view)); // as the window does
    view.verticalHeader()->hide();
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(view.fontMetrics().height() + 6);
    view.horizontalHeader()->setStretchLastSection(true);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.resize(1200, 800);
    view.show();
    QApplication::processEvents();
    std::printf("model      %lld rows; store %.1f MB (%.0f bytes a row), model beyond the store %lld bytes a row\n",
                qint64(model.rowCount()), storeBytes / 1e6, double(storeBytes) / double(rows),
                model.memoryUsage() / qMax<qint64>(1, rows));

    // A frame: the change, then a synchronous repaint of the viewport into the window's backing
    // store, which is what the user sees.
    QRandomGenerator rng(7);
    // Scrolling: jump the scroll bar and page down, painting each frame in full.
    const auto scrollFrames = [&view, &rng](const char *what) {
        Stats scroll;
        for (int i = 0; i < 300; ++i) {
            QElapsedTimer t;
            t.start();
            QScrollBar *bar = view.verticalScrollBar();
            if (i % 2)
                bar->setValue(bar->value() + bar->pageStep());
            else
                bar->setValue(int(rng.bounded(bar->maximum() + 1)));
            QApplication::processEvents();
            view.viewport()->repaint();
            scroll.add(t.nsecsElapsed() / 1e6);
        }
        scroll.print(what);
    };
    scrollFrames("scroll a frame (1M rows)");
    // Selecting: a random row, then the next with the arrow key, as a user does.
    Stats select;
    for (int i = 0; i < 300; ++i) {
        QElapsedTimer t;
        t.start();
        const int row = i % 3 == 0 ? int(rng.bounded(model.rowCount())) : view.currentIndex().row() + 1;
        view.selectRow(qMin(row, model.rowCount() - 1));
        view.scrollTo(view.currentIndex());
        QApplication::processEvents();
        view.viewport()->repaint();
        select.add(t.nsecsElapsed() / 1e6);
    }
    select.print("select a row and paint");

    for (const char *text : {"method:POST", "status:>=400", "path:/hooks/git*", "type:json",
                             "method:POST status:>=400 type:json", "-method:GET", "github", "rejected:yes"}) {
        double best = 1e9;
        qint64 shown = 0;
        for (int i = 0; i < 5; ++i) {
            model.clearFilter();
            QElapsedTimer t;
            t.start();
            const Session::FilterEvaluator evaluator(Session::Filter::parse(QString::fromLatin1(text)));
            Session::FilterEvaluator::Matches m = evaluator.evaluate(model.store());
            model.setFilter(std::move(m.rows), {});
            QApplication::processEvents();
            best = std::min(best, t.nsecsElapsed() / 1e6);
            shown = model.rowCount();
        }
        std::printf("filter %-34s %7.1f ms  (%lld rows shown)\n", text, best, shown);
    }
    model.clearFilter();

    // Two custom columns (a delivery id, unique per row, and an amount), their values handed to the
    // model in the chunks the window's fill delivers, then the same frames with them on screen.
    model.setCustomColumns(
        {Session::CustomColumn::make(QStringLiteral("Delivery"), Session::CustomColumn::Source::Header,
                                     QStringLiteral("X-GitHub-Delivery")),
         Session::CustomColumn::make(QStringLiteral("Amount"), Session::CustomColumn::Source::Json,
                                     QStringLiteral("/data/object/amount"))});
    view.horizontalHeader()->moveSection(Gui::RequestTableModel::ColumnCount, 4); // on screen
    view.horizontalHeader()->moveSection(Gui::RequestTableModel::ColumnCount + 1, 5);
    QElapsedTimer fill;
    fill.start();
    double longestChunk = 0;
    for (qint64 first = 1; first <= rows; first += 16384) {
        QList<qint64> ids;
        QList<QByteArray> deliveries;
        QList<QByteArray> amounts;
        for (qint64 id = first; id < first + 16384 && id <= rows; ++id) {
            ids.append(id);
            deliveries.append("72d3162e-cc78-11e3-" + QByteArray::number(id, 16).rightJustified(12, '0'));
            amounts.append(QByteArray::number(id % 10007 * 100));
        }
        QElapsedTimer chunk;
        chunk.start();
        model.setCustomValues(0, ids, deliveries);
        model.setCustomValues(1, ids, amounts);
        longestChunk = std::max(longestChunk, chunk.nsecsElapsed() / 1e6);
    }
    std::printf("custom     2 columns × %lld rows stored in %.0f ms on the GUI thread (longest chunk of 16,384 rows "
                "%.1f ms); store now %.1f MB\n",
                rows, fill.nsecsElapsed() / 1e6, longestChunk, model.store().memoryUsage() / 1e6);
    scrollFrames("scroll a frame, custom columns");
    for (const auto &[column, name] : {std::pair{int(Gui::RequestTableModel::Target), "Target"},
                                       std::pair{int(Gui::RequestTableModel::Event), "Event"},
                                       std::pair{int(Gui::RequestTableModel::ColumnCount), "Delivery (custom)"},
                                       std::pair{int(Gui::RequestTableModel::ColumnCount) + 1, "Amount (custom)"}}) {
        QElapsedTimer t;
        t.start();
        model.sort(column, Qt::DescendingOrder);
        QApplication::processEvents();
        view.viewport()->repaint();
        std::printf("sort by %-26s %7.1f ms\n", name, t.nsecsElapsed() / 1e6);
    }
    Stats selectSorted;
    for (int i = 0; i < 300; ++i) {
        QElapsedTimer t;
        t.start();
        const int row = int(rng.bounded(model.rowCount()));
        view.selectRow(row);
        // What the window does on a reselect after a sort: find the request's row again.
        const int again = model.rowOfId(model.idAt(row));
        view.scrollTo(model.index(again, 0));
        QApplication::processEvents();
        view.viewport()->repaint();
        selectSorted.add(t.nsecsElapsed() / 1e6);
    }
    selectSorted.print("select and find again, sorted");
    model.sort(Gui::RequestTableModel::Id, Qt::AscendingOrder);
    std::printf("memory     %.1f MB resident after loading and filtering (%.1f MB before the rows)\n",
                residentKb() / 1024.0, before / 1024.0);
    return 0;
}

// A flood from other threads: plain blocking sockets, each sending as fast as answers come.
void flood(quint16 port, double perSecond, std::atomic<bool> &stop, std::atomic<qint64> &sent)
{
    QElapsedTimer pace;
    pace.start();
    qint64 mine = 0;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
        return;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const QByteArray body = QByteArray(R"({"event":"flood","pad":")") + QByteArray(900, 'x') + "\"}";
    const QByteArray request = "POST /flood HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: " +
                               QByteArray::number(body.size()) + "\r\n\r\n" + body;
    char buffer[4096];
    while (!stop) {
        // Keep to the rate: a request is due every 1/perSecond seconds.
        const qint64 dueNs = qint64(double(mine) * 1e9 / perSecond);
        const qint64 aheadNs = dueNs - pace.nsecsElapsed();
        if (aheadNs > 0)
            std::this_thread::sleep_for(std::chrono::nanoseconds(aheadNs));
        ++mine;
        if (::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) <= 0)
            break;
        // Read one answer: ours are small, and end with the JSON body's closing brace.
        qsizetype got = 0;
        bool done = false;
        while (!done && !stop) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                ::close(fd);
                return;
            }
            got += n;
            done = QByteArrayView(buffer, n).endsWith("}");
        }
        ++sent;
    }
    ::close(fd);
}

/// Times every event the GUI thread handles, outermost dispatch only: the longest one is the
/// longest the window's own work held the thread. A stall longer than that was the scheduler
/// giving the CPU to other threads.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_timing || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        // Named before: the event may delete its receiver (DeferredDelete), and it is a fresh
        // object each time for some events.
        const char *receiverClass = receiver ? receiver->metaObject()->className() : "?";
        const QEvent::Type type = event->type();
        const qint64 start = m_clock.nsecsElapsed();
        const bool result = QApplication::notify(receiver, event);
        const qint64 took = m_clock.nsecsElapsed() - start;
        --m_depth;
        m_busyNs += took;
        if (took > m_longestNs) {
            m_longestNs = took;
            m_longestType = type;
            m_longestReceiver = receiverClass;
        }
        return result;
    }

    void startTiming()
    {
        m_clock.start();
        m_timing = true;
    }
    void stopTiming() { m_timing = false; }
    void report() const
    {
        std::printf("gui        longest event handled %.1f ms (event type %d to a %s); busy %.0f%% of the time\n",
                    double(m_longestNs) / 1e6, int(m_longestType), m_longestReceiver.constData(),
                    100.0 * double(m_busyNs) / double(qMax<qint64>(1, m_clock.nsecsElapsed())));
    }

private:
    QElapsedTimer m_clock;
    bool m_timing = false;
    int m_depth = 0;
    qint64 m_busyNs = 0;
    qint64 m_longestNs = 0;
    QEvent::Type m_longestType = QEvent::None;
    QByteArray m_longestReceiver;
};

/// A 5 ms timer on the GUI thread: the longest gap between its ticks is the worst stall a user
/// would feel.
class StallProbe
{
public:
    explicit StallProbe(QObject *context)
    {
        m_clock.start();
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, context, [this] {
            const qint64 now = m_clock.elapsed();
            if (m_last > 0) {
                if (now - m_last > m_worst) {
                    m_worst = now - m_last;
                    m_worstAt = now;
                }
                m_gaps.push_back(now - m_last);
            }
            m_last = now;
        });
        m_timer.start(5);
    }
    void report()
    {
        std::sort(m_gaps.begin(), m_gaps.end());
        std::printf("gui        longest stall %lld ms (at %.1f s), p99 gap %lld ms (probe every 5 ms)\n", m_worst,
                    m_worstAt / 1000.0, m_gaps.empty() ? 0 : m_gaps[size_t(double(m_gaps.size()) * 0.99)]);
    }

private:
    QElapsedTimer m_clock;
    QTimer m_timer;
    qint64 m_last = 0;
    qint64 m_worst = 0;
    qint64 m_worstAt = 0;
    std::vector<qint64> m_gaps;
};

/// A window on a fresh scratch session (not last run's), shown and listening on a free port.
std::unique_ptr<Gui::MainWindow> listeningWindow()
{
    QStandardPaths::setTestModeEnabled(true);
    QDir(Session::Scratch::directory()).removeRecursively();
    Gui::WindowOptions options;
    options.port = 0;
    options.portAttempts = 1;
    auto window = std::make_unique<Gui::MainWindow>(options);
    window->resize(1200, 800);
    window->show();
    QElapsedTimer wait;
    wait.start();
    while (!window->engine()->isListening() && wait.elapsed() < 10000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return window;
}

int benchFlood(int seconds, int rate)
{
    const std::unique_ptr<Gui::MainWindow> shown = listeningWindow();
    Gui::MainWindow &window = *shown;
    const quint16 port = window.engine()->port();

    StallProbe probe(&window);
    std::atomic<bool> stop{false};
    std::atomic<qint64> sent{0};
    std::vector<std::thread> clients;
    constexpr int kClients = 32;
    for (int i = 0; i < kClients; ++i)
        clients.emplace_back([&] { flood(port, double(rate) / kClients, stop, sent); });
    const int rowsBefore = window.model()->rowCount();
    std::vector<int> rowsEachSecond;
    QTimer second;
    QObject::connect(&second, &QTimer::timeout, &window, [&] { rowsEachSecond.push_back(window.model()->rowCount()); });
    second.start(1000);
    QTimer::singleShot(seconds * 1000, &window, [&] { QApplication::quit(); });
    auto *app = static_cast<TimedApplication *>(QCoreApplication::instance());
    app->startTiming();
    QApplication::exec();
    app->stopTiming();
    stop = true;
    for (std::thread &c : clients)
        c.join();
    std::printf("flood      %lld requests answered in %d s (%.0f a second, %d asked for) with the window open\n",
                qint64(sent), seconds, double(sent) / seconds, rate);
    probe.report();
    app->report();
    std::printf("rows       ");
    int previous = rowsBefore;
    for (int rows : rowsEachSecond) {
        std::printf("+%d ", rows - previous);
        previous = rows;
    }
    std::printf("(rows added each second)\n");
    return 0;
}

} // namespace

/// Runs the event loop, timing the GUI thread, until `over` says so (asked every 50 ms) or two
/// minutes have passed.
TimedApplication *runUntil(Gui::MainWindow &window, const std::function<bool()> &over)
{
    QElapsedTimer clock;
    clock.start();
    QTimer done;
    QObject::connect(&done, &QTimer::timeout, &window, [&] {
        if (over() || clock.elapsed() > 120'000)
            QApplication::quit();
    });
    done.start(50);
    auto *app = static_cast<TimedApplication *>(QCoreApplication::instance());
    app->startTiming();
    QApplication::exec();
    app->stopTiming();
    return app;
}

/// The window's sender panel, shown, composing a 1 KB JSON message (its own id each time) to the
/// window's own listener.
Gui::SenderPanel *composeToListener(Gui::MainWindow &window)
{
    Gui::Workspaces *workspaces = window.findChild<Gui::Workspaces *>();
    Gui::SenderPanel *panel = workspaces->panel();
    workspaces->show(Gui::Workspaces::Sender);
    panel->composer()->addListenerDestination("/bench");
    panel->composer()->body()->setKind(Gui::BodyEditor::Json);
    QByteArray body = R"({"id":"{{uuid}}","type":"invoice.paid","pad":")";
    body += QByteArray(1024 - body.size() - 2, 'x') + "\"}";
    panel->composer()->body()->setText(body);
    return panel;
}

/// The sender panel sends `count` messages to the window's own listener, one per event-loop turn
/// as fast as they go, while the probe watches the GUI thread.
int benchSend(int count)
{
    const std::unique_ptr<Gui::MainWindow> shown = listeningWindow();
    Gui::MainWindow &window = *shown;
    Gui::SenderPanel *panel = composeToListener(window);

    StallProbe probe(&window);
    QElapsedTimer clock;
    clock.start();
    int sent = 0;
    QTimer sender;
    QObject::connect(&sender, &QTimer::timeout, &window, [&] {
        if (sent == count) {
            sender.stop();
            return;
        }
        if (panel->send())
            ++sent;
    });
    sender.start(0);
    const int rowsBefore = window.model()->rowCount();
    TimedApplication *app = runUntil(window, [&] {
        return sent == count && !panel->isSending() && window.model()->rowCount() - rowsBefore >= count;
    });
    std::printf("send       %d messages sent from the panel in %.2f s, %d captured by the window's listener\n", sent,
                clock.elapsed() / 1000.0, window.model()->rowCount() - rowsBefore);
    probe.report();
    app->report();
    return 0;
}

/// The panel's Repeat sends one message `count` times through `concurrency` connections to the
/// window's own listener (what Ctrl+Shift+Enter starts), while the probe watches the GUI thread.
int benchRepeat(int count, int concurrency)
{
    const std::unique_ptr<Gui::MainWindow> shown = listeningWindow();
    Gui::MainWindow &window = *shown;
    Gui::RepeatPanel *repeat = composeToListener(window)->repeat();
    Delivery::RepeatPlan plan;
    plan.count = count;
    plan.concurrency = concurrency;
    repeat->setPlan(plan);

    StallProbe probe(&window);
    QElapsedTimer clock;
    clock.start();
    const int rowsBefore = window.model()->rowCount();
    qint64 capturedAtEnd = -1;
    QTimer::singleShot(0, &window, [&] {
        if (!repeat->start()) {
            std::fprintf(stderr, "repeat did not start: %s\n", qPrintable(repeat->statusText()));
            QApplication::quit();
        }
    });
    TimedApplication *app = runUntil(window, [&] {
        const bool over = repeat->run() && !repeat->isRunning();
        if (over && capturedAtEnd < 0)
            capturedAtEnd = window.model()->rowCount() - rowsBefore;
        return over && window.model()->rowCount() - rowsBefore >= count;
    });
    if (!repeat->run())
        return 1;
    const Delivery::RepeatSummary summary = repeat->run()->summary();
    std::printf("repeat     %lld messages through %d connections in %.2f s: %.0f requests/s; %d captured by the "
                "window's listener (%lld when the run ended, all %d after %.2f s)\n",
                summary.finished, concurrency, summary.seconds, summary.requestsPerSecond(),
                window.model()->rowCount() - rowsBefore, capturedAtEnd, count, clock.elapsed() / 1000.0);
    std::printf("%s", qPrintable(summary.text()));
    probe.report();
    app->report();
    return 0;
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    QStringList args = app.arguments();
    args.removeFirst();
    const QString mode = args.value(0);
    const qint64 rows = args.contains(QStringLiteral("--rows"))
                            ? args.value(args.indexOf(QStringLiteral("--rows")) + 1).toLongLong()
                            : 1'000'000;
    const int seconds = args.contains(QStringLiteral("--seconds"))
                            ? args.value(args.indexOf(QStringLiteral("--seconds")) + 1).toInt()
                            : 10;
    if (mode == QLatin1String("rows"))
        return benchRows(rows);
    const int rate = args.contains(QStringLiteral("--rate"))
                         ? args.value(args.indexOf(QStringLiteral("--rate")) + 1).toInt()
                         : 20000;
    if (mode == QLatin1String("flood"))
        return benchFlood(seconds, rate);
    const int messages = args.contains(QStringLiteral("--messages"))
                             ? args.value(args.indexOf(QStringLiteral("--messages")) + 1).toInt()
                             : 10000;
    if (mode == QLatin1String("send"))
        return benchSend(messages);
    if (mode == QLatin1String("repeat"))
        return benchRepeat(messages, args.contains(QStringLiteral("--concurrency"))
                                         ? args.value(args.indexOf(QStringLiteral("--concurrency")) + 1).toInt()
                                         : 32);
    std::fprintf(stderr, "usage: bench_window rows [--rows N] | flood [--seconds S] [--rate PER_SECOND] | send "
                         "[--messages N] | repeat [--messages N] [--concurrency C]\n");
    return 2;
}
