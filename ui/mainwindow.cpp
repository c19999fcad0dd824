#include "mainwindow.h"
#include "diffdialog.h"
#include "emptystate.h"
#include "fieldsmodel.h"
#include "filterbar.h"
#include "ratechart.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "rowdelegate.h"
#include "rulesdialog.h"
#include "settings.h"
#include "settingsdialog.h"

#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"
#include "delivery/curlcommand.h"
#include "filter/filterevaluator.h"
#include "http/bindaddress.h"
#include "session/har.h"
#include "session/sessionfile.h"
#include "session/sessionreader.h"
#include "session/summarystore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressDialog>
#include <QSaveFile>
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

namespace Ui {

namespace {

/// The platform's key for a standard action, or `fallback` where the platform has none (Qt gives
/// Preferences a key only on macOS and KDE).
QKeySequence standardOr(QKeySequence::StandardKey key, const QString &fallback)
{
    const QList<QKeySequence> bindings = QKeySequence::keyBindings(key);
    return bindings.isEmpty() ? QKeySequence(fallback) : bindings.constFirst();
}
constexpr int kUiTickMs = 50;        // rows are added to the table at most this often
constexpr int kRecentRecords = 2000; // whole records kept for instant selection
constexpr int kRecentSessions = 10;
} // namespace

MainWindow::MainWindow(const WindowOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_engine(new Capture::CaptureEngine(this))
    , m_sessions(new Capture::SessionController(m_engine, this))
    , m_model(new RequestTableModel(this))
    , m_table(new QTableView(this))
    , m_empty(new EmptyState(this))
    , m_tableStack(new QStackedWidget(this))
    , m_filterBar(new FilterBar(this))
    , m_detail(new RequestDetail(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_urlLabel(new QLabel(this))
    , m_sessionLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_rate(new RateChart(this))
    , m_addressEdit(new QLineEdit(this))
    , m_rowTimer(new QTimer(this))
{
    initResources();
    m_engine->setYieldToInterface(true); // a flood must not freeze the window
    setWindowTitle(tr("Hookscope"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/hookscope.svg")));
    resize(1200, 760);
    setAcceptDrops(true);
    m_loader.setMaxThreadCount(1);

    // The table: uniform rows, no resizing to contents: it stays fast at a million rows.
    m_table->setModel(m_model);
    m_table->setItemDelegate(new RowDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(RequestTableModel::Id, 60);
    m_table->setColumnWidth(RequestTableModel::Time, 100);
    m_table->setColumnWidth(RequestTableModel::Method, 80);
    m_table->setColumnWidth(RequestTableModel::Target, 340);
    m_table->setColumnWidth(RequestTableModel::Status, 70);
    m_table->setColumnWidth(RequestTableModel::BodySize, 80);
    m_table->setColumnWidth(RequestTableModel::ContentType, 170);
    m_table->setColumnWidth(RequestTableModel::Remote, 150);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false); // Tab moves on to the detail below, not from cell to cell
    // Click a column to sort by it (in the store's typed fields); # ascending is arrival order.
    m_table->horizontalHeader()->setSortIndicator(RequestTableModel::Id, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
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
    setCentralWidget(m_splitter);

    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_urlLabel->setText(tr("Opening the session…"));
    m_sessionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_urlLabel, 1);
    statusBar()->addPermanentWidget(m_rate);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_sessionLabel);

    createActions();
    createMenus();
    createToolBar();
    updateCount();
    // Tab walks the window top to bottom: address, filter, table, the request's tabs.
    setTabOrder(m_addressEdit, m_filterBar->edit());
    setTabOrder(m_filterBar->edit(), m_table);
    setTabOrder(m_table, m_detail->tabs());

    m_rowTimer->setInterval(kUiTickMs);
    m_rowTimer->setSingleShot(true);
    connect(m_rowTimer, &QTimer::timeout, this, &MainWindow::flushRows);

    connect(m_engine, &Capture::CaptureEngine::started, this, [this](const QUrl &url) {
        // On 0.0.0.0 or :: the URLs of this machine's interfaces, loopback first.
        const QList<QUrl> urls = m_engine->reachableUrls();
        QStringList shown;
        for (const QUrl &u : urls)
            shown.append(u.toString());
        m_urlLabel->setText(tr("Listening on %1").arg(shown.join(QStringLiteral(", "))));
        m_addressEdit->setText(url.authority());
        m_empty->setUrl(urls.value(0, url));
        m_actions.value(QStringLiteral("listen"))->setChecked(true);
        if (std::exchange(m_keepListenChoice, false)) {
            Settings settings;
            settings.set(Settings::BindAddress, m_options.address.toString());
            settings.set(Settings::Port, int(m_options.port));
        }
    });
    connect(m_engine, &Capture::CaptureEngine::stopped, this, [this] {
        m_urlLabel->setText(tr("Not listening"));
        m_empty->setUrl({});
        m_actions.value(QStringLiteral("listen"))->setChecked(false);
    });
    connect(m_engine, &Capture::CaptureEngine::failed, this, [this](const QString &error) {
        m_keepListenChoice = false; // an address that does not work is not remembered
        m_urlLabel->setText(tr("Not listening: %1").arg(error));
        m_actions.value(QStringLiteral("listen"))->setChecked(false);
    });
    connect(m_engine, &Capture::CaptureEngine::captured, this, &MainWindow::onCaptured);
    connect(m_empty, &EmptyState::copyRequested, this, &MainWindow::copyText);
    connect(m_filterBar, &FilterBar::filterChanged, this, &MainWindow::applyFilter);
    connect(m_filterBar, &FilterBar::leaveRequested, this, [this] { m_table->setFocus(Qt::ShortcutFocusReason); });
    connect(m_sessions, &Capture::SessionController::sessionChanged, this, &MainWindow::onSessionChanged);
    connect(m_sessions, &Capture::SessionController::failed, this, &MainWindow::showError);
    connect(m_sessions, &Capture::SessionController::busyChanged, this, [this](bool busy, const QString &what) {
        if (busy)
            statusBar()->showMessage(what);
        else
            statusBar()->clearMessage();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateEmptyState();
        onSelectionChanged();
    });

    Settings settings;
    QString rulesError;
    if (!Capture::ResponseRules::fromJson(settings.get(Settings::AnswerRules), &m_rules, &rulesError))
        m_rules = {};
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
    if (m_scanCancel)
        *m_scanCancel = true;
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
    m_actions.insert(name, action);
    QWidget::addAction(action); // shortcuts work with the menu bar hidden too
    return action;
}

QAction *MainWindow::action(const QString &name) const
{
    return m_actions.value(name);
}

void MainWindow::createActions()
{
    addAction(QStringLiteral("new"), tr("&New Session"), QKeySequence::New, [this] { newSession(); });
    addAction(QStringLiteral("open"), tr("&Open Session…"), QKeySequence::Open, [this] { chooseAndOpen(); });
    addAction(QStringLiteral("saveAs"), tr("&Save Session As…"), QKeySequence(Qt::CTRL | Qt::Key_S),
              [this] { chooseAndSaveAs(); });
    addAction(QStringLiteral("import"), tr("&Import HAR…"), {}, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import HAR"), QDir::homePath(), tr("HAR files (*.har)"));
        if (!path.isEmpty())
            importHar(path);
    });
    addAction(QStringLiteral("export"), tr("&Export HAR…"), {}, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export HAR"), QDir::homePath(), tr("HAR files (*.har)"));
        if (!path.isEmpty())
            exportHar(path);
    });
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
    addAction(QStringLiteral("copyCurl"), tr("Copy as &curl"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [this] {
        const auto r = m_detail->request();
        if (!r)
            return;
        const QUrl target = m_engine->isListening() ? m_engine->url() : QUrl();
        copyText(Delivery::curlCommand(*r, target), tr("curl command"));
        const QStringList differences = Delivery::curlDifferences(*r);
        if (!differences.isEmpty())
            statusBar()->showMessage(
                tr("Copied the curl command. Not reproduced exactly: %1").arg(differences.join(QStringLiteral(" "))),
                10000);
    });
    addAction(QStringLiteral("delete"), tr("&Delete"), QKeySequence::Delete, [this] { deleteSelected(); });
    addAction(QStringLiteral("copyBody"), tr("Copy &Body"), {}, [this] {
        if (const auto r = m_detail->request())
            copyText(FieldsModel::displayText(r->request.body()), tr("body"));
    });
    addAction(QStringLiteral("copyHeaders"), tr("Copy &Headers"), {},
              [this] { copyText(m_detail->headersModel()->toText(), tr("headers")); });
    addAction(QStringLiteral("saveBody"), tr("Save Body &As…"), {}, [this] { saveBody(); });

    addAction(QStringLiteral("compare"), tr("&Compare Two Requests"), QKeySequence(Qt::CTRL | Qt::Key_D),
              [this] { compareSelected(); });
    QAction *follow = addAction(QStringLiteral("followNewest"), tr("&Follow Newest"), {}, [] {});
    follow->setCheckable(true);
    follow->setChecked(Settings().get(Settings::FollowNewest));
    connect(follow, &QAction::toggled, this, [this](bool on) {
        Settings().set(Settings::FollowNewest, on);
        if (on)
            m_table->scrollToBottom();
    });

    QAction *listen = addAction(QStringLiteral("listen"), tr("&Listening"), {}, [] {});
    listen->setCheckable(true);
    connect(listen, &QAction::triggered, this, [this](bool on) {
        if (on)
            applyListenAddress();
        else
            m_engine->stopListening();
    });
    addAction(QStringLiteral("copyUrl"), tr("Copy &URL"), {}, [this] {
        if (!m_engine->isListening())
            return;
        // The URL another machine can use when listening on all interfaces, else the one there is.
        const QList<QUrl> urls = m_engine->reachableUrls();
        const auto remote = std::find_if(urls.cbegin(), urls.cend(),
                                         [](const QUrl &u) { return !QHostAddress(u.host()).isLoopback(); });
        copyText((remote != urls.cend() ? *remote : urls.value(0, m_engine->url())).toString(), tr("URL"));
    });
    addAction(QStringLiteral("rules"), tr("Answer &Rules…"), QKeySequence(Qt::CTRL | Qt::Key_R), [this] {
        auto *dialog = new RulesDialog(m_rules, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &RulesDialog::applied, this, &MainWindow::applyRules);
        dialog->open();
    });
    addAction(QStringLiteral("settings"), tr("&Settings…"), standardOr(QKeySequence::Preferences, tr("Ctrl+,")),
              [this] {
                  SettingsDialog dialog(this);
                  if (dialog.exec() == QDialog::Accepted)
                      applySettings();
              });
    QAction *durable = addAction(QStringLiteral("durable"), tr("&Durable Answers"), {}, [] {});
    durable->setCheckable(true);
    durable->setChecked(Settings().get(Settings::DurableAnswers));
    durable->setToolTip(tr("Answer each request only once it is safely in the session. Off: answer first, save "
                           "right after (a crash can lose answered requests)."));
    connect(durable, &QAction::toggled, this, [this](bool on) {
        Settings().set(Settings::DurableAnswers, on);
        m_engine->setFastAck(!on);
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(QStringLiteral("new")));
    file->addAction(action(QStringLiteral("open")));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addAction(action(QStringLiteral("saveAs")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("import")));
    file->addAction(action(QStringLiteral("export")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("quit")));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(action(QStringLiteral("copyCurl")));
    edit->addAction(action(QStringLiteral("copyBody")));
    edit->addAction(action(QStringLiteral("copyHeaders")));
    edit->addAction(action(QStringLiteral("saveBody")));
    edit->addAction(action(QStringLiteral("delete")));
    edit->addSeparator();
    edit->addAction(action(QStringLiteral("filter")));
    edit->addAction(action(QStringLiteral("findInRequest")));
    edit->addAction(action(QStringLiteral("findNext")));
    edit->addAction(action(QStringLiteral("findPrevious")));
    edit->addSeparator();
    edit->addAction(action(QStringLiteral("clear")));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(action(QStringLiteral("followNewest")));
    view->addAction(action(QStringLiteral("compare")));

    QMenu *capture = menuBar()->addMenu(tr("&Capture"));
    capture->addAction(action(QStringLiteral("listen")));
    capture->addAction(action(QStringLiteral("copyUrl")));
    capture->addSeparator();
    capture->addAction(action(QStringLiteral("rules")));
    capture->addAction(action(QStringLiteral("durable")));
    capture->addAction(action(QStringLiteral("settings")));
}

void MainWindow::createToolBar()
{
    // SVG icons: sharp at any scale factor.
    const auto icon = [](const char *name) { return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name))); };
    action(QStringLiteral("listen"))->setIcon(icon("listen"));
    action(QStringLiteral("copyUrl"))->setIcon(icon("copy-url"));
    action(QStringLiteral("clear"))->setIcon(icon("clear"));
    action(QStringLiteral("new"))->setIcon(icon("new"));
    action(QStringLiteral("open"))->setIcon(icon("open"));
    action(QStringLiteral("saveAs"))->setIcon(icon("save"));
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(action(QStringLiteral("listen")));
    m_addressEdit->setMaximumWidth(200);
    m_addressEdit->setPlaceholderText(QStringLiteral("127.0.0.1:8080"));
    m_addressEdit->setToolTip(tr("Address and port to listen on; Enter applies it"));
    connect(m_addressEdit, &QLineEdit::returnPressed, this, &MainWindow::applyListenAddress);
    bar->addWidget(m_addressEdit);
    bar->addAction(action(QStringLiteral("copyUrl")));
    bar->addSeparator();
    bar->addAction(action(QStringLiteral("clear")));
    bar->addSeparator();
    bar->addAction(action(QStringLiteral("new")));
    bar->addAction(action(QStringLiteral("open")));
    bar->addAction(action(QStringLiteral("saveAs")));
}

void MainWindow::applyListenAddress()
{
    QString text = m_addressEdit->text().trimmed();
    if (text.isEmpty())
        text = m_addressEdit->placeholderText();
    const Http::BindAddress parsed =
        Http::parseHostPort(text, m_engine->isListening() ? m_engine->port() : m_options.port);
    if (!parsed.isValid()) {
        showError(tr("%1. Type an address and port, such as 127.0.0.1:8080").arg(parsed.error));
        return;
    }
    const QHostAddress &address = parsed.address;
    const quint16 port = parsed.port;
    if (!address.isLoopback())
        statusBar()->showMessage(tr("Listening on %1 exposes Hookscope to the network").arg(text), 10000);
    // The user's choice, kept for the next start and for the settings dialog once it works.
    m_options.address = address;
    m_options.port = quint16(port);
    m_keepListenChoice = true;
    m_engine->listenOn(address, quint16(port));
}

void MainWindow::applyRules(const Capture::ResponseRules &rules)
{
    m_rules = rules;
    Settings().set(Settings::AnswerRules, rules.toJson());
    m_engine->setRules(rules); // from the next request on
    statusBar()->showMessage(tr("Answer rules applied"), 3000);
}

void MainWindow::applySettings()
{
    Settings settings;
    m_engine->setLimits(settings.limits());
    m_engine->setFastAck(!settings.get(Settings::DurableAnswers));
    action(QStringLiteral("durable"))->setChecked(settings.get(Settings::DurableAnswers));
    // Rebind only when the address or port asked for changed: the listener may be on the next
    // free port after the one asked for, and other settings must not move it back.
    const QHostAddress address = settings.listenAddress();
    const quint16 port = settings.listenPort();
    if (address != m_options.address || port != m_options.port) {
        m_options.address = address;
        m_options.port = port;
        m_engine->listenOn(address, port);
    }
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
    const Progress progress = startProgress(tr("Importing %1…").arg(QDir::toNativeSeparators(path)));
    const QPointer<QProgressDialog> dialog = progress.dialog;
    m_loader.start([this, path, cancel = progress.cancel, dialog] {
        QFile file(path);
        QList<Session::CapturedRequest> records;
        QString error;
        if (!file.open(QIODevice::ReadOnly)) {
            error = file.errorString();
        } else {
            Session::readHar(
                &file,
                [&records, &cancel](Session::CapturedRequest &&r) {
                    records.append(std::move(r));
                    return !*cancel;
                },
                &error);
            if (*cancel)
                error = tr("cancelled; nothing was imported");
        }
        QMetaObject::invokeMethod(this, [this, path, records, error, dialog] {
            if (dialog)
                dialog->deleteLater();
            statusBar()->clearMessage();
            if (!error.isEmpty()) {
                showError(tr("%1: %2").arg(QDir::toNativeSeparators(path), error));
                return;
            }
            m_engine->importRecords(records);
            statusBar()->showMessage(tr("Imported %n request(s)", nullptr, int(records.size())), 8000);
        });
    });
}

void MainWindow::exportHar(const QString &path)
{
    const QString session = m_sessions->path();
    const Progress progress = startProgress(tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)));
    const QPointer<QProgressDialog> dialog = progress.dialog;
    m_loader.start([this, session, path, cancel = progress.cancel, dialog] {
        Session::SessionReader reader;
        QString error;
        qint64 written = 0;
        const Session::SessionFile::Info info = reader.open(session);
        QSaveFile out(path);
        if (info.problem != Session::FileProblem::None) {
            error = info.error;
        } else if (!out.open(QIODevice::WriteOnly)) {
            error = out.errorString();
        } else {
            Session::HarWriter har(&out);
            bool ok = har.begin() && reader.forEach(
                                         [&](Session::CapturedRequestPtr r) {
                                             ++written;
                                             return har.write(*r);
                                         },
                                         [&](qint64 done, qint64 total) {
                                             reportProgress(dialog, done, total);
                                             return !*cancel;
                                         });
            ok = ok && har.finish() && out.commit(); // cancelled: nothing is written
            if (*cancel)
                error = tr("cancelled; nothing was written");
            else if (!ok)
                error = har.error().isEmpty() ? out.errorString() : har.error();
        }
        QMetaObject::invokeMethod(this, [this, path, error, written, dialog] {
            if (dialog)
                dialog->deleteLater();
            statusBar()->clearMessage();
            if (!error.isEmpty())
                showError(tr("%1: %2").arg(QDir::toNativeSeparators(path), error));
            else
                statusBar()->showMessage(tr("Exported %n request(s)", nullptr, int(written)), 8000);
        });
    });
}

MainWindow::Progress MainWindow::startProgress(const QString &label)
{
    // Shown only if the work takes more than a moment; Cancel tells the worker to stop.
    Progress p{std::make_shared<std::atomic_bool>(false), new QProgressDialog(label, tr("Cancel"), 0, 0, this)};
    p.dialog->setWindowModality(Qt::WindowModal);
    p.dialog->setMinimumDuration(500);
    p.dialog->setAutoClose(false);
    p.dialog->setAutoReset(false);
    connect(p.dialog, &QProgressDialog::canceled, this, [cancel = p.cancel] { *cancel = true; });
    return p;
}

void MainWindow::reportProgress(const QPointer<QProgressDialog> &dialog, qint64 done, qint64 total)
{
    QMetaObject::invokeMethod(this, [dialog, done, total] {
        if (!dialog || total <= 0)
            return;
        dialog->setMaximum(1000);
        dialog->setValue(int(1000 * done / total));
    });
}

void MainWindow::showError(const QString &message)
{
    m_lastError = message;
    statusBar()->showMessage(message, 15000);
    if (isVisible() && !qEnvironmentVariableIsSet("HOOKSCOPE_NO_DIALOGS"))
        QMessageBox::warning(this, tr("Hookscope"), message);
}

void MainWindow::copyText(const QString &text, const QString &what)
{
    QGuiApplication::clipboard()->setText(text);
    statusBar()->showMessage(tr("Copied the %1").arg(what), 3000);
}

void MainWindow::deleteSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    QList<qint64> ids;
    for (const QModelIndex &row : rows)
        ids.append(m_model->idAt(row.row()));
    if (!qEnvironmentVariableIsSet("HOOKSCOPE_NO_DIALOGS") &&
        QMessageBox::question(this, tr("Delete"),
                              tr("Delete %n request(s) from the session? This cannot be undone.", nullptr,
                                 int(ids.size()))) != QMessageBox::Yes)
        return;
    const int nextRow = rows.first().row();
    m_engine->deleteRequests(ids);
    for (qint64 id : std::as_const(ids))
        m_recent.remove(id);
    m_model->removeIds(ids);
    updateCount();
    updateEmptyState();
    if (m_model->rowCount() > 0)
        m_table->selectRow(qMin(nextRow, m_model->rowCount() - 1));
    statusBar()->showMessage(tr("Deleted %n request(s)", nullptr, int(ids.size())), 5000);
}

void MainWindow::compareSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() != 2) {
        statusBar()->showMessage(tr("Select two requests to compare"), 5000);
        return;
    }
    const qint64 a = m_model->idAt(std::min(rows.at(0).row(), rows.at(1).row()));
    const qint64 b = m_model->idAt(std::max(rows.at(0).row(), rows.at(1).row()));
    const QString path = m_sessions->path();
    const Session::CapturedRequestPtr knownA = m_recent.value(a);
    const Session::CapturedRequestPtr knownB = m_recent.value(b);
    m_loader.start([this, path, a, b, knownA, knownB] {
        Session::SessionReader reader;
        const bool open = reader.open(path).problem == Session::FileProblem::None;
        const Session::CapturedRequestPtr left = knownA ? knownA : (open ? reader.load(a) : nullptr);
        const Session::CapturedRequestPtr right = knownB ? knownB : (open ? reader.load(b) : nullptr);
        QMetaObject::invokeMethod(this, [this, left, right] {
            if (!left || !right) {
                showError(tr("Could not read both requests to compare them"));
                return;
            }
            auto *dialog = new DiffDialog(left, right, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
        });
    });
}

void MainWindow::saveBody()
{
    const auto r = m_detail->request();
    if (!r)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Body"), QDir::homePath());
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(r->request.body()) != r->request.body().size() || !file.commit())
        showError(tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
}

void MainWindow::onSessionChanged(const QString &path, bool scratch, bool resumed)
{
    const QString name = scratch ? tr("Unsaved session") : QFileInfo(path).fileName();
    setWindowTitle(tr("%1 — Hookscope").arg(name));
    m_sessionLabel->setText(QDir::toNativeSeparators(path));
    m_sessionLabel->setToolTip(scratch ? tr("Kept automatically until you save it elsewhere (File ▸ Save Session "
                                            "As)")
                                       : QString());
    if (resumed)
        statusBar()->showMessage(tr("Continuing your unsaved session. File ▸ New Session starts an empty one."), 15000);
    if (!scratch)
        rememberRecent(path);
    m_recent.clear();
    m_recentOrder.clear();
    reloadTable(path);
    if (!m_listenerStarted) {
        m_listenerStarted = true;
        Settings settings;
        Capture::ListenConfig config;
        config.address = m_options.address;
        config.port = m_options.port;
        config.portAttempts = m_options.portAttempts;
        config.fallbackToAnyPort = true; // the session is already open: the controller opened it
        config.fastAck = !settings.get(Settings::DurableAnswers);
        config.limits = settings.limits();
        config.rules = m_rules.rules;
        config.answer = m_rules.fallback;
        m_engine->start(config);
    }
}

void MainWindow::rememberRecent(const QString &path)
{
    Settings settings;
    QStringList recent = settings.get(Settings::RecentSessions);
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kRecentSessions)
        recent.removeLast();
    settings.set(Settings::RecentSessions, recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = Settings().get(Settings::RecentSessions);
    for (const QString &path : recent) {
        QAction *open = m_recentMenu->addAction(QDir::toNativeSeparators(path));
        connect(open, &QAction::triggered, this, [this, path] { openSession(path); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::onCaptured(const Session::CapturedBatch &batch)
{
    for (const Session::CapturedRequestPtr &r : batch) {
        m_recent.insert(r->id, r);
        m_recentOrder.append(r->id);
    }
    while (m_recentOrder.size() > kRecentRecords)
        m_recent.remove(m_recentOrder.takeFirst());
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
    if (!action(QStringLiteral("followNewest"))->isChecked())
        return;
    // The newest row is at the bottom in order of arrival, at the top newest first; sorted by
    // anything else it has no fixed place, and the view stays where the user put it.
    const QHeaderView *header = m_table->horizontalHeader();
    if (!m_model->isSorted())
        m_table->scrollToBottom();
    else if (header->sortIndicatorSection() == RequestTableModel::Id)
        m_table->scrollToTop();
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
    ++m_filterGeneration; // a search in the previous session's file is void
    const Progress progress = startProgress(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    const QPointer<QProgressDialog> dialog = progress.dialog;
    m_loader.start([this, path, generation, cancel = progress.cancel, dialog] {
        auto store = std::make_shared<Session::SummaryStore>();
        Session::SessionReader reader;
        QString error;
        const Session::SessionFile::Info info = reader.open(path);
        if (info.problem != Session::FileProblem::None)
            error = info.error;
        else if (!reader.loadSummaries(*store, 0, [&](qint64 done, qint64 total) {
                     reportProgress(dialog, done, total);
                     return !*cancel;
                 }))
            error = *cancel ? tr("Showing the requests was cancelled; capture goes on into %1.")
                                  .arg(QDir::toNativeSeparators(path))
                            : tr("%1: %2").arg(QDir::toNativeSeparators(path), reader.error());
        QMetaObject::invokeMethod(this, [this, generation, store, error, dialog] {
            if (dialog)
                dialog->deleteLater();
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
    if (!m_filter.isEmpty())
        applyFilter(m_filter); // the filter shown applies to the session just loaded
    updateCount();
    updateEmptyState();
    followNewest();
}

void MainWindow::onSelectionChanged()
{
    const QModelIndexList rows =
        m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    if (rows.size() != 1) {
        m_detailId = 0;
        m_detail->clear();
        return;
    }
    const qint64 id = m_model->idAt(rows.first().row());
    if (id == m_detailId && m_detail->request())
        return;
    m_detailId = id;
    const int generation = ++m_detailGeneration;
    if (const Session::CapturedRequestPtr known = m_recent.value(id)) {
        m_detail->showRequest(known);
        return;
    }
    // Older requests come from the file, off the GUI thread; a newer selection wins.
    const QString path = m_sessions->path();
    m_loader.start([this, path, id, generation] {
        Session::SessionReader reader;
        Session::CapturedRequestPtr loaded;
        if (reader.open(path).problem == Session::FileProblem::None)
            loaded = reader.load(id);
        const QString error = loaded ? QString() : reader.error();
        QMetaObject::invokeMethod(this, [this, generation, loaded, error] {
            if (generation != m_detailGeneration)
                return;
            if (!loaded)
                showError(tr("Could not read this request: %1").arg(error));
            m_detail->showRequest(loaded);
        });
    });
}

void MainWindow::applyFilter(const Session::Filter &filter)
{
    m_filter = filter;
    const int generation = ++m_filterGeneration;
    if (m_scanCancel)
        *m_scanCancel = true; // the previous search through bodies is no longer wanted
    m_scanRunning = false;
    m_filterBar->setProgress(0, 0);
    const qint64 selected = m_detailId;
    if (filter.isEmpty()) {
        m_model->clearFilter();
        reselect(selected);
        updateCount();
        return;
    }
    // Summary fields first, here: a few milliseconds even at a million rows.
    const Session::FilterEvaluator evaluator(filter);
    Session::FilterEvaluator::Matches matches = evaluator.evaluate(m_model->store());
    m_model->setFilter(std::move(matches.rows),
                       [evaluator](const Session::CapturedRequest &r) { return evaluator.matches(r); });
    reselect(selected);
    updateCount();
    if (matches.undecided.empty())
        return;
    // Headers and bodies live in the file: search them off the GUI thread, and add what matches.
    std::vector<qint64> candidates = Session::FilterEvaluator::idsOf(m_model->store(), matches.undecided);
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_scanCancel = cancel;
    m_scanRunning = true;
    const QString path = m_sessions->path();
    m_loader.start([this, evaluator, candidates = std::move(candidates), cancel, path, generation]() mutable {
        const auto result =
            evaluator.scanPayloads(path, std::move(candidates), [this, cancel, generation](qint64 done, qint64 total) {
                QMetaObject::invokeMethod(this, [this, generation, done, total] {
                    if (generation == m_filterGeneration)
                        m_filterBar->setProgress(done, total);
                });
                return !*cancel;
            });
        QMetaObject::invokeMethod(this, [this, result, generation] {
            if (generation != m_filterGeneration || result.cancelled)
                return;
            m_scanRunning = false;
            m_filterBar->setProgress(0, 0);
            if (!result.error.isEmpty())
                showError(result.error);
            const qint64 selectedNow = m_detailId;
            std::vector<quint32> rows =
                Session::FilterEvaluator::mergeRows(m_model->store(), m_model->filterRows(), result.ids);
            const Session::FilterEvaluator again(m_filter);
            m_model->setFilter(std::move(rows),
                               [again](const Session::CapturedRequest &r) { return again.matches(r); });
            reselect(selectedNow);
            updateCount();
        });
    });
}

void MainWindow::reselect(qint64 id)
{
    const int row = id > 0 ? m_model->rowOfId(id) : -1;
    if (row < 0)
        return;
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
}

bool MainWindow::isDetailReady() const
{
    return m_detail->request() && m_detail->request()->id == m_detailId;
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

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        const QString path = urls.first().toLocalFile();
        if (path.endsWith(QLatin1String(".hookscope")) || path.endsWith(QLatin1String(".har")))
            event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = event->mimeData()->urls().value(0).toLocalFile();
    if (path.endsWith(QLatin1String(".har")))
        importHar(path);
    else
        openSession(path);
    event->acceptProposedAction();
}

QString MainWindow::statusText() const
{
    return m_urlLabel->text();
}

} // namespace Ui
