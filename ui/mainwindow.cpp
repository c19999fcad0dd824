#include "mainwindow.h"
#include "capture/answerrules.h"
#include "capture/capturecontrols.h"
#include "capture/lateanswers.h"
#include "columns/customcolumns.h"
#include "emptystate.h"
#include "filterbar.h"
#include "firstrun/testwebhook.h"
#include "forward/forwarding.h"
#include "hartransfer.h"
#include "help/helpmenu.h"
#include "https/httpscontrols.h"
#include "ratechart.h"
#include "recentsessionsmenu.h"
#include "recordsource.h"
#include "replay/replaysetup.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "requesttableview.h"
#include "send/workspaces.h"
#include "sessiondrops.h"
#include "settings.h"
#include "settingsdialog.h"
#include "signing/signaturerefresh.h"
#include "signing/signaturesettings.h"
#include "table/requestactions.h"
#include "table/rowmenu.h"
#include "table/selectiondetail.h"
#include "tablefilter.h"
#include "tunnel/tunnelcontrols.h"
#include "workprogress.h"

#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"
#include "session/sessionfile.h"
#include "session/sessionreader.h"
#include "session/summarystore.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

// The icons are compiled into this static library; Qt needs telling once.
static void initResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace Gui {

namespace {

/// The platform's key for a standard action, or `fallback` where the platform has none (Qt gives
/// Preferences a key only on macOS and KDE).
QKeySequence standardOr(QKeySequence::StandardKey key, const QString &fallback)
{
    const QList<QKeySequence> bindings = QKeySequence::keyBindings(key);
    return bindings.isEmpty() ? QKeySequence(fallback) : bindings.constFirst();
}
constexpr int kUiTickMs = 50; // rows are added to the table at most this often
} // namespace

MainWindow::MainWindow(const WindowOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_engine(new Capture::CaptureEngine(this))
    , m_sessions(new Capture::SessionController(m_engine, this))
    , m_capture(new CaptureControls(m_engine, options, this))
    , m_har(new HarTransfer(m_engine, this)) // its own lane: a long export holds up no view
    , m_signatures(new SignatureSettings(m_engine, this))
    , m_records(new RecordSource(&m_loader, this))
    , m_model(new RequestTableModel(this))
    , m_table(new RequestTableView(m_model, this))
    , m_empty(new EmptyState(this))
    , m_tableStack(new QStackedWidget(this))
    , m_filterBar(new FilterBar(this))
    , m_tableFilter(new TableFilter(m_model, m_filterBar, &m_search, this))
    , m_detail(new RequestDetail(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_sessionLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_rate(new RateChart(this))
    , m_rowTimer(new QTimer(this))
    , m_answers(new AnswerRules(m_engine, m_model, m_table, statusBar(), this))
{
    initResources();
    m_engine->setYieldToInterface(true); // a flood must not freeze the window
    setWindowTitle(tr("Hookscope"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/hookscope.svg")));
    resize(1200, 760);
    m_loader.setMaxThreadCount(1);
    m_search.setMaxThreadCount(1);

    m_tableStack->setObjectName(QStringLiteral("tableStack"));
    m_tableStack->addWidget(m_table);
    m_tableStack->addWidget(m_empty);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(m_filterBar);
    topLayout->addWidget(m_tableStack, 1);
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    m_sessionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_capture->statusLabel(), 1);
    statusBar()->addPermanentWidget(m_rate);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_sessionLabel);

    createActions();
    createMenus();
    createToolBar();
    new ReplaySetup(this, m_records, m_signatures->store()); // Replay…, and what was made from a request
    new Workspaces(this, m_splitter, m_detail, m_capture, m_signatures->store()); // the central widget
    new RowMenu(this, m_table, m_filterBar);                                      // the rows' context menu
    m_selection = new SelectionDetail(m_table, m_model, m_tableFilter, m_records, m_sessions, m_detail, this);
    connect(m_selection, &SelectionDetail::error, this, &MainWindow::showError);
    auto *drops = new SessionDrops(this);
    connect(drops, &SessionDrops::openRequested, this, &MainWindow::openSession);
    connect(drops, &SessionDrops::importRequested, this, &MainWindow::importHar);
    updateCount();
    // Tab walks the window top to bottom: address, filter, table, the request's tabs.
    setTabOrder(m_capture->addressEdit(), m_filterBar->edit());
    setTabOrder(m_filterBar->edit(), m_table);
    setTabOrder(m_table, m_detail->tabs());

    m_rowTimer->setInterval(kUiTickMs);
    m_rowTimer->setSingleShot(true);
    connect(m_rowTimer, &QTimer::timeout, this, &MainWindow::flushRows);

    connect(m_capture, &CaptureControls::urlChanged, m_empty, &EmptyState::setUrl);
    connect(m_capture, &CaptureControls::message, statusBar(), &QStatusBar::showMessage);
    connect(m_capture, &CaptureControls::error, this, &MainWindow::showError);
    connect(m_capture, &CaptureControls::copyRequested, m_rowActions, &RequestActions::copyText);
    connect(m_capture, &CaptureControls::captureNewRequested, this, &MainWindow::newSession);
    connect(m_har, &HarTransfer::importRequested, this, &MainWindow::importHar);
    connect(m_har, &HarTransfer::exportRequested, this, &MainWindow::exportHar);
    connect(m_har, &HarTransfer::message, statusBar(), &QStatusBar::showMessage);
    connect(m_har, &HarTransfer::error, this, &MainWindow::showError);
    connect(m_signatures, &SignatureSettings::error, this, &MainWindow::showError);
    connect(m_engine, &Capture::CaptureEngine::captured, this, &MainWindow::onCaptured);
    new SignatureRefresh(m_engine, m_signatures, m_model, m_records, m_detail, this); // results shown current
    new LateAnswers(m_engine, m_records, m_detail, this); // answers that waited for a forward
    connect(m_empty, &EmptyState::copyRequested, m_rowActions, &RequestActions::copyText);
    connect(new TestWebhook(m_engine, m_empty, this), &TestWebhook::message, statusBar(), &QStatusBar::showMessage);
    connect(m_filterBar, &FilterBar::filterChanged, this,
            [this](const Session::Filter &filter) { m_tableFilter->apply(filter, m_sessions->path()); });
    connect(m_tableFilter, &TableFilter::changed, this, &MainWindow::updateCount);
    connect(m_tableFilter, &TableFilter::error, this, &MainWindow::showError);
    connect(m_filterBar, &FilterBar::leaveRequested, this, [this] { m_table->setFocus(Qt::ShortcutFocusReason); });
    auto *columns = new CustomColumnsController(
        m_model, m_table, [this] { return m_sessions->path(); }, this);
    connect(columns, &CustomColumnsController::columnsChanged, m_filterBar, &FilterBar::setCustomColumns);
    m_filterBar->setCustomColumns(columns->columns());
    connect(m_sessions, &Capture::SessionController::sessionChanged, this, &MainWindow::onSessionChanged);
    connect(m_sessions, &Capture::SessionController::failed, this, &MainWindow::showError);
    connect(m_sessions, &Capture::SessionController::busyChanged, this,
            [this](bool busy, const QString &what) { statusBar()->showMessage(busy ? what : QString()); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyState);

    Settings settings;
    restoreGeometry(settings.get(Settings::WindowGeometry));
    restoreState(settings.get(Settings::WindowState));
    m_splitter->restoreState(settings.get(Settings::SplitterState));
    m_table->horizontalHeader()->restoreState(settings.get(Settings::TableHeader)); // widths, sort
    updateEmptyState();

    // The session first, then the listener: nothing arrives before there is a file to keep it.
    if (options.sessionPath.isEmpty())
        m_sessions->startScratch();
    else
        m_sessions->open(options.sessionPath);
}

MainWindow::~MainWindow()
{
    delete m_tableFilter; // cancels its search, so the wait is short
    m_search.waitForDone();
    m_loader.waitForDone();
}

QAction *MainWindow::addAction(const QString &name, const QString &text, const QKeySequence &shortcut,
                               std::function<void()> slot)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    connect(action, &QAction::triggered, this, [slot = std::move(slot)] { slot(); });
    addNamedAction(action);
    return action;
}

void MainWindow::addNamedAction(QAction *action)
{
    m_actions.insert(action->objectName(), action);
    QWidget::addAction(action); // shortcuts work with the menu bar hidden too
}

QAction *MainWindow::action(const QString &name) const
{
    if (QAction *named = m_actions.value(name))
        return named;
    return findChild<QAction *>(name); // the workspaces' and replay's own
}

void MainWindow::createActions()
{
    addAction(QStringLiteral("new"), tr("&New Session"), QKeySequence::New, [this] { newSession(); });
    addAction(QStringLiteral("open"), tr("&Open Session…"), QKeySequence::Open, [this] { chooseAndOpen(); });
    addAction(QStringLiteral("saveAs"), tr("&Save Session As…"), QKeySequence(Qt::CTRL | Qt::Key_S),
              [this] { chooseAndSaveAs(); });
    addNamedAction(m_har->importAction());
    addNamedAction(m_har->exportAction());
    addAction(QStringLiteral("quit"), tr("&Quit"), standardOr(QKeySequence::Quit, tr("Ctrl+Q")), [this] { close(); });

    addAction(QStringLiteral("clear"), tr("C&lear"), QKeySequence(Qt::CTRL | Qt::Key_L), [this] {
        newSession();
    })->setToolTip(tr("Start an empty session; the current one stays in its file"));
    addAction(QStringLiteral("filter"), tr("&Filter…"), QKeySequence::Find, [this] { m_filterBar->focusFilter(); });
    addAction(QStringLiteral("findInRequest"), tr("Find in &Request…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
              [this] { m_detail->openFind(); });
    addAction(QStringLiteral("findNext"), tr("Find &Next"), QKeySequence(Qt::Key_F3),
              [this] { m_detail->findAgain(true); });
    addAction(QStringLiteral("findPrevious"), tr("Find Pre&vious"), QKeySequence(Qt::SHIFT | Qt::Key_F3),
              [this] { m_detail->findAgain(false); });
    m_rowActions = new RequestActions(this, m_records);
    for (QAction *action : m_rowActions->actions())
        addNamedAction(action);
    connect(m_rowActions, &RequestActions::error, this, &MainWindow::showError);
    connect(m_rowActions, &RequestActions::deleted, this, [this] {
        updateCount();
        updateEmptyState();
    });
    QAction *follow = addAction(QStringLiteral("followNewest"), tr("&Follow Newest"), {}, [] {});
    follow->setCheckable(true);
    follow->setChecked(Settings().get(Settings::FollowNewest));
    connect(follow, &QAction::toggled, this, [this](bool on) {
        Settings().set(Settings::FollowNewest, on);
        if (on)
            m_table->scrollToBottom();
    });

    m_tunnel = new TunnelControls(m_engine, m_capture, m_empty, m_signatures, statusBar(), this);
    for (QAction *action :
         m_capture->actions() + (new HttpsControls(m_engine, statusBar(), this))->actions() + m_tunnel->actions())
        addNamedAction(action);
    addNamedAction((new Forwarding(m_engine, m_model, m_table, statusBar(), this))->action());
    addNamedAction(m_answers->action());
    addAction(QStringLiteral("settings"), tr("&Settings…"), standardOr(QKeySequence::Preferences, tr("Ctrl+,")),
              [this] { openSettings({}); });
    connect(m_detail, &RequestDetail::secretsRequested, this, &MainWindow::openSettings);
}

void MainWindow::createMenus()
{
    const auto add = [this](QMenu *menu, std::initializer_list<const char *> names) { // "": a separator
        for (const char *name : names)
            *name ? menu->addAction(action(QLatin1String(name))) : void(menu->addSeparator());
    };
    QMenu *file = menuBar()->addMenu(tr("&File"));
    add(file, {"new", "open"});
    file->addMenu(new RecentSessionsMenu(m_sessions, this));
    add(file, {"saveAs", "", "import", "export", "", "quit"});
    add(menuBar()->addMenu(tr("&Edit")), {"copyCurl", "copyRequestUrl", "copyBody", "copyHeaders", "saveBody", "delete",
                                          "", "filter", "findInRequest", "findNext", "findPrevious", "", "clear"});
    add(menuBar()->addMenu(tr("&View")), {"followNewest", "compare"});
    QMenu *capture = menuBar()->addMenu(tr("&Capture"));
    m_capture->addTo(capture);
    capture->addSeparator();
    m_tunnel->addTo(capture);
    add(capture, {"", "serveHttps", "httpsSettings", "copyHttpsUrl", "", "rules", "forwarding", "durable", "settings"});
    menuBar()->addMenu(new HelpMenu(this));
}

void MainWindow::createToolBar()
{
    // SVG icons: sharp at any scale factor.
    const auto icon = [](const char *name) { return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name))); };
    action(QStringLiteral("clear"))->setIcon(icon("clear"));
    action(QStringLiteral("new"))->setIcon(icon("new"));
    action(QStringLiteral("open"))->setIcon(icon("open"));
    action(QStringLiteral("saveAs"))->setIcon(icon("save"));
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_capture->addTo(bar);
    m_tunnel->addTo(bar);
    bar->addSeparator();
    bar->addAction(action(QStringLiteral("clear")));
    bar->addSeparator();
    bar->addAction(action(QStringLiteral("new")));
    bar->addAction(action(QStringLiteral("open")));
    bar->addAction(action(QStringLiteral("saveAs")));
}

void MainWindow::openSettings(const QString &secretsScheme)
{
    SettingsDialog dialog(m_signatures, this);
    if (!secretsScheme.isEmpty())
        dialog.addSecretFor(secretsScheme);
    if (dialog.exec() == QDialog::Accepted)
        applySettings();
}

void MainWindow::applySettings()
{
    Settings settings;
    m_engine->setLimits(settings.limits());
    m_engine->setFastAck(!settings.get(Settings::DurableAnswers));
    m_capture->settingsChanged(settings.listenAddress(), settings.listenPort());
}

void MainWindow::openSession(const QString &path)
{
    m_sessions->open(path);
}

void MainWindow::saveSessionAs(const QString &path)
{
    m_sessions->saveAs(path);
}

void MainWindow::newSession()
{
    m_sessions->newSession();
}

void MainWindow::chooseAndOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Session"), QDir::homePath(),
                                                      tr("Hookscope sessions (*.hookscope)"));
    if (!path.isEmpty())
        openSession(path);
}

void MainWindow::chooseAndSaveAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save Session As"), QDir::homePath(),
                                                tr("Hookscope sessions (*.hookscope)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(Session::SessionFile::extension()))
        path += Session::SessionFile::extension();
    saveSessionAs(path);
}

void MainWindow::importHar(const QString &path)
{
    if (m_sessions->isReadOnly())
        showError(tr("This session is read-only: capture into a new session to import into it"));
    else
        m_har->importHar(path, m_sessions->path());
}

void MainWindow::exportHar(const QString &path)
{
    m_har->exportHar(m_sessions->path(), path);
}

void MainWindow::showError(const QString &message)
{
    m_lastError = message;
    statusBar()->showMessage(message, 15000);
    if (isVisible() && !qEnvironmentVariableIsSet("HOOKSCOPE_NO_DIALOGS"))
        QMessageBox::warning(this, tr("Hookscope"), message);
}

void MainWindow::onSessionChanged(const QString &path, bool scratch, bool resumed)
{
    const bool readOnly = m_sessions->isReadOnly();
    const QString name = scratch ? tr("Unsaved session") : QFileInfo(path).fileName();
    setWindowTitle(readOnly ? tr("%1 (read-only) — Hookscope").arg(name) : tr("%1 — Hookscope").arg(name));
    m_sessionLabel->setText(QDir::toNativeSeparators(path));
    m_sessionLabel->setToolTip(scratch ? tr("Kept automatically until you save it elsewhere (File ▸ Save Session "
                                            "As)")
                                       : m_sessions->readOnlyReason());
    if (resumed)
        statusBar()->showMessage(tr("Continuing your unsaved session. File ▸ New Session starts an empty one."), 15000);
    action(QStringLiteral("import"))->setEnabled(!readOnly);
    m_rowActions->setReadOnly(readOnly);
    m_records->clear();
    reloadTable(path);
    m_capture->sessionOpened(readOnly, m_sessions->readOnlyReason(), listenConfig());
}

Capture::ListenConfig MainWindow::listenConfig() const
{
    Settings settings;
    Capture::ListenConfig config;
    config.fastAck = !settings.get(Settings::DurableAnswers);
    config.limits = settings.limits();
    config.signatures = m_signatures->engineConfig(); // secrets loaded before the session opened count
    m_answers->configure(config);
    return config;
}

void MainWindow::onCaptured(const Session::CapturedBatch &batch)
{
    m_records->remember(batch);
    m_rate->add(batch.size());
    if (m_loading) {
        m_liveWhileLoading += batch;
        return;
    }
    // One insertion per UI tick, however many batches arrived in it.
    m_pendingRows += batch;
    if (!m_rowTimer->isActive())
        m_rowTimer->start();
}

void MainWindow::flushRows()
{
    if (m_pendingRows.isEmpty())
        return;
    m_model->append(m_pendingRows);
    m_pendingRows.clear();
    updateCount();
    updateEmptyState();
    followNewest();
}

void MainWindow::followNewest()
{
    if (action(QStringLiteral("followNewest"))->isChecked())
        m_table->scrollToNewest();
}

void MainWindow::reloadTable(const QString &path)
{
    // Load on a pool thread; rows captured meanwhile wait and are added after, without doubles.
    const int generation = ++m_loadGeneration;
    m_loading = true;
    m_liveWhileLoading.clear();
    m_pendingRows.clear();
    m_model->clear();
    updateCount();
    m_tableFilter->invalidate();
    const WorkProgress progress(this, tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    m_loader.start([this, path, generation, progress] {
        auto store = std::make_shared<Session::SummaryStore>();
        Session::SessionReader reader;
        QString error;
        const Session::SessionFile::Info info = reader.open(path);
        if (info.problem != Session::FileProblem::None)
            error = info.error;
        else if (!reader.loadSummaries(*store, 0, [&](qint64 done, qint64 total) {
                     progress.report(done, total);
                     return !progress.cancelled();
                 }))
            error = progress.cancelled() ? tr("Showing the requests was cancelled; capture goes on into %1.")
                                               .arg(QDir::toNativeSeparators(path))
                                         : tr("%1: %2").arg(QDir::toNativeSeparators(path), reader.error());
        QMetaObject::invokeMethod(this, [this, generation, store, error, progress] {
            progress.finish();
            onLoaded(generation, store, error);
        });
    });
}

void MainWindow::onLoaded(int generation, std::shared_ptr<Session::SummaryStore> store, const QString &error)
{
    if (generation != m_loadGeneration)
        return; // a newer load is under way
    m_loading = false;
    if (!error.isEmpty())
        showError(error);
    m_model->setStore(std::make_unique<Session::SummaryStore>(std::move(*store)));
    m_model->append(m_liveWhileLoading);
    m_liveWhileLoading.clear();
    m_tableFilter->reapply(m_sessions->path());
    updateCount();
    updateEmptyState();
    followNewest();
}

QTableView *MainWindow::table() const
{
    return m_table;
}

bool MainWindow::isFiltering() const
{
    return m_tableFilter->isScanning();
}

bool MainWindow::isDetailReady() const
{
    return m_selection->isReady();
}

void MainWindow::updateCount()
{
    const int shown = m_model->rowCount();
    const qsizetype total = m_model->store().size();
    m_countLabel->setText(m_model->isFiltered() ? tr("%1 of %n request(s)", nullptr, int(total)).arg(shown)
                                                : tr("%n request(s)", nullptr, shown));
}

void MainWindow::updateEmptyState()
{
    const bool empty = m_model->store().isEmpty() && !m_loading;
    m_tableStack->setCurrentWidget(empty ? static_cast<QWidget *>(m_empty) : m_table);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    Settings settings;
    settings.set(Settings::WindowGeometry, saveGeometry());
    settings.set(Settings::WindowState, saveState());
    settings.set(Settings::SplitterState, m_splitter->saveState());
    settings.set(Settings::TableHeader, m_table->horizontalHeader()->saveState());
    QMainWindow::closeEvent(event);
}

QString MainWindow::statusText() const
{
    return m_capture->statusText();
}

} // namespace Gui
